// What the apply tests share: file contents whose hunks git can place, temp repos removed after
// each test, and small readers of an outcome.
import { afterEach } from 'vitest';
import type { PatchResult } from '../../src/git/apply-outcome.ts';
import { makeRepo, type TestRepo } from './git-repo.ts';

/** A Kconfig file of 40 entries: long enough for hunks with context and offsets. */
export const KCONFIG = Array.from(
  { length: 40 },
  (_, i) => `config SYM_${i}\n\tbool "Symbol ${i}"\n`,
).join('\n');

export const MAKEFILE = 'obj-y += a.o\nobj-y += b.o\nobj-y += c.o\n';

/** makeRepo() for a test file; every repository made is removed after each test. */
export function repoFactory(): (files: Parameters<typeof makeRepo>[0]) => TestRepo {
  const repos: TestRepo[] = [];
  afterEach(() => {
    for (const r of repos.splice(0)) r.remove();
  });
  return (files) => {
    const repo = makeRepo(files);
    repos.push(repo);
    return repo;
  };
}

/** The result of a patch that must have applied; throws with the result otherwise. */
export function applied(
  result: PatchResult | undefined,
): Extract<PatchResult, { status: 'applied' }> {
  if (result?.status !== 'applied') throw new Error(`patch not applied: ${JSON.stringify(result)}`);
  return result;
}

/** The tree id of a revision. */
export function treeOf(repo: TestRepo, rev: string): string {
  return repo.git('rev-parse', `${rev}^{tree}`).trim();
}

// The data shared between checkouts (../shared beside the repository): the kbuild corpus and
// Patchwork's OpenAPI schema. A standalone clone has neither; the tests that need them skip,
// each with one line naming the missing file.
import { existsSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '../..');
/** The 2023 linux-kbuild archive. */
export const CORPUS = path.resolve(repoRoot, '../shared/corpus/linux-kbuild-2023.mbox.gz');
/** The January–June 2024 linux-kbuild archive. */
export const CORPUS_2024H1 = path.resolve(repoRoot, '../shared/corpus/linux-kbuild-2024h1.mbox.gz');
/** Patchwork's published OpenAPI schema. */
export const PATCHWORK_SCHEMA = path.resolve(
  repoRoot,
  '../shared/patchwork/patchwork-api-v1.4.yaml',
);

const noted = new Set<string>();

/**
 * Whether one of `files` is missing (the caller skips then, with `describe.skipIf`); prints one
 * line naming each missing file, once per test file.
 */
export function missingShared(what: string, ...files: string[]): boolean {
  const absent = files.filter((f) => !existsSync(f));
  for (const f of absent) {
    if (noted.has(`${what}\0${f}`)) continue;
    noted.add(`${what}\0${f}`);
    console.warn(`skipping ${what}: ${f} is missing (the shared data beside the checkout)`);
  }
  return absent.length > 0;
}

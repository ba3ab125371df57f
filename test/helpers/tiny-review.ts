// One test file's tiny tree: the repository (branch main) and a kreview cache, made before the
// file's tests and removed after them, and the review of a branch of commits off main as
// `kreview review` runs it (derived matrices, no preset, the cache's toolchain).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { runReview } from '../../src/commands/review-run.ts';
import type { Review } from '../../src/domain/review.ts';
import { formatPatch, makeRepo, seriesOf, type TestRepo } from './git-repo.ts';

/** One commit of a series under test: its message and the files it writes. */
export interface TestCommit {
  readonly message: string;
  readonly files: Record<string, string>;
}

export interface TinyReviewFixture {
  /** The repository; valid inside the file's tests. */
  readonly repo: TestRepo;
  /** Commits each change on `branch` off main, formats them as a series and reviews it. */
  review(branch: string, commits: readonly TestCommit[]): Promise<Review>;
}

/** Registers the set-up and clean-up of a tree with `files` for the calling test file. */
export function tinyReviewFixture(files: Record<string, string>): TinyReviewFixture {
  let repo: TestRepo | undefined;
  let cache = '';
  beforeAll(() => {
    cache = mkdtempSync(path.join(tmpdir(), 'kreview-cache-'));
    repo = makeRepo(files);
    repo.git('branch', '-M', 'main');
  });
  afterAll(() => {
    repo?.remove();
    rmSync(cache, { recursive: true, force: true });
  });
  const current = (): TestRepo => {
    if (repo === undefined) throw new Error('the tiny tree is made in beforeAll: use it in a test');
    return repo;
  };
  return {
    get repo() {
      return current();
    },
    async review(branch, commits) {
      const r = current();
      r.git('checkout', '-q', '-b', branch, 'main');
      for (const c of commits) r.commit(c.message, c.files);
      const mbox = formatPatch(r, `main..${branch}`);
      r.git('checkout', '-q', 'main');
      return runReview(await seriesOf(mbox), {
        tree: r.dir,
        base: 'main',
        presets: [],
        derive: true,
        env: { ...process.env, KREVIEW_CACHE: cache },
        toolchainCache: path.join(cache, 'toolchain'),
        progress: () => {},
      });
    },
  };
}

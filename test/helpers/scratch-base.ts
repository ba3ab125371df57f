// Bases made for a review in a scratch clone of the cached kernel tree (never in the cached tree
// itself): a commit with patches reverted, built with a temporary index, and the scripts/ that
// kreview's toolchain profile is keyed by, checked out in the scratch clone's own work tree.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testGitEnv } from './git-repo.ts';

/** A commit on `parent` that undoes `diffs` (applied in reverse, last first); its id. */
export function revertCommit(
  dir: string,
  parent: string,
  diffs: readonly string[],
  message: string,
): string {
  const indexDir = mkdtempSync(join(tmpdir(), 'kreview-revert-index-'));
  const env = { ...testGitEnv(), GIT_INDEX_FILE: join(indexDir, 'index') };
  const git = (args: string[], input?: string) =>
    execFileSync('git', args, { cwd: dir, env, input, encoding: 'utf8', maxBuffer: 1 << 26 });
  try {
    git(['read-tree', parent]);
    for (const diff of [...diffs].reverse()) git(['apply', '--cached', '-R', '-'], diff);
    const tree = git(['write-tree']).trim();
    return git(['commit-tree', tree, '-p', parent, '-F', '-'], message).trim();
  } finally {
    rmSync(indexDir, { recursive: true, force: true });
  }
}

/**
 * Checks out `commit`'s scripts/ in the scratch clone: kreview runs the Kconfig probes (and
 * keys its toolchain profile cache) from the repository's work tree, which a no-checkout
 * clone does not have.
 */
export function checkoutProbeScripts(dir: string, commit: string): void {
  execFileSync('git', ['checkout', '-q', commit, '--', 'scripts'], {
    cwd: dir,
    env: testGitEnv(),
  });
}

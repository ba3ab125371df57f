// Bases for the cases whose series was merged before the tree's release (`base: revert`): the
// tree's HEAD with the series reverse-applied, built in a shared clone under the temp dir with a
// temporary index (no checkout) and a fixed identity and date, so the same tree and series give
// the same base commit on every run. The tree itself is never written to.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Series } from '../src/domain/series.ts';

const IDENTITY = {
  GIT_AUTHOR_NAME: 'kreview eval',
  GIT_AUTHOR_EMAIL: 'eval@kreview.invalid',
  GIT_AUTHOR_DATE: '1970-01-01T00:00:00Z',
  GIT_COMMITTER_NAME: 'kreview eval',
  GIT_COMMITTER_EMAIL: 'eval@kreview.invalid',
  GIT_COMMITTER_DATE: '1970-01-01T00:00:00Z',
};

function git(
  cwd: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  input?: string | Buffer,
) {
  return execFileSync('git', args, {
    cwd,
    env: { ...process.env, ...env },
    input,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  }).trim();
}

/** The tree's HEAD commit id. */
export function treeHead(tree: string): string {
  return git(tree, ['rev-parse', 'HEAD']);
}

/**
 * A clone of `tree` sharing its objects (`git clone --shared`, no checkout) under the temp dir,
 * made once per tree HEAD: the revert bases are written there, not into the tree.
 */
export function scratchClone(tree: string): string {
  const head = treeHead(tree);
  const dir = path.join(tmpdir(), 'kreview-eval', `${path.basename(tree)}-${head.slice(0, 12)}`);
  if (!existsSync(path.join(dir, 'HEAD'))) {
    mkdirSync(path.dirname(dir), { recursive: true });
    rmSync(dir, { recursive: true, force: true });
    git(path.dirname(dir), ['clone', '--quiet', '--shared', '--bare', tree, dir]);
  }
  return dir;
}

/**
 * HEAD of `repo` with the patches of `series` (or those numbered `only`) reverse-applied, last
 * patch first; throws when one
 * does not reverse-apply (the case's base is then wrong: the series is not in the tree as posted).
 */
export function revertBase(repo: string, series: Series, only?: readonly number[]): string {
  const scratch = mkdtempSync(path.join(tmpdir(), 'kreview-eval-index-'));
  const env = { ...IDENTITY, GIT_INDEX_FILE: path.join(scratch, 'index') };
  try {
    git(repo, ['read-tree', 'HEAD'], env);
    const patches = series.patches.filter((p) => only === undefined || only.includes(p.index));
    for (const patch of [...patches].reverse()) {
      try {
        git(repo, ['apply', '-R', '--cached', '-'], env, patch.diff);
      } catch (error) {
        throw new Error(`patch ${patch.index} of "${series.subject}" does not reverse-apply`, {
          cause: error,
        });
      }
    }
    const tree = git(repo, ['write-tree'], env);
    const which = only === undefined ? '' : ` patch ${only.join(', ')} of`;
    const message = `eval base: HEAD without${which} "${series.subject}" v${series.version}`;
    return git(repo, ['commit-tree', tree, '-p', 'HEAD', '-m', message], env);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

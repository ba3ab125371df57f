// Bases for the cases whose series was merged before the tree's release (`base: revert`): the
// tree's HEAD with the series reverse-applied, built in a shared clone under the temp dir with a
// temporary index (no checkout) and a fixed identity and date, so the same tree and series give
// the same base commit on every run. The tree itself is never written to.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Series } from '../src/domain/series.ts';
import { ProcessError, runProcess } from '../src/process/run.ts';

const IDENTITY = {
  GIT_AUTHOR_NAME: 'kreview eval',
  GIT_AUTHOR_EMAIL: 'eval@kreview.invalid',
  GIT_AUTHOR_DATE: '1970-01-01T00:00:00Z',
  GIT_COMMITTER_NAME: 'kreview eval',
  GIT_COMMITTER_EMAIL: 'eval@kreview.invalid',
  GIT_COMMITTER_DATE: '1970-01-01T00:00:00Z',
};

async function git(
  cwd: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  input?: string | Buffer,
): Promise<string> {
  const run = await runProcess('git', args, {
    cwd,
    env: { ...process.env, ...env },
    ...(input === undefined ? {} : { input }),
    maxOutputBytes: 64 * 1024 * 1024,
  });
  if (run.status !== 0) {
    throw new ProcessError(`git ${args[0] ?? ''}`, `exit status ${run.status}`, {
      stderr: run.stderr,
      status: run.status,
      code: 'GIT_FAILED',
    });
  }
  return run.stdout.toString('utf8').trim();
}

/** The tree's HEAD commit id. */
export function treeHead(tree: string): Promise<string> {
  return git(tree, ['rev-parse', 'HEAD']);
}

/**
 * A clone of `tree` sharing its objects (`git clone --shared`, no checkout) under the temp dir,
 * made once per tree HEAD: the revert bases are written there, not into the tree.
 */
export async function scratchClone(tree: string): Promise<string> {
  const head = await treeHead(tree);
  const dir = path.join(tmpdir(), 'kreview-eval', `${path.basename(tree)}-${head.slice(0, 12)}`);
  if (!existsSync(path.join(dir, 'HEAD'))) {
    mkdirSync(path.dirname(dir), { recursive: true });
    rmSync(dir, { recursive: true, force: true });
    await git(path.dirname(dir), ['clone', '--quiet', '--shared', '--bare', tree, dir]);
  }
  return dir;
}

/**
 * HEAD of `repo` with the patches of `series` (or those numbered `only`) reverse-applied, last
 * patch first; throws when one
 * does not reverse-apply (the case's base is then wrong: the series is not in the tree as posted).
 */
export async function revertBase(
  repo: string,
  series: Series,
  only?: readonly number[],
): Promise<string> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'kreview-eval-index-'));
  const env = { ...IDENTITY, GIT_INDEX_FILE: path.join(scratch, 'index') };
  try {
    await git(repo, ['read-tree', 'HEAD'], env);
    const patches = series.patches.filter((p) => only === undefined || only.includes(p.index));
    for (const patch of [...patches].reverse()) {
      try {
        await git(repo, ['apply', '-R', '--cached', '-'], env, patch.diff);
      } catch (error) {
        throw new Error(`patch ${patch.index} of "${series.subject}" does not reverse-apply`, {
          cause: error,
        });
      }
    }
    const tree = await git(repo, ['write-tree'], env);
    const which = only === undefined ? '' : ` patch ${only.join(', ')} of`;
    const message = `eval base: HEAD without${which} "${series.subject}" v${series.version}`;
    return await git(repo, ['commit-tree', tree, '-p', 'HEAD', '-m', message], env);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

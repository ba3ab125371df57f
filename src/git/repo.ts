// Ordinary git questions about a repository, through simple-git: where it is, whether a commit
// exists, pointing a branch. Nothing here writes to the work tree, the index or HEAD.
import { type SimpleGit, simpleGit } from 'simple-git';
import { KreviewError } from '../domain/errors.ts';

/** The repository facts and the few ref operations apply needs. */
export interface Repo {
  /** Top-level directory (the git dir for a bare repository). */
  readonly root: string;
  /** `sha1` or `sha256`. */
  readonly objectFormat: string;
  /** The commit a revision names, or undefined when the repository does not have it. */
  resolveCommit(rev: string): Promise<string | undefined>;
  /** True when the object exists in the repository. */
  hasObject(id: string): Promise<boolean>;
  /** The name of a tag that points at the commit (the first in version order), if any. */
  tagAt(commit: string): Promise<string | undefined>;
  /** Points refs/heads/NAME at a commit (update-ref only: no checkout). */
  setBranch(name: string, commit: string): Promise<void>;
  /**
   * Fetches from a remote (a configured name or a URL), everything it advertises or one commit
   * by its full id; objects only, no ref of ours moves but FETCH_HEAD. Never throws: a failed
   * fetch is git's words, for the operator's summary.
   */
  fetch(remote: string, commit?: string): Promise<{ ok: true } | { ok: false; detail: string }>;
}

// A revision from a patch must never reach git as an option.
const SAFE_REV = /^[A-Za-z0-9_][A-Za-z0-9_./@^~{}-]*$/;

/** Opens the repository that contains `dir`; throws TREE_NOT_FOUND when there is none. */
export async function openRepo(dir: string, env: Readonly<Record<string, string>>): Promise<Repo> {
  let git: SimpleGit;
  try {
    git = simpleGitIn(dir, env);
  } catch (error) {
    throw new KreviewError(`Cannot open "${dir}": not a directory`, 'TREE_NOT_FOUND', {
      hint: 'Pass --tree with the path of a kernel git repository.',
      cause: error,
    });
  }
  let root: string;
  let objectFormat: string;
  try {
    // One git run for a work tree; --show-toplevel fails in a bare repository, asked without it.
    const facts = ['rev-parse', '--show-object-format', '--absolute-git-dir'];
    const lines = await git
      .raw([...facts, '--show-toplevel'])
      .catch(() => git.raw(facts))
      .then((out) => out.split('\n'));
    objectFormat = lines[0]?.trim() || 'sha1';
    root = (lines[2]?.trim() || lines[1]?.trim()) ?? '';
  } catch (error) {
    throw new KreviewError(`Cannot open "${dir}": not a git repository`, 'TREE_NOT_FOUND', {
      hint: 'Pass --tree with the path of a kernel git repository (see scripts/kernel-setup.sh).',
      cause: error,
    });
  }
  const inRoot = simpleGitIn(root, env);

  return {
    root,
    objectFormat,
    async resolveCommit(rev) {
      if (!SAFE_REV.test(rev)) return undefined;
      try {
        const out = await inRoot.raw(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
        return out.trim() || undefined;
      } catch {
        return undefined;
      }
    },
    async hasObject(id) {
      if (!/^[0-9a-f]{4,64}$/.test(id)) return false;
      try {
        await inRoot.raw(['cat-file', '-e', id]);
        return true;
      } catch {
        return false;
      }
    },
    async tagAt(commit) {
      if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(commit)) return undefined;
      try {
        // --points-at peels annotated tags too; version order puts v6.12 before v6.12-rc7.
        const out = await inRoot.raw([
          'for-each-ref',
          `--points-at=${commit}`,
          '--sort=version:refname',
          '--format=%(refname:short)',
          'refs/tags',
        ]);
        return out
          .split('\n')
          .find((l) => l.trim() !== '')
          ?.trim();
      } catch {
        return undefined;
      }
    },
    async fetch(remote, commit) {
      if (remote.startsWith('-') || remote.trim() === '')
        return { ok: false, detail: `"${remote}" is not a remote` };
      if (commit !== undefined && !/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(commit))
        return { ok: false, detail: `"${commit}" is not a full commit id` };
      try {
        await inRoot.raw([
          'fetch',
          '--quiet',
          '--no-tags',
          remote,
          ...(commit === undefined ? [] : [commit]),
        ]);
        return { ok: true };
      } catch (error) {
        return { ok: false, detail: error instanceof Error ? error.message.trim() : String(error) };
      }
    },
    async setBranch(name, commit) {
      const ref = `refs/heads/${name}`;
      try {
        await inRoot.raw(['check-ref-format', ref]);
      } catch (error) {
        throw new KreviewError(`Cannot create branch "${name}": not a valid branch name`, 'USAGE', {
          cause: error,
        });
      }
      const head = (await inRoot.raw(['symbolic-ref', '--quiet', 'HEAD']).catch(() => '')).trim();
      if (head === ref) {
        // Moving the checked-out branch would leave the work tree and index behind it.
        throw new KreviewError(`Cannot point "${name}" at the result: it is checked out`, 'USAGE', {
          hint: 'Choose another --branch name.',
        });
      }
      try {
        await inRoot.raw(['update-ref', '-m', 'kreview apply', ref, commit]);
      } catch (error) {
        throw new KreviewError(
          `Cannot point "${name}" at ${commit}: update-ref failed`,
          'GIT_FAILED',
          {
            cause: error,
          },
        );
      }
    },
  };
}

// simple-git rejects GIT_* variables passed to .env() unless they are named as allowed, and
// refuses pager variables outright (none of these commands pages, so they are dropped).
function simpleGitIn(dir: string, env: Readonly<Record<string, string>>): SimpleGit {
  const kept = Object.fromEntries(Object.entries(env).filter(([key]) => !key.endsWith('PAGER')));
  const allowEnvironment = Object.keys(kept).filter((key) => key.startsWith('GIT_'));
  return simpleGit({ baseDir: dir, allowEnvironment }).env(kept);
}

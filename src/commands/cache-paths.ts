import os from 'node:os';
import path from 'node:path';

/** Where kreview keeps what it may reuse between runs (kernel trees, toolchain profiles). */
export interface CachePaths {
  readonly root: string;
  /** Recorded toolchain profiles, one file per tree, arch and toolchain. */
  readonly toolchain: string;
}

/**
 * The cache directories of one command run: $KREVIEW_CACHE, else $HOME/.cache/kreview (the
 * user's home directory when HOME is unset). Resolved once, where a command starts, so every
 * part of the run reads and writes the same place.
 */
export function cachePaths(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): CachePaths {
  const given = env.KREVIEW_CACHE;
  const root =
    given !== undefined && given !== ''
      ? path.resolve(cwd, given)
      : path.join(env.HOME || os.homedir(), '.cache/kreview');
  return { root, toolchain: path.join(root, 'toolchain') };
}

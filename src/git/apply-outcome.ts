// What applying a series came to, as values: per patch applied (with its commit), already in the
// base, failed (file, hunk and git's own words) or not tried after an earlier failure.
import type { FilePatch } from '../domain/patch.ts';
import type { BaseChoice } from './base.ts';

/** Why a patch did not apply: the file and 1-based hunk when known, and git's own words. */
export interface ApplyError {
  readonly file: string | undefined;
  readonly hunk: number | undefined;
  readonly message: string;
}

/** How an applied patch was applied: in memory from blobs, or by `git apply --cached`. */
export type ApplyVia = 'memory' | 'git-apply';

export type PatchResult =
  | {
      readonly index: number;
      readonly subject: string;
      readonly status: 'applied';
      readonly commit: string;
      readonly tree: string;
      readonly via: ApplyVia;
    }
  | { readonly index: number; readonly subject: string; readonly status: 'already-applied' }
  | {
      readonly index: number;
      readonly subject: string;
      readonly status: 'failed';
      readonly error: ApplyError;
    }
  | { readonly index: number; readonly subject: string; readonly status: 'not-tried' };

/** A series applied on a base: ok when no patch failed; head is the last commit made. */
export interface ApplyOutcome {
  readonly ok: boolean;
  readonly base: BaseChoice;
  /** The last commit of the result; the base when nothing was applied; undefined without base. */
  readonly head: string | undefined;
  readonly patches: readonly PatchResult[];
}

const PATCH_FAILED = /^error: patch failed: (.+):(\d+)$/m;
const PATH_ERROR =
  /^error: (.+?): (does not exist in index|already exists in index|patch does not apply|does not match index|wrong type|unsupported file type)$/m;
const INVALID_PATH = /^error: invalid path '(.+)'$/m;

/** The file and hunk git's stderr names, matched to the patch's parsed files where it can be. */
export function locateFailure(stderr: string, files: readonly FilePatch[]): ApplyError {
  const message = gitWords(stderr);
  const failed = PATCH_FAILED.exec(stderr);
  if (failed !== null) {
    const file = failed[1] ?? '';
    const line = Number(failed[2]);
    const parsed = files.find((f) => f.newPath === file || f.oldPath === file);
    const at = parsed?.hunks.findIndex((h) => h.oldStart === line) ?? -1;
    return { file, hunk: at >= 0 ? at + 1 : undefined, message };
  }
  const pathError = PATH_ERROR.exec(stderr) ?? INVALID_PATH.exec(stderr);
  if (pathError !== null) return { file: pathError[1], hunk: undefined, message };
  return { file: files[0]?.newPath, hunk: undefined, message };
}

/** Git's stderr as one line per message, without the `error: ` prefixes repeated. */
export function gitWords(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('hint:') && !l.startsWith('warning: '));
  return lines.slice(0, 6).join('; ') || 'git apply failed without saying why';
}

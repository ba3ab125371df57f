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

/**
 * What git's rules needed for a patch to apply: every hunk where its header says, some hunks
 * moved ("succeeded at N (offset M lines)"), or a 3-way merge with the preimage blobs. git apply,
 * as git am runs it, never reduces context, so there is no fuzz to report.
 */
export type ApplyFit = 'exact' | 'offsets' | '3-way';

export type PatchResult =
  | {
      readonly index: number;
      readonly subject: string;
      readonly status: 'applied';
      readonly commit: string;
      readonly tree: string;
      readonly via: ApplyVia;
      readonly fit: ApplyFit;
    }
  | { readonly index: number; readonly subject: string; readonly status: 'already-applied' }
  | {
      readonly index: number;
      readonly subject: string;
      readonly status: 'failed';
      readonly error: ApplyError;
    }
  | { readonly index: number; readonly subject: string; readonly status: 'not-tried' };

/**
 * A `prerequisite-patch-id:` the series names, and what became of it: a patch of the same mbox
 * with that patch-id applied first (or already in the base, or failing there), or missing.
 */
export interface PrerequisiteResult {
  readonly id: string;
  readonly status: 'applied' | 'already-applied' | 'failed' | 'not-tried' | 'missing';
  /** The subject of the mbox patch with this patch-id, when there is one. */
  readonly subject: string | undefined;
}

/** A series applied on a base: ok when no patch failed; head is the last commit made. */
export interface ApplyOutcome {
  readonly ok: boolean;
  readonly base: BaseChoice;
  /** The commit the series' first patch was applied on: the base plus applied prerequisites. */
  readonly start: string | undefined;
  /** The last commit of the result; the start when nothing was applied; undefined without base. */
  readonly head: string | undefined;
  readonly prerequisites: readonly PrerequisiteResult[];
  readonly patches: readonly PatchResult[];
}

/**
 * How the applied patches went on, as the end of the base sentence ("the patches apply there
 * with offsets"), or undefined when every hunk applied where its header says.
 */
export function fitText(patches: readonly PatchResult[]): string | undefined {
  const applied = patches.filter((p) => p.status === 'applied');
  const needs: string[] = [];
  if (applied.some((p) => p.fit === 'offsets')) needs.push('offsets');
  if (applied.some((p) => p.fit === '3-way')) needs.push('a 3-way merge');
  if (needs.length === 0) return undefined;
  const all = applied.length === patches.length;
  const who =
    patches.length === 1
      ? 'the patch applies'
      : all
        ? 'the patches apply'
        : `patch${applied.length === 1 ? '' : 'es'} ${applied.map((p) => p.index).join(', ')} ${applied.length === 1 ? 'applies' : 'apply'}`;
  return `${who} there with ${needs.join(' and ')}`;
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

// `git apply --verbose` quotes the lines it searched for, up to its next "error: " line.
function withoutSearchedLines(stderr: string): string {
  return stderr.replace(/^error: while searching for:\n[\s\S]*?(?=^error: |(?![\s\S]))/gm, '');
}

// What `git apply --verbose` says of its progress, not of a failure.
const VERBOSE = /^(Checking patch .*\.\.\.|Hunk #\d+ succeeded at .*|Applied patch .* cleanly\.)$/;

/** Git's stderr as one line per message, without the `error: ` prefixes repeated. */
export function gitWords(stderr: string): string {
  const lines = withoutSearchedLines(stderr)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('hint:') && !l.startsWith('warning: '))
    .filter((l) => !VERBOSE.test(l));
  return lines.slice(0, 6).join('; ') || 'git apply failed without saying why';
}

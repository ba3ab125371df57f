// Applies a file's hunks to its content the way `git apply` does without options: every context
// line must match exactly, a hunk may move (nearest position first, after before before), a hunk
// at line 1 must match at the start and one without trailing context at the end, and a hunk
// never matches lines an earlier hunk wrote. Nothing is fuzzed.
//
// Text is handled as "binary strings" (latin1: one char per byte), so any bytes round-trip.
import type { Hunk } from '../domain/patch.ts';

/**
 * The new content and how many hunks git would report "succeeded at N (offset M lines)" for, or
 * the 1-based hunk that did not match.
 */
export type HunkApplyResult =
  | { readonly ok: true; readonly content: Buffer; readonly moved: number }
  | { readonly ok: false; readonly hunk: number };

/**
 * Applies the hunks in order to `content` and returns the result or the hunk that failed.
 * `bytes[i]` are hunk i's lines as the mail's bytes (hunkLineBytes): matched and written as they
 * are, so a Latin-1 context line matches the file as git apply matches it.
 */
export function applyHunks(
  content: Buffer,
  hunks: readonly Hunk[],
  bytes: readonly (readonly string[])[],
): HunkApplyResult {
  const image = splitLines(content.toString('latin1'));
  const patched = image.map(() => false);
  let moved = 0;
  for (const [i, hunk] of hunks.entries()) {
    const { pre, post, trailing } = hunkImages(hunk, bytes[i] ?? []);
    const matchBeginning = hunk.oldStart === 0 || hunk.oldStart === 1;
    const matchEnd = trailing === 0;
    const start = hunk.newStart > 0 ? hunk.newStart - 1 : 0;
    const at = findPosition(image, patched, pre, start, matchBeginning, matchEnd);
    if (at < 0) return { ok: false, hunk: i + 1 };
    if (at !== start) moved++;
    image.splice(at, pre.length, ...post);
    patched.splice(at, pre.length, ...post.map(() => true));
  }
  return { ok: true, content: Buffer.from(image.join(''), 'latin1'), moved };
}

/** Lines with their terminators; a last line without one stays as it is. */
export function splitLines(text: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (;;) {
    const nl = text.indexOf('\n', from);
    if (nl < 0) break;
    out.push(text.slice(from, nl + 1));
    from = nl + 1;
  }
  if (from < text.length) out.push(text.slice(from));
  return out;
}

// The lines a hunk expects (context and removed) and writes (context and added), as byte
// strings with their line ends; "\ No newline at end of file" takes the end off the line before.
function hunkImages(
  hunk: Hunk,
  raw: readonly string[],
): { pre: string[]; post: string[]; trailing: number } {
  const pre: string[] = [];
  const post: string[] = [];
  const lines = hunk.lines;
  for (const [i, line] of lines.entries()) {
    if (line.kind === 'no-newline') continue;
    const bytes = (raw[i] ?? '').slice(1);
    const text = lines[i + 1]?.kind === 'no-newline' ? bytes : `${bytes}\n`;
    if (line.kind !== 'add') pre.push(text);
    if (line.kind !== 'del') post.push(text);
  }
  const kinds = lines.filter((l) => l.kind !== 'no-newline').map((l) => l.kind);
  const fromEnd = [...kinds].reverse().findIndex((k) => k !== 'context');
  const trailing = fromEnd < 0 ? kinds.length : fromEnd;
  return { pre, post, trailing };
}

// git's search order: the expected line, then one after, one before, two after, two before...
function findPosition(
  image: readonly string[],
  patched: readonly boolean[],
  pre: readonly string[],
  expected: number,
  matchBeginning: boolean,
  matchEnd: boolean,
): number {
  if (pre.length > image.length) return -1;
  let line = matchBeginning ? 0 : matchEnd ? image.length - pre.length : expected;
  if (line > image.length) line = image.length;
  const fits = (at: number): boolean => {
    if (matchBeginning && at !== 0) return false;
    if (matchEnd && at + pre.length !== image.length) return false;
    if (at < 0 || at + pre.length > image.length) return false;
    for (let k = 0; k < pre.length; k++) {
      if (patched[at + k] || image[at + k] !== pre[k]) return false;
    }
    return true;
  };
  if (fits(line)) return line;
  const last = image.length - pre.length;
  for (let d = 1; line + d <= last || line - d >= 0; d++) {
    if (line + d <= last && fits(line + d)) return line + d;
    if (line - d >= 0 && fits(line - d)) return line - d;
  }
  return -1;
}

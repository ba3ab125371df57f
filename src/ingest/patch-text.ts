// Splits the body of a patch mail as git mailinfo does: in-body headers, commit message, notes
// after `---`, the diff, and what follows it (base-commit:, prerequisite-patch-id:, signature).
import type { FilePatch } from '../domain/patch.ts';
import { parseDiff, startsFileDiff } from './diff-parse.ts';

/** The parts of a patch mail's body. */
export interface PatchText {
  /** In-body `From:`, `Date:` and `Subject:` lines at the top of the body, which override the mail's. */
  readonly inBody: { readonly from?: string; readonly date?: string; readonly subject?: string };
  /** The commit message body (after the summary line), without trailing blank lines. */
  readonly message: string;
  /** The diff's bytes exactly as in the mail, from its first line to the last line of its last hunk. */
  readonly diff: Buffer;
  readonly files: readonly FilePatch[];
  readonly problems: readonly string[];
  readonly baseCommit: string | undefined;
  readonly prerequisitePatchIds: readonly string[];
}

const IN_BODY = /^(From|Date|Subject):[ \t]*(.*)$/i;

/**
 * Reads a patch mail body into its parts. `bytes` are the body's bytes when the text is not their
 * UTF-8 (MailMessage.bodyBytes): the diff is then cut from them, line for line, so it applies as
 * git am applies the mail; everything else is read from the text.
 */
export function splitPatchText(body: string, bytes?: Buffer): PatchText {
  const lines = body.split('\n');
  let i = 0;
  while (i < lines.length && (lines[i] ?? '').trim() === '') i += 1;
  const inBody: { from?: string; date?: string; subject?: string } = {};
  for (let m = IN_BODY.exec(lines[i] ?? ''); m !== null; m = IN_BODY.exec(lines[i] ?? '')) {
    const key = (m[1] ?? '').toLowerCase() as 'from' | 'date' | 'subject';
    inBody[key] = (m[2] ?? '').trim();
    i += 1;
  }
  const start = i;
  while (i < lines.length && !isPatchBreak(lines, i)) i += 1;
  const message = lines
    .slice(start, i)
    .join('\n')
    .replace(/^\s*\n/, '')
    .trimEnd();
  let diffStart = i;
  while (
    diffStart < lines.length &&
    !startsFileDiff(lines, diffStart) &&
    lines[diffStart] !== '-- '
  )
    diffStart += 1;
  const parsed = parseDiff(lines, diffStart);
  const diff = diffBytes(lines, bytes, diffStart, parsed.end);
  const outside = [...lines.slice(i, diffStart), ...lines.slice(parsed.end)];
  const refs = baseReferences(outside);
  return { inBody, message, diff, files: parsed.files, problems: parsed.problems, ...refs };
}

// Lines [from, to) of the body, each ended by a newline. Decoding never adds or drops a line end
// in the charsets mail uses for patches, so line i of the text is line i of the bytes; a body
// where that is not so (UTF-16, say) is no patch git could apply either, and keeps its text.
function diffBytes(
  lines: readonly string[],
  bytes: Buffer | undefined,
  from: number,
  to: number,
): Buffer {
  if (to <= from) return Buffer.alloc(0);
  const byteLines = bytes === undefined ? [] : splitAt(bytes, 10);
  if (byteLines.length !== lines.length)
    return Buffer.from(`${lines.slice(from, to).join('\n')}\n`);
  return Buffer.concat(byteLines.slice(from, to).flatMap((line) => [line, NEWLINE]));
}

const NEWLINE = Buffer.from('\n');

// Like String.split: the pieces between each `byte`, the last one possibly empty.
function splitAt(bytes: Buffer, byte: number): Buffer[] {
  const out: Buffer[] = [];
  let from = 0;
  for (let at = bytes.indexOf(byte); at >= 0; at = bytes.indexOf(byte, from)) {
    out.push(bytes.subarray(from, at));
    from = at + 1;
  }
  out.push(bytes.subarray(from));
  return out;
}

/** `base-commit:` and `prerequisite-patch-id:` lines (as format-patch --base writes them). */
export function baseReferences(lines: readonly string[]): {
  baseCommit: string | undefined;
  prerequisitePatchIds: string[];
} {
  let baseCommit: string | undefined;
  const prerequisitePatchIds: string[] = [];
  for (const line of lines) {
    const base = /^base-commit: ([0-9a-f]{7,64})\s*$/.exec(line);
    if (base !== null) baseCommit ??= base[1];
    const prereq = /^prerequisite-patch-id: ([0-9a-f]{40,64})\s*$/.exec(line);
    if (prereq?.[1] !== undefined) prerequisitePatchIds.push(prereq[1]);
  }
  return { baseCommit, prerequisitePatchIds };
}

// git mailinfo's patch break: a `---` line (maybe with trailing space), or the start of a diff.
function isPatchBreak(lines: readonly string[], i: number): boolean {
  const line = lines[i] ?? '';
  if (/^---\s*$/.test(line)) return true;
  return line.startsWith('diff -') || line.startsWith('Index: ') || startsFileDiff(lines, i);
}

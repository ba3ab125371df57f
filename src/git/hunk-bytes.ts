// The lines of each hunk as the mail has them, bytes and all. The parsed hunks (FilePatch) are
// decoded text for analysis; a context line with a Latin-1 byte must still match the file's byte,
// so the in-memory applier takes each hunk's lines from the diff's bytes, found by position.
import type { FilePatch, HunkLine } from '../domain/patch.ts';

/**
 * Per file, per hunk, the hunk's lines (marker included, line end not) as byte strings (Latin-1:
 * one char per byte). Undefined when the diff's `@@ ` lines and the parsed hunks do not pair up
 * one to one, line for line: then the parse and the bytes disagree and git should decide.
 */
export function hunkLineBytes(diff: Buffer, files: readonly FilePatch[]): string[][][] | undefined {
  const lines = diff.toString('latin1').split('\n');
  const headers: number[] = [];
  for (const [i, line] of lines.entries()) if (line.startsWith('@@ ')) headers.push(i);
  const out: string[][][] = [];
  let next = 0;
  for (const file of files) {
    const hunks: string[][] = [];
    for (const hunk of file.hunks) {
      const at = headers[next++];
      if (at === undefined) return undefined;
      const body = lines.slice(at + 1, at + 1 + hunk.lines.length);
      if (body.length !== hunk.lines.length) return undefined;
      if (!hunk.lines.every((line, k) => MARKS[line.kind].includes(body[k]?.[0] ?? ''))) {
        return undefined;
      }
      hunks.push(body);
    }
    out.push(hunks);
  }
  return next === headers.length ? out : undefined;
}

// The first byte each kind of line may start with ('' is a context line whose space a mailer ate).
const MARKS: Readonly<Record<HunkLine['kind'], readonly string[]>> = {
  context: [' ', ''],
  del: ['-'],
  add: ['+'],
  'no-newline': ['\\'],
};

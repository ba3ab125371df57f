// One `@@ -a,b +c,d @@` hunk of a diff, read with old and new line numbers. A hunk whose lines do
// not add up to its header is a problem reported, not an exception: the lines read are kept.
import type { Hunk, HunkLine } from '../domain/patch.ts';

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$/;

/** Reads the hunk starting at line `start`; `next` is the first line after it. */
export function readHunk(
  lines: readonly string[],
  start: number,
  path: string,
  problems: string[],
): { hunk: Hunk | undefined; next: number } {
  const header = lines[start] ?? '';
  const m = HUNK.exec(header);
  if (m === null) {
    problems.push(`Cannot read hunk header "${header}" of "${path}"`);
    return { hunk: undefined, next: start + 1 };
  }
  const oldStart = Number(m[1]);
  const oldLines = m[2] === undefined ? 1 : Number(m[2]);
  const newStart = Number(m[3]);
  const newLines = m[4] === undefined ? 1 : Number(m[4]);
  let oldLeft = oldLines;
  let newLeft = newLines;
  let oldLine = oldStart;
  let newLine = newStart;
  const out: HunkLine[] = [];
  let i = start + 1;
  for (; i < lines.length && (oldLeft > 0 || newLeft > 0); i++) {
    const line = lines[i] ?? '';
    const mark = line[0];
    // Mailers drop the single space of an empty context line; git apply accepts that too.
    if ((mark === ' ' || line === '') && oldLeft > 0 && newLeft > 0) {
      out.push({ kind: 'context', text: line.slice(1), oldLine: oldLine++, newLine: newLine++ });
      oldLeft -= 1;
      newLeft -= 1;
    } else if (mark === '-' && oldLeft > 0) {
      out.push({ kind: 'del', text: line.slice(1), oldLine: oldLine++, newLine: undefined });
      oldLeft -= 1;
    } else if (mark === '+' && newLeft > 0) {
      out.push({ kind: 'add', text: line.slice(1), oldLine: undefined, newLine: newLine++ });
      newLeft -= 1;
    } else if (mark === '\\') {
      out.push({
        kind: 'no-newline',
        text: line.slice(1).trim(),
        oldLine: undefined,
        newLine: undefined,
      });
    } else break;
  }
  if (oldLeft > 0 || newLeft > 0) {
    problems.push(
      `hunk "${header}" of "${path}" ends early: ${oldLeft} old and ${newLeft} new lines missing`,
    );
  }
  if ((lines[i] ?? '').startsWith('\\')) {
    out.push({
      kind: 'no-newline',
      text: (lines[i] ?? '').slice(1).trim(),
      oldLine: undefined,
      newLine: undefined,
    });
    i += 1;
  }
  return {
    hunk: { oldStart, oldLines, newStart, newLines, section: m[5] ?? '', lines: out },
    next: i,
  };
}

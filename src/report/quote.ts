// Interleaved quoting: only the hunks that carry findings, quoted with "> ", each finding
// written directly under the lines it concerns, the rest snipped as "> [...]".
import type { Finding } from '../domain/finding.ts';
import type { FilePatch, Hunk, HunkLine } from '../domain/patch.ts';
import type { Patch } from '../domain/series.ts';
import { wrapProse } from './wrap.ts';

const LEAD = 3;
const SNIP = '> [...]';

/** The quoted body of a reply to `patch` carrying `findings` (all of this patch). */
export function quotePatch(patch: Patch, findings: readonly Finding[]): string[] {
  const out: string[] = [];
  const placed = new Set<Finding>();
  const loose = findings.filter((f) => f.anchor.file === undefined || f.anchor.line === undefined);
  if (loose.length > 0) {
    out.push(`> ${patch.commitMessage.split('\n')[0] ?? patch.subject}`, SNIP, '');
    for (const f of loose) out.push(...findingText(f), '');
    for (const f of loose) placed.add(f);
  }
  for (const file of patch.files) {
    const here = findings.filter((f) => !placed.has(f) && f.anchor.file === pathOf(file));
    const quoted = quoteFile(file, here);
    if (quoted.lines.length === 0) continue;
    gap(out);
    out.push(...quoted.lines);
    for (const f of quoted.placed) placed.add(f);
  }
  // Findings whose line is not in any hunk (a line of the file the patch does not show).
  const rest = findings.filter((f) => !placed.has(f));
  if (rest.length > 0) {
    gap(out);
    for (const f of rest) out.push(...findingText(f, true), '');
  }
  while (out[out.length - 1] === '') out.pop();
  return out;
}

// Between two quoted blocks: "> [...]" when the quote goes on after a cut, a blank line when the
// previous block ended in reply text (the next hunk or diff header shows the cut itself).
function gap(lines: string[]): void {
  while (lines[lines.length - 1] === '') lines.pop();
  const last = lines[lines.length - 1];
  if (last === undefined) return;
  if (last.startsWith('>')) {
    if (last !== SNIP) lines.push(SNIP);
  } else lines.push('');
}

function pathOf(file: FilePatch): string {
  return file.change === 'deleted' ? file.oldPath : file.newPath;
}

function quoteFile(
  file: FilePatch,
  findings: readonly Finding[],
): { lines: string[]; placed: Finding[] } {
  const lines: string[] = [];
  const placed: Finding[] = [];
  for (const hunk of file.hunks) {
    const at = (f: Finding) => lineIndex(hunk, f);
    const mine = findings.filter((f) => at(f) >= 0).sort((a, b) => at(a) - at(b));
    if (mine.length === 0) continue;
    if (lines.length === 0) lines.push(`> diff --git a/${file.oldPath} b/${file.newPath}`);
    else gap(lines);
    lines.push(`> ${hunkHeader(hunk)}`);
    let next = 0;
    for (const finding of mine) {
      const end = at(finding);
      if (end >= next) {
        const start = Math.max(next, end - LEAD);
        const entry = enclosingEntry(hunk, next, start);
        if (entry !== undefined) {
          if (entry > next) lines.push(SNIP);
          lines.push(quoteLine(hunk.lines[entry] as HunkLine));
          if (start > entry + 1) lines.push(SNIP);
        } else if (start > next) lines.push(SNIP);
        lines.push(...hunk.lines.slice(start, end + 1).map(quoteLine));
        lines.push('');
        next = end + 1;
      }
      lines.push(...findingText(finding), '');
      placed.push(finding);
    }
  }
  while (lines[lines.length - 1] === '' || lines[lines.length - 1] === SNIP) lines.pop();
  return { lines, placed };
}

const ENTRY = /^(?:menu)?config\s+\w+|^choice\b/;

// The Kconfig entry (config X) the quoted lines belong to, when the cut would hide it: the reader
// needs the symbol's name to follow "depends on" and "select" lines.
function enclosingEntry(hunk: Hunk, from: number, start: number): number | undefined {
  for (let i = start - 1; i >= from; i--) {
    const line = hunk.lines[i];
    if (line !== undefined && line.kind !== 'del' && ENTRY.test(line.text)) return i;
  }
  return undefined;
}

function lineIndex(hunk: Hunk, finding: Finding): number {
  const { line, side } = finding.anchor;
  return hunk.lines.findIndex((l) =>
    side === 'old'
      ? l.kind !== 'add' && l.oldLine === line
      : l.kind !== 'del' && l.newLine === line,
  );
}

function hunkHeader(hunk: Hunk): string {
  const range = (start: number, count: number) => (count === 1 ? `${start}` : `${start},${count}`);
  const section = hunk.section === '' ? '' : ` ${hunk.section}`;
  return `@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@${section}`;
}

function quoteLine(line: HunkLine): string {
  const marker = { context: ' ', add: '+', del: '-', 'no-newline': '\\' }[line.kind];
  return `> ${marker}${line.text}`;
}

/**
 * A finding as reply text: what is wrong (the title) and what to do (the advice) in one
 * paragraph, then the evidence (the detail) wrapped; `where` adds the file:line.
 */
export function findingText(finding: Finding, where = false): string[] {
  const place =
    where && finding.anchor.file !== undefined
      ? `${finding.anchor.file}:${finding.anchor.line ?? '?'}: `
      : '';
  const advice = finding.advice === undefined ? '' : ` ${finding.advice}`;
  return wrapProse(`${place}${finding.title}.${advice}\n\n${finding.detail}`).split('\n');
}

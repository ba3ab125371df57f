// Parses the diff of a patch mail into files and hunks with line numbers. Written here rather
// than with jsdiff's parsePatch because that throws on a hunk whose counts do not match and
// skips binary patches; here a bad hunk is a problem reported and the rest is still read.
import type { FileChange, FilePatch, Hunk } from '../domain/patch.ts';
import { gitHeaderPaths, markerPath, unquotePath } from './diff-paths.ts';
import { readHunk } from './hunk-parse.ts';

/** The files of a diff, the line index just after its last diff line, and what was wrong. */
export interface ParsedDiff {
  readonly files: FilePatch[];
  /** Index (into the lines given) of the first line after the diff; `from` when there was none. */
  readonly end: number;
  readonly problems: string[];
}

/** True when a line starts a file's diff (`diff --git`, or `--- ` followed by `+++ `). */
export function startsFileDiff(lines: readonly string[], i: number): boolean {
  const line = lines[i] ?? '';
  return (
    line.startsWith('diff --git ') ||
    (line.startsWith('--- ') && (lines[i + 1] ?? '').startsWith('+++ '))
  );
}

/** Reads every file diff from line `from` on, stopping at the `-- ` signature. */
export function parseDiff(raw: readonly string[], from: number): ParsedDiff {
  const files: FilePatch[] = [];
  const problems: string[] = [];
  // A quoted-printable or base64 body can carry CRLF; git keeps the CR in the patch (the diff text
  // stays as it is) but the structure is read without it.
  const crlf = raw.some((l, i) => i >= from && l.endsWith('\r'));
  const lines = crlf ? raw.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l)) : raw;
  if (crlf) problems.push('its lines end in CRLF inside an encoded body');
  let end = from;
  let i = from;
  while (i < lines.length) {
    if (isSignature(lines[i])) break;
    if (!startsFileDiff(lines, i)) {
      i += 1;
      continue;
    }
    const read = readFile(lines, i, problems);
    files.push(read.file);
    i = read.next;
    end = read.next;
  }
  return { files, end, problems };
}

interface Draft {
  oldPath: string;
  newPath: string;
  change: FileChange;
  oldMode: string | undefined;
  newMode: string | undefined;
  oldBlob: string | undefined;
  newBlob: string | undefined;
  binary: boolean;
  hunks: Hunk[];
}

function readFile(
  lines: readonly string[],
  start: number,
  problems: string[],
): { file: FilePatch; next: number } {
  const first = lines[start] ?? '';
  const git = first.startsWith('diff --git ');
  const paths = git
    ? gitHeaderPaths(first.slice('diff --git '.length))
    : { oldPath: '', newPath: '' };
  const d: Draft = {
    ...paths,
    change: 'modified',
    oldMode: undefined,
    newMode: undefined,
    oldBlob: undefined,
    newBlob: undefined,
    binary: false,
    hunks: [],
  };
  let i = git ? start + 1 : start;
  for (; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (git && readExtendedHeader(line, d)) continue;
    if (line.startsWith('--- ') && (lines[i + 1] ?? '').startsWith('+++ ')) {
      const oldPath = markerPath(line.slice(4));
      const newPath = markerPath((lines[i + 1] ?? '').slice(4));
      if (oldPath === '/dev/null') d.change = 'added';
      else if (d.change !== 'renamed' && d.change !== 'copied') d.oldPath = oldPath;
      if (newPath === '/dev/null') d.change = 'deleted';
      else if (d.change !== 'renamed' && d.change !== 'copied') d.newPath = newPath;
      if (d.change === 'added') d.oldPath = d.newPath;
      if (d.change === 'deleted') d.newPath = d.oldPath;
      i += 1;
      continue;
    }
    if (git && line === 'GIT binary patch') {
      d.binary = true;
      i = skipBinaryBlocks(lines, i + 1) - 1;
      continue;
    }
    break;
  }
  while ((lines[i] ?? '').startsWith('@@ ')) {
    const read = readHunk(lines, i, d.newPath, problems);
    if (read.hunk !== undefined) d.hunks.push(read.hunk);
    i = read.next;
  }
  const after = lines[i] ?? '';
  if (
    d.hunks.length > 0 &&
    /^[-+ ]/.test(after) &&
    !isSignature(after) &&
    !startsFileDiff(lines, i)
  ) {
    problems.push(`a hunk of "${d.newPath}" has more lines than its header counts`);
  }
  return { file: d, next: i };
}

function readExtendedHeader(line: string, d: Draft): boolean {
  const value = (prefix: string): string => line.slice(prefix.length).trim();
  if (line.startsWith('old mode ')) d.oldMode = value('old mode ');
  else if (line.startsWith('new mode ')) d.newMode = value('new mode ');
  else if (line.startsWith('deleted file mode ')) {
    d.change = 'deleted';
    d.oldMode = value('deleted file mode ');
  } else if (line.startsWith('new file mode ')) {
    d.change = 'added';
    d.newMode = value('new file mode ');
  } else if (line.startsWith('rename from ') || line.startsWith('copy from ')) {
    d.change = line.startsWith('rename') ? 'renamed' : 'copied';
    d.oldPath = unquotePath(line.slice(line.indexOf(' from ') + 6));
  } else if (line.startsWith('rename to ') || line.startsWith('copy to ')) {
    d.newPath = unquotePath(line.slice(line.indexOf(' to ') + 4));
  } else if (line.startsWith('similarity index ') || line.startsWith('dissimilarity index ')) {
    // Informational only.
  } else if (line.startsWith('index ')) {
    const m = /^index ([0-9a-f]+)\.\.([0-9a-f]+)(?: (\d+))?/.exec(line);
    d.oldBlob = m?.[1];
    d.newBlob = m?.[2];
    if (m?.[3] !== undefined) {
      d.oldMode ??= m[3];
      d.newMode ??= m[3];
    }
  } else if (line.startsWith('Binary files ')) d.binary = true;
  else return false;
  return true;
}

// `literal N` / `delta N` blocks of base85 lines, each ended by an empty line (forward, reverse).
function skipBinaryBlocks(lines: readonly string[], start: number): number {
  let i = start;
  while (/^(literal|delta) \d+$/.test(lines[i] ?? '')) {
    i += 1;
    while (i < lines.length && lines[i] !== '') i += 1;
    i += 1;
  }
  return i;
}

// format-patch's `-- ` signature line; some mailers strip its trailing space.
function isSignature(line: string | undefined): boolean {
  return line === '-- ' || line === '--';
}

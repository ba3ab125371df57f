// Builds parsed-diff values from unified-diff body lines, for tests of the pure checks.
import type { FilePatch, Hunk, HunkLine } from '../../src/domain/patch.ts';
import type { Patch } from '../../src/domain/series.ts';

/** A hunk from body lines with ' ', '+' or '-' prefixes, numbering both sides. */
export function hunk(oldStart: number, newStart: number, section: string, body: string[]): Hunk {
  let oldLine = oldStart;
  let newLine = newStart;
  const lines: HunkLine[] = body.map((raw) => {
    const text = raw.slice(1);
    if (raw.startsWith('+')) return { kind: 'add', text, oldLine: undefined, newLine: newLine++ };
    if (raw.startsWith('-')) return { kind: 'del', text, oldLine: oldLine++, newLine: undefined };
    return { kind: 'context', text, oldLine: oldLine++, newLine: newLine++ };
  });
  const count = (k: string) => lines.filter((l) => l.kind === k || l.kind === 'context').length;
  return { oldStart, newStart, oldLines: count('del'), newLines: count('add'), section, lines };
}

/** A modified file with the given hunks. */
export function file(path: string, hunks: Hunk[]): FilePatch {
  return {
    oldPath: path,
    newPath: path,
    change: 'modified',
    oldMode: undefined,
    newMode: undefined,
    oldBlob: undefined,
    newBlob: undefined,
    binary: false,
    hunks,
  };
}

/** A patch carrying only what the diff-level checks read: its index and files. */
export function patchOf(index: number, files: FilePatch[]): Patch {
  return { index, files } as unknown as Patch;
}

// Applies a patch in memory: blobs read through cat-file, hunks applied as git apply would,
// new blobs, trees and the commit computed here and written in one batch. Anything it cannot
// do exactly it declines (undefined), and the caller uses `git apply --cached` instead.
import type { FilePatch } from '../domain/patch.ts';
import type { ApplyFit } from './apply-outcome.ts';
import type { ObjectReader } from './cat-file.ts';
import type { Signature } from './commit-identity.ts';
import { applyHunks } from './hunk-apply.ts';
import { hunkLineBytes } from './hunk-bytes.ts';
import { type NewObject, writeObjects } from './object-writer.ts';
import type { GitProcessPort } from './process-port.ts';
import { type ObjectType, objectId, serialiseCommit, type TreeEntry } from './tree-object.ts';
import { TreeOverlay } from './tree-overlay.ts';

/** What the in-memory path needs of a patch. */
export interface FastPatch {
  readonly diff: Buffer;
  readonly files: readonly FilePatch[];
}

export interface FastCommit {
  readonly parent: string;
  readonly author: Signature;
  readonly committer: Signature;
  readonly message: string;
}

/** Applies patches in memory, keeping new objects until `flush()` writes them. */
export interface FastApplier {
  apply(
    tree: string,
    patch: FastPatch,
    commit: FastCommit,
  ): Promise<{ commit: string; tree: string; fit: ApplyFit } | undefined>;
  /** Writes every object made so far; needed before git itself reads them. */
  flush(): Promise<void>;
}

const REGULAR = new Set(['100644', '100755']);

/** An in-memory applier over one repository's objects. */
export function openFastApplier(port: GitProcessPort, reader: ObjectReader): FastApplier {
  const pending = new Map<string, NewObject>();
  const trees = new Map<string, TreeEntry[]>();
  const store = (type: ObjectType, data: Buffer): string => {
    const id = objectId(type, data);
    if (!pending.has(id)) pending.set(id, { id, type, data });
    return id;
  };
  const readData = async (id: string): Promise<Buffer | undefined> =>
    pending.get(id)?.data ?? (await reader.read(id))?.data;
  const source = { readData, trees };

  return {
    async apply(tree, patch, commit) {
      // Line ends a mail may have rewritten, and files given twice, are left to git.
      if (patch.diff.includes(13) || patch.files.length === 0) return undefined;
      if (fileHeaders(patch.diff.toString('latin1')) !== patch.files.length) return undefined;
      const bytes = hunkLineBytes(patch.diff, patch.files);
      if (bytes === undefined) return undefined;
      const paths = patch.files.flatMap((f) => [f.oldPath, f.newPath]);
      if (new Set(patch.files.map((f) => f.newPath)).size !== patch.files.length) return undefined;
      if (paths.some((p) => p === '' || p === '/dev/null')) return undefined;

      const overlay = new TreeOverlay(tree, source);
      const hunks = { moved: 0 };
      for (const [i, file] of patch.files.entries()) {
        const lines = bytes[i] ?? [];
        if (!(await applyFile(overlay, file, lines, readData, store, hunks))) return undefined;
      }
      const newTree = await overlay.write(store);
      // Nothing changed: let git say whether it is already applied.
      if (newTree === tree) return undefined;
      const id = store('commit', serialiseCommit({ tree: newTree, ...commit }));
      return { commit: id, tree: newTree, fit: hunks.moved > 0 ? 'offsets' : 'exact' };
    },
    async flush() {
      const objects = [...pending.values()];
      pending.clear();
      await writeObjects(port, objects);
    },
  };
}

async function applyFile(
  overlay: TreeOverlay,
  file: FilePatch,
  lines: readonly (readonly string[])[],
  readData: (id: string) => Promise<Buffer | undefined>,
  store: (type: ObjectType, data: Buffer) => string,
  hunks: { moved: number },
): Promise<boolean> {
  if (file.binary || !countsAgree(file)) return false;
  const added = file.change === 'added';
  const old = added ? undefined : await overlay.get(file.oldPath);
  if (!added && (old === undefined || !REGULAR.has(old.mode))) return false;
  if (old !== undefined && file.oldMode !== undefined && file.oldMode !== old.mode) return false;
  const before = old === undefined ? Buffer.alloc(0) : await readData(old.id);
  if (before === undefined) return false;
  const result = applyHunks(before, file.hunks, lines);
  if (!result.ok) return false;
  hunks.moved += result.moved;

  if (file.change === 'deleted') {
    if (result.content.length > 0) return false;
    return overlay.set(file.oldPath, undefined);
  }
  const movesTo = file.change === 'added' || file.change === 'renamed' || file.change === 'copied';
  if (movesTo && (await overlay.get(file.newPath)) !== undefined) return false;
  const mode = file.newMode ?? old?.mode ?? '100644';
  if (!REGULAR.has(mode)) return false;
  const id = store('blob', result.content);
  // When the preimage is the author's, the result must be the author's postimage too.
  const sameBase =
    old !== undefined && file.oldBlob !== undefined && old.id.startsWith(file.oldBlob);
  const newBlob = file.newBlob;
  if (
    (sameBase || added) &&
    newBlob !== undefined &&
    !/^0+$/.test(newBlob) &&
    !id.startsWith(newBlob)
  ) {
    return false;
  }
  if (file.change === 'renamed' && !(await overlay.set(file.oldPath, undefined))) return false;
  return overlay.set(file.newPath, { mode, id });
}

// How many files git will see: `diff --git` headers, or for a plain diff `--- `/`+++ ` pairs. A
// count that differs from the parsed files means the parse and git disagree: git decides.
function fileHeaders(diff: string): number {
  const lines = diff.split('\n');
  const git = lines.filter((l) => l.startsWith('diff --git ')).length;
  if (git > 0) return git;
  return lines.filter((l, i) => l.startsWith('+++ ') && (lines[i - 1] ?? '').startsWith('--- '))
    .length;
}

// git apply refuses a hunk whose lines do not add up to its header; so does this path.
function countsAgree(file: FilePatch): boolean {
  return file.hunks.every((h) => {
    const old = h.lines.filter((l) => l.kind === 'context' || l.kind === 'del').length;
    const neu = h.lines.filter((l) => l.kind === 'context' || l.kind === 'add').length;
    return old === h.oldLines && neu === h.newLines;
  });
}

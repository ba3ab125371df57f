// The reference path: one patch applied with `git apply --cached` on the temporary index, then
// `write-tree` and `commit-tree`. Also where "already applied" is told: the patch, or the rest of
// the series from its end, applies in reverse.
import type { ApplyPatch } from './apply.ts';
import { type ApplyFit, gitWords, locateFailure, type PatchResult } from './apply-outcome.ts';
import type { Signature } from './commit-identity.ts';
import type { GitProcessPort } from './process-port.ts';
import type { Repo } from './repo.ts';
import { commitTree, type TempIndex } from './temp-index.ts';

// What `git apply -v` says of a hunk it had to move.
const OFFSET = /^Hunk #\d+ succeeded at \d+ \(offset -?\d+ lines?\)\.$/m;

/** Applies one patch with `git apply --cached` (3-way when the preimage blobs exist) and commits it. */
export async function applyWithIndex(
  port: GitProcessPort,
  repo: Repo,
  index: TempIndex,
  tree: string,
  patch: ApplyPatch,
  commit: { parent: string; author: Signature; committer: Signature; message: string },
  later: readonly ApplyPatch[],
): Promise<PatchResult | 'rest-already-applied'> {
  const { index: n, subject } = patch;
  if (index.tree !== tree) await index.load(tree);
  let applied = await index.apply(patch.diff, { threeWay: false });
  let fit: ApplyFit = applied.ok && OFFSET.test(applied.stderr) ? 'offsets' : 'exact';
  if (!applied.ok) {
    const direct = applied.stderr;
    // Reverse first: a 3-way merge of a change that is already there succeeds without changing
    // anything, and would hide that the patch was already applied.
    if (await index.appliesInReverse(patch.diff)) {
      return { index: n, subject, status: 'already-applied' };
    }
    // A later patch may have changed this one's context: then only the rest of the series,
    // reversed from its end, shows that all of it is already there.
    if (later.length > 0 && (await appliesInReverse(index, tree, [patch, ...later]))) {
      return 'rest-already-applied';
    }
    if (index.tree !== tree) await index.load(tree);
    if (await preimagesPresent(repo, patch)) {
      applied = await index.apply(patch.diff, { threeWay: true });
      fit = '3-way';
    }
    if (!applied.ok) {
      const error = locateFailure(direct, patch.files);
      const merge = applied.stderr === direct ? '' : `; 3-way merge: ${gitWords(applied.stderr)}`;
      return {
        index: n,
        subject,
        status: 'failed',
        error: { ...error, message: `${error.message}${merge}` },
      };
    }
  }
  const newTree = await index.writeTree();
  if (newTree === tree) return { index: n, subject, status: 'already-applied' };
  const id = await commitTree(port, { tree: newTree, ...commit });
  return { index: n, subject, status: 'applied', commit: id, tree: newTree, via: 'git-apply', fit };
}

// True when the patches, reversed from the last, each apply to what the previous one left.
async function appliesInReverse(
  index: TempIndex,
  tree: string,
  patches: readonly ApplyPatch[],
): Promise<boolean> {
  await index.load(tree);
  for (const patch of [...patches].reverse()) {
    if (!(await index.apply(patch.diff, { reverse: true })).ok) return false;
  }
  return true;
}

// A 3-way fallback needs every preimage blob the diff names.
async function preimagesPresent(repo: Repo, patch: ApplyPatch): Promise<boolean> {
  const blobs = patch.files
    .filter((f) => f.change !== 'added' && f.oldBlob !== undefined && !f.binary)
    .map((f) => f.oldBlob ?? '');
  if (blobs.length === 0) return false;
  for (const blob of blobs) if (!(await repo.hasObject(blob))) return false;
  return true;
}

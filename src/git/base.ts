// Chooses the commit a series is applied on, and says why: the series' own base-commit: trailer,
// else the user's --base, else HEAD when it holds the blobs the diffs were made against.
import type { FilePatch } from '../domain/patch.ts';
import type { ObjectReader } from './cat-file.ts';
import type { Repo } from './repo.ts';

/** The base a series is applied on, or why there is none and what would fix that. */
export type BaseChoice =
  | {
      readonly found: true;
      readonly commit: string;
      readonly how: BaseHow;
      readonly reason: string;
    }
  | { readonly found: false; readonly reason: string; readonly fix: string };

export type BaseHow = 'base-commit' | 'option' | 'head';

export interface BaseRequest {
  /** The series' `base-commit:` trailer, untrusted. */
  readonly trailer: string | undefined;
  /** The user's `--base REV`. */
  readonly option: string | undefined;
  /** The files of every patch in order, for the preimage check. */
  readonly patches: readonly { readonly files: readonly FilePatch[] }[];
}

/** A file the series expects to find, with the abbreviated blob id from its `index` line. */
export interface Preimage {
  readonly path: string;
  readonly blob: string;
}

/** The first preimage of each path the series reads; later ones are made by earlier patches. */
export function seriesPreimages(patches: BaseRequest['patches']): Preimage[] {
  const touched = new Set<string>();
  const out: Preimage[] = [];
  for (const patch of patches) {
    for (const file of patch.files) {
      const reads = file.change !== 'added';
      if (reads && !touched.has(file.oldPath) && file.oldBlob !== undefined) {
        if (!/^0+$/.test(file.oldBlob)) out.push({ path: file.oldPath, blob: file.oldBlob });
      }
      touched.add(file.oldPath);
      touched.add(file.newPath);
    }
  }
  return out;
}

/** Picks the base for a series in the order the trailer, --base, HEAD; never throws for a miss. */
export async function chooseBase(
  repo: Repo,
  reader: ObjectReader,
  request: BaseRequest,
): Promise<BaseChoice> {
  const trailer = request.trailer?.trim();
  let missing = '';
  if (trailer !== undefined && trailer !== '') {
    const commit = /^[0-9a-f]{7,64}$/.test(trailer) ? await repo.resolveCommit(trailer) : undefined;
    if (commit !== undefined) {
      return { found: true, commit, how: 'base-commit', reason: `base-commit: ${trailer}` };
    }
    missing = `base-commit: ${trailer} is not in the tree`;
  }
  if (request.option !== undefined) {
    const commit = await repo.resolveCommit(request.option);
    if (commit === undefined) {
      return {
        found: false,
        reason: `--base "${request.option}" is not a commit in the tree`,
        fix: 'Pass --base with a commit the tree has, or fetch it first.',
      };
    }
    const because = missing === '' ? '' : ` (${missing})`;
    return { found: true, commit, how: 'option', reason: `--base ${request.option}${because}` };
  }
  const head = await repo.resolveCommit('HEAD');
  if (head === undefined) {
    return { found: false, reason: 'the tree has no HEAD commit', fix: 'Pass --base REV.' };
  }
  const preimages = seriesPreimages(request.patches);
  const differ: string[] = [];
  for (const pre of preimages) {
    const object = await reader.read(`${head}:${pre.path}`);
    if (object === undefined || !object.id.startsWith(pre.blob)) differ.push(pre.path);
  }
  if (differ.length === 0) {
    const why = missing === '' ? 'no base-commit: trailer' : missing;
    const blobs =
      preimages.length === 0
        ? 'no preimage blobs to check'
        : preimages.length === 1
          ? 'its preimage blob matches'
          : `all ${preimages.length} preimage blobs match`;
    return { found: true, commit: head, how: 'head', reason: `HEAD: ${why}, and ${blobs}` };
  }
  const list = differ
    .slice(0, 3)
    .map((p) => `"${p}"`)
    .join(', ');
  const more = differ.length > 3 ? ` and ${differ.length - 3} more` : '';
  const trailerFix = trailer ? `Fetch ${trailer} into the tree, or pass` : 'Pass';
  return {
    found: false,
    reason: `${missing === '' ? 'no base-commit: trailer' : missing}, and HEAD does not have the blobs the series was made against: ${list}${more}`,
    fix: `${trailerFix} --base with the commit the series was made against.`,
  };
}

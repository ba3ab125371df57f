// Chooses the commit a series is applied on, and says why, as b4 shazam and git am do: the
// series' own base-commit: trailer when the tree has it, else the user's --base, else the
// configured base (the tree's HEAD). Series are posted against mainline or -next, so the
// configured base rarely holds the exact preimage blobs; git's rules (offsets, then a 3-way merge
// where the blobs exist) decide whether the patches apply there, and a blob mismatch is a note.
import type { FilePatch } from '../domain/patch.ts';
import type { ObjectReader } from './cat-file.ts';
import type { Repo } from './repo.ts';

/** The base a series is applied on, or why there is none and what would fix that. */
export type BaseChoice =
  | {
      readonly found: true;
      readonly commit: string;
      /** A tag that points at the commit (`v6.12`), to name the base by. */
      readonly name: string | undefined;
      readonly how: BaseHow;
      /** One line, no nested brackets: which commit and why. */
      readonly reason: string;
      /** Set when the tree differs from the author's (blobs, prerequisites): said beside the result. */
      readonly note: string | undefined;
    }
  | { readonly found: false; readonly reason: string; readonly fix: string };

export type BaseHow = 'base-commit' | 'option' | 'configured';

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
  const choice = await choose(repo, reader, request);
  return choice.found ? { ...choice, name: await repo.tagAt(choice.commit) } : choice;
}

async function choose(repo: Repo, reader: ObjectReader, request: BaseRequest): Promise<BaseChoice> {
  const trailer = request.trailer?.trim();
  let missing = '';
  if (trailer !== undefined && trailer !== '') {
    const commit = /^[0-9a-f]{7,64}$/.test(trailer) ? await repo.resolveCommit(trailer) : undefined;
    if (commit !== undefined) {
      return {
        found: true,
        commit,
        name: undefined,
        how: 'base-commit',
        reason: `base-commit ${trailer} is in this tree`,
        note: undefined,
      };
    }
    missing = `base-commit ${trailer} is not in this tree`;
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
    const because = missing === '' ? '' : `; ${missing}`;
    return {
      found: true,
      commit,
      name: undefined,
      how: 'option',
      reason: `--base ${request.option}${because}`,
      note: undefined,
    };
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
  const why = missing === '' ? 'the series names no base-commit' : missing;
  if (differ.length === 0) {
    const blobs =
      preimages.length === 0
        ? 'there are no preimage blobs to check'
        : preimages.length === 1
          ? 'its preimage blob matches'
          : `all ${preimages.length} preimage blobs match`;
    return {
      found: true,
      commit: head,
      name: undefined,
      how: 'configured',
      reason: `${why}; the configured base, and ${blobs}`,
      note: undefined,
    };
  }
  const list = differ
    .slice(0, 3)
    .map((p) => `"${p}"`)
    .join(', ');
  const more = differ.length > 3 ? ` and ${differ.length - 3} more` : '';
  return {
    found: true,
    commit: head,
    name: undefined,
    how: 'configured',
    reason: `${why}; the configured base`,
    note: `The series was made against other versions of ${list}${more}: this is a review of the series on this base, which may differ from the author's tree.`,
  };
}

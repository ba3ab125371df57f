// Links the revisions of one series, as b4 does: by the cover letter's `change-id:` when both
// have one, else by a reply (a v2 sent in reply to v1), else by author and normalised title,
// else by the stable patch-ids of patches that did not change. Pure: patch-ids come in computed.
import type { Series } from '../domain/series.ts';

/** Why two revisions were taken for the same series (given: the user named the older one). */
export type RevisionLinkReason = 'change-id' | 'reply' | 'author-title' | 'patch-id' | 'given';

/** The older revision a series follows, and how that was decided. */
export interface RevisionLink {
  readonly previous: Series;
  readonly reason: RevisionLinkReason;
}

/** Stable patch-ids by patch Message-ID (from `git patch-id --stable`); absent ones unknown. */
export type PatchIdsByMessage = ReadonlyMap<string, string>;

const CHANGE_ID = /^change-id:[ \t]*(\S+)[ \t]*$/im;

/** The `change-id:` b4 writes in the cover letter (else in the first patch), when there is one. */
export function changeIdOf(series: Series): string | undefined {
  const body = series.cover?.body ?? series.patches[0]?.message.body ?? '';
  return CHANGE_ID.exec(body)?.[1];
}

/** A title compared across revisions: no `[...]` prefixes, lower case, single spaces, no period. */
export function normaliseTitle(title: string): string {
  return title
    .replace(/^(?:\s*\[[^\]]*\])+/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.\s]+$/, '')
    .toLowerCase();
}

/**
 * The newest revision among `candidates` older than `series` that belongs to the same series.
 * A change-id decides alone when both revisions have one (different ids: not the same series);
 * otherwise the first rule that matches any candidate wins, in the order reply, author and
 * title, patch-id.
 */
export function previousRevision(
  series: Series,
  candidates: readonly Series[],
  patchIds: PatchIdsByMessage = new Map(),
): RevisionLink | undefined {
  const older = candidates
    .filter((c) => c !== series && c.version < series.version)
    .sort((a, b) => b.version - a.version);
  const changeId = changeIdOf(series);
  const rules: [Exclude<RevisionLinkReason, 'given'>, (c: Series) => boolean][] = [
    ['change-id', (c) => changeId !== undefined && changeIdOf(c) === changeId],
    ['reply', (c) => repliesTo(series, c)],
    ['author-title', (c) => sameAuthor(series, c) && sameTitle(series, c)],
    ['patch-id', (c) => sharedPatchIds(series, c, patchIds).length > 0],
  ];
  for (const [reason, matches] of rules) {
    const found = older.find(
      (c) => matches(c) && (reason === 'change-id' || !differentChangeIds(changeId, c)),
    );
    if (found !== undefined) return { previous: found, reason };
  }
  return undefined;
}

/**
 * The patches of `series` whose stable patch-id is one of `previous`'s: index in `series` →
 * index in `previous`, in order.
 */
export function unchangedPatches(
  series: Series,
  previous: Series,
  patchIds: PatchIdsByMessage,
): { readonly patch: number; readonly previousPatch: number }[] {
  const before = new Map<string, number>();
  for (const p of previous.patches) {
    const id = patchIds.get(p.messageId);
    if (id !== undefined && !before.has(id)) before.set(id, p.index);
  }
  return series.patches.flatMap((p) => {
    const id = patchIds.get(p.messageId);
    const at = id === undefined ? undefined : before.get(id);
    return at === undefined ? [] : [{ patch: p.index, previousPatch: at }];
  });
}

function differentChangeIds(changeId: string | undefined, other: Series): boolean {
  const theirs = changeIdOf(other);
  return changeId !== undefined && theirs !== undefined && theirs !== changeId;
}

// The cover letter (or first patch) of `series` names a message of `other` as its parent.
function repliesTo(series: Series, other: Series): boolean {
  const head = series.cover ?? series.patches[0]?.message;
  if (head === undefined) return false;
  const theirs = new Set([
    other.messageId,
    ...(other.cover === undefined ? [] : [other.cover.id]),
    ...other.patches.map((p) => p.messageId),
  ]);
  const parents = [head.headers.inReplyTo, ...head.headers.references];
  return parents.some((id) => id !== undefined && theirs.has(id));
}

function sameAuthor(a: Series, b: Series): boolean {
  const x = a.author?.address.toLowerCase();
  return x !== undefined && x !== '' && x === b.author?.address.toLowerCase();
}

function sameTitle(a: Series, b: Series): boolean {
  const x = normaliseTitle(a.subject);
  return x !== '' && x === normaliseTitle(b.subject);
}

function sharedPatchIds(a: Series, b: Series, patchIds: PatchIdsByMessage): string[] {
  const theirs = new Set(b.patches.flatMap((p) => patchIds.get(p.messageId) ?? []));
  return a.patches.flatMap((p) => {
    const id = patchIds.get(p.messageId);
    return id !== undefined && theirs.has(id) ? [id] : [];
  });
}

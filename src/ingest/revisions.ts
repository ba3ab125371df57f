// Links the revisions of one series, as b4 does: by the cover letter's `change-id:` when both
// have one, else by a reply (a v2 sent in reply to v1), else by author and normalised title,
// else by the stable patch-ids of patches that did not change. Pure: patch-ids come in computed.
// Revisions are compared as identities, so a revision the watcher stored links the same way.
import type { RevisionIdentity, UnchangedPatch } from '../domain/revision.ts';
import type { Series } from '../domain/series.ts';

/** Why two revisions were taken for the same series (given: the user named the older one). */
export type RevisionLinkReason = 'change-id' | 'reply' | 'author-title' | 'patch-id' | 'given';

/** Stable patch-ids by patch Message-ID (from `git patch-id --stable`); absent ones unknown. */
export type PatchIdsByMessage = ReadonlyMap<string, string>;

/** The older revision a series follows, and how that was decided. */
export interface RevisionLink<T = Series> {
  readonly previous: T;
  readonly reason: RevisionLinkReason;
}

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

/** The identity of `series`, with the patch-ids known for its patches. */
export function revisionIdentity(
  series: Series,
  patchIds: PatchIdsByMessage = new Map(),
): RevisionIdentity {
  const head = series.cover ?? series.patches[0]?.message;
  return {
    version: series.version,
    messageId: series.messageId,
    author: series.author?.address.toLowerCase() ?? '',
    title: normaliseTitle(series.subject),
    changeId: changeIdOf(series),
    messageIds: [
      ...new Set([
        series.messageId,
        ...(series.cover === undefined ? [] : [series.cover.id]),
        ...series.patches.map((p) => p.messageId),
      ]),
    ],
    repliesTo:
      head === undefined
        ? []
        : [head.headers.inReplyTo ?? '', ...head.headers.references].filter((id) => id !== ''),
    patchIds: series.patches.flatMap((p) => {
      const id = patchIds.get(p.messageId);
      return id === undefined ? [] : [{ patch: p.index, id }];
    }),
  };
}

/**
 * The newest of `candidates` older than `current` that belongs to the same series. A change-id
 * decides alone when both revisions have one (different ids: not the same series). Otherwise a
 * candidate belongs when it is replied to, has the same author and title, or shares a patch-id,
 * and the newest of those is taken: a v3 sent in reply to v1 still follows v2.
 */
export function linkRevision<T extends RevisionIdentity>(
  current: RevisionIdentity,
  candidates: readonly T[],
): RevisionLink<T> | undefined {
  const older = candidates
    .filter((c) => c.version < current.version && c.messageId !== current.messageId)
    .sort((a, b) => b.version - a.version);
  if (current.changeId !== undefined) {
    const same = older.find((c) => c.changeId === current.changeId);
    if (same !== undefined) return { previous: same, reason: 'change-id' };
  }
  const own = new Set(current.patchIds.map((p) => p.id));
  const rules: [Exclude<RevisionLinkReason, 'given' | 'change-id'>, (c: T) => boolean][] = [
    ['reply', (c) => current.repliesTo.some((id) => c.messageIds.includes(id))],
    [
      'author-title',
      (c) =>
        current.author !== '' &&
        c.author === current.author &&
        current.title !== '' &&
        c.title === current.title,
    ],
    ['patch-id', (c) => c.patchIds.some((p) => own.has(p.id))],
  ];
  for (const c of older) {
    if (current.changeId !== undefined && c.changeId !== undefined) continue;
    const rule = rules.find(([, matches]) => matches(c));
    if (rule !== undefined) return { previous: c, reason: rule[0] };
  }
  return undefined;
}

/** `linkRevision` for series, with the patch-ids known for their patches. */
export function previousRevision(
  series: Series,
  candidates: readonly Series[],
  patchIds: PatchIdsByMessage = new Map(),
): RevisionLink | undefined {
  const pool = candidates.filter((c) => c !== series);
  const identities = pool.map((c) => ({ ...revisionIdentity(c, patchIds), series: c }));
  const link = linkRevision(revisionIdentity(series, patchIds), identities);
  return link === undefined ? undefined : { previous: link.previous.series, reason: link.reason };
}

/** The patches of `current` whose stable patch-id is one of `previous`'s, in order. */
export function unchangedBetween(
  current: RevisionIdentity,
  previous: RevisionIdentity,
): UnchangedPatch[] {
  const before = new Map<string, number>();
  for (const p of previous.patchIds) if (!before.has(p.id)) before.set(p.id, p.patch);
  return current.patchIds.flatMap((p) => {
    const at = before.get(p.id);
    return at === undefined ? [] : [{ patch: p.patch, previousPatch: at }];
  });
}

/** `unchangedBetween` for two series: index in `series` → index in `previous`. */
export function unchangedPatches(
  series: Series,
  previous: Series,
  patchIds: PatchIdsByMessage,
): UnchangedPatch[] {
  return unchangedBetween(revisionIdentity(series, patchIds), revisionIdentity(previous, patchIds));
}

// The watcher's memory of revisions: each reviewed revision is kept with its findings and its
// matrices after it, and a new revision is compared with the last one reviewed of the same
// series (linked as `review` links them: change-id, reply, author and title, patch-id). Only
// revisions it reviewed are kept, so it never compares with one it said nothing about.
import { revisionMatrix } from '../analyze/compare-revision-matrices.ts';
import { findingMark, withComparison } from '../analyze/compare-revisions.ts';
import type { Review } from '../domain/review.ts';
import type { Series } from '../domain/series.ts';
import { linkRevision, revisionIdentity, unchangedBetween } from '../ingest/revisions.ts';
import type { StoredRevision } from '../state/records.ts';
import type { PassPorts } from './pass.ts';
import { doesNotApply } from './policy.ts';

/** `review` compared with the stored revision it follows, and the record to store for it. */
export async function compareWithStored(
  series: Series,
  review: Review,
  key: string,
  list: string,
  ports: Pick<PassPorts, 'store' | 'patchIds'>,
): Promise<{ review: Review; revision: StoredRevision | undefined }> {
  // Nothing evaluated (not Kconfig), or a patch did not apply (the list heard nothing of its
  // findings, at most that it does not apply): not kept, so the next revision is never told
  // what it "fixed" of points nobody raised, and not compared either.
  if (!review.evaluated.reviewable || doesNotApply(review)) return { review, revision: undefined };
  const ids =
    ports.patchIds === undefined ? new Map<string, string>() : await ports.patchIds([series]);
  const identity = revisionIdentity(series, ids);
  const revision: StoredRevision = {
    seriesKey: key,
    list,
    identity,
    findings: review.findings.map(findingMark),
    matrices: review.matrices.map(revisionMatrix),
  };
  const stored = ports.store
    .revisions(list)
    .filter((r) => r.seriesKey !== key)
    .map((r) => ({ ...r.identity, stored: r }));
  const link = linkRevision(identity, stored);
  if (link === undefined) return { review, revision };
  const previous = link.previous.stored;
  return {
    review: withComparison(
      review,
      {
        version: previous.identity.version,
        messageId: previous.identity.messageId,
        findings: previous.findings,
        matrices: previous.matrices,
      },
      link.reason,
      unchangedBetween(identity, previous.identity),
    ),
    revision,
  };
}

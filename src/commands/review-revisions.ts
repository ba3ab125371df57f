// A review that also answers "what did this revision fix?": finds the older revision of the same
// series (in the same mbox, or the one given with --previous), reviews it with the same options
// and attaches the comparison to the newer review.
import { revisionMatrix } from '../analyze/compare-revision-matrices.ts';
import { findingMark, withComparison } from '../analyze/compare-revisions.ts';
import type { Review } from '../domain/review.ts';
import type { Series } from '../domain/series.ts';
import { gitEnvironment, gitProcessPort } from '../git/process-port.ts';
import { seriesPatchIds } from '../git/series-patch-ids.ts';
import { previousRevision, type RevisionLink, unchangedPatches } from '../ingest/revisions.ts';
import { portsPool } from './review-ports.ts';
import { type ReviewOptions, runReview } from './review-run.ts';

/** Where to look for the older revision. */
export interface PreviousSource {
  /** The series of the same mbox or thread (the newer one among them is skipped). */
  readonly candidates: readonly Series[];
  /** The series of a --previous mbox: its linked revision, else its newest, is compared with. */
  readonly given?: readonly Series[] | undefined;
}

/** Reviews `series`, and the revision it follows when there is one, and compares the two. */
export async function reviewWithPrevious(
  series: Series,
  source: PreviousSource,
  options: ReviewOptions,
): Promise<Review> {
  const ports = options.ports ?? portsPool();
  try {
    return await reviewBoth(series, source, { ...options, ports });
  } finally {
    if (options.ports === undefined) await ports.close();
  }
}

async function reviewBoth(
  series: Series,
  source: PreviousSource,
  options: ReviewOptions,
): Promise<Review> {
  const review = await runReview(series, options);
  if (!review.evaluated.reviewable) return review;
  const pool = source.given ?? source.candidates;
  const port = gitProcessPort(options.tree, gitEnvironment(options.env));
  const ids = await seriesPatchIds(port, [series, ...pool]);
  const link = previousRevision(series, pool, ids) ?? givenFallback(series, source.given);
  if (link === undefined) return review;
  const { previous } = link;
  options.progress(
    `reviewing v${previous.version} too, to compare with it (${previous.patches.length} of ${previous.total})`,
  );
  const before = await runReview(previous, {
    ...options,
    mboxSeries: source.given ?? options.mboxSeries ?? [],
  });
  return withComparison(
    review,
    {
      version: previous.version,
      messageId: previous.messageId,
      findings: before.findings.map(findingMark),
      matrices: before.matrices.map(revisionMatrix),
    },
    link.reason,
    unchangedPatches(series, previous, ids),
  );
}

// The user named the older revision: take its newest series when no rule links it.
function givenFallback(
  series: Series,
  given: readonly Series[] | undefined,
): RevisionLink | undefined {
  const other = [...(given ?? [])]
    .filter((s) => s.messageId !== series.messageId)
    .sort((a, b) => b.version - a.version)[0];
  return other === undefined ? undefined : { previous: other, reason: 'given' };
}

// One thread of a pass: every series revision in it that is new and ready is reviewed, its
// replies built, and all of it recorded in one transaction with the thread's messages.
import { touchesKconfig } from '../analyze/relevance.ts';
import { KreviewError } from '../domain/errors.ts';
import type { Review } from '../domain/review.ts';
import { ingestMessages } from '../ingest/ingest.ts';
import type { OutgoingMail } from '../report/email.ts';
import type { PendingThread, ReviewRecord, StoredRevision } from '../state/records.ts';
import { applyFailureLine } from './apply-note.ts';
import type { ListConfig, WatchConfig } from './config.ts';
import { MAX_FAILURES, type PassPorts, type PassReport } from './pass.ts';
import { beforeReview, embargoEnds, isOwnMail } from './policy.ts';
import { policyMail } from './policy-mail.ts';
import { reproduce, reviewRecord } from './review-record.ts';
import { compareWithStored } from './revision-compare.ts';
import { readiness, reviewKey, seriesKey } from './series-key.ts';

/** Reviews the ready, new series of one thread and records them; false when one failed. */
export async function reviewThread(
  config: WatchConfig,
  list: ListConfig,
  anchor: string,
  messages: Parameters<typeof ingestMessages>[0],
  failures: number,
  ports: PassPorts,
  report: PassReport,
): Promise<boolean> {
  const now = ports.now();
  const reviews: {
    record: ReviewRecord;
    replies: readonly OutgoingMail[];
    muted: boolean;
    revision?: StoredRevision | undefined;
  }[] = [];
  let pending: PendingThread | undefined;
  let ok = true;
  const done = new Set<string>();
  // Only the newest revision in a thread is reviewed: when v1 and its v2 (sent in reply to it)
  // arrive in the same pass, nobody needs a review of the superseded v1.
  // The bot's own replies (its From, or the Message-IDs it makes) are never reviewed.
  const ingested = ingestMessages(messages.filter((m) => !isOwnMail(m, ports.from)));
  const policy = list.policy;
  for (const series of ingested.latest) {
    const revision = seriesKey(series);
    const key = reviewKey(series, revision, ports.store.reviewedPatches(revision));
    if (key === undefined || done.has(revision) || done.has(key)) {
      report.repeats++;
      continue;
    }
    const ready = readiness(series, now, config.graceMinutes);
    if (!ready.ready) {
      pending = { list: list.name, anchor, seriesKey: key, lastPatch: ready.lastPatch, failures };
      report.pending++;
      ports.progress(
        `${list.name}: waiting for ${series.missing.length} missing patch(es) of "${series.subject}" v${series.version}`,
      );
      continue;
    }
    // Opted out, or not kreview's business: recorded as seen to, never reviewed, never mailed.
    const skip = beforeReview(series, policy, touchesKconfig(series));
    if (skip !== undefined) {
      done.add(key);
      reviews.push({
        record: reviewRecord(series, key, list, ready.complete, {
          applied: false,
          findings: 0,
          reviewJson: '{}',
          checks: 'none',
          mail: skip,
        }),
        replies: [],
        muted: false,
      });
      report.skipped++;
      ports.progress(`${list.name}: not reviewing "${series.subject}" v${series.version}: ${skip}`);
      continue;
    }
    // Held until human review had its time: the thread stays pending and is reviewed later.
    const seen =
      ports.store.firstSeen(list.name, anchor) ??
      ports.store.firstSeen(list.name, series.messageId);
    const ends = embargoEnds(series, policy, seen === undefined ? now : new Date(seen));
    if (ends !== undefined && now.getTime() < ends.getTime()) {
      pending = {
        list: list.name,
        anchor,
        seriesKey: key,
        lastPatch: ends.toISOString(),
        failures,
      };
      report.held++;
      ports.progress(
        `${list.name}: holding "${series.subject}" v${series.version} until ${ends.toISOString()} (embargoHours)`,
      );
      continue;
    }
    ports.progress(
      `${list.name}: reviewing "${series.subject}" v${series.version} (${series.patches.length} of ${series.total})`,
    );
    let review: Review;
    try {
      review = await ports.review(series, list, ingested.series);
    } catch (error) {
      // A broken environment (no tree, git failing on it) stops the run; a git failure on a tree
      // that still opens is this series' own (a patch must not stop the watcher for good).
      if (error instanceof KreviewError && error.code === 'TREE_NOT_FOUND') throw error;
      if (
        error instanceof KreviewError &&
        error.code === 'GIT_FAILED' &&
        !(await ports.treeOpens())
      )
        throw error;
      const detail = error instanceof Error ? error.message : String(error);
      // A series that fails every time is given up on after a few runs, not retried forever.
      const giveUp = failures + 1 >= MAX_FAILURES;
      report.faults.push(
        `Cannot review "${series.subject}" v${series.version}: ${detail}${giveUp ? `; gave up after ${MAX_FAILURES} attempts` : ''}`,
      );
      if (giveUp) continue;
      pending = {
        list: list.name,
        anchor,
        seriesKey: key,
        lastPatch: now.toISOString(),
        failures: failures + 1,
      };
      ok = false;
      continue;
    }
    // Compared with the last revision of the same series reviewed before, when there is one.
    const compared = await compareWithStored(series, review, key, list.name, ports);
    review = compared.review;
    const options = {
      from: ports.from,
      now,
      reproduce: reproduce(series, list),
      repeatStillThere: list.policy.repeatStillThere,
    };
    const { quiet, replies } = policyMail(review, policy, options);
    // The operator hears of a series that does not apply either way; the author only when
    // the list owner wants that (replyOnApplyFailure).
    if (quiet === 'does-not-apply') report.notes.push(applyFailureLine(list.name, review));
    const author = series.author?.address.toLowerCase() ?? '';
    const muted = list.delivery.mutedAuthors.includes(author);
    const mail = replies.length > 0 ? (muted ? 'muted' : 'mailed') : (quiet ?? 'nobody');
    done.add(key);
    const patchwork = list.delivery.patchwork !== undefined;
    reviews.push({
      record: reviewRecord(series, key, list, ready.complete, {
        applied: review.applied,
        findings: review.findings.length,
        reviewJson: patchwork ? JSON.stringify(review) : '{}',
        checks: patchwork ? 'pending' : 'none',
        mail,
      }),
      replies,
      muted,
      revision: compared.revision,
    });
    report.reviewed++;
    if (!ready.complete) report.incomplete++;
    report.replies += replies.length;
  }
  ports.store.recordThread({
    list: list.name,
    anchor,
    // Messages stay unseen while a series of the thread failed, so the thread is listed again.
    messageIds: ok ? messages.map((m) => m.id) : [],
    reviews,
    pending,
    now: now.toISOString(),
  });
  return ok;
}

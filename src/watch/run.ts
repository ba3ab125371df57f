// One watcher pass: for each list, list new patch mail, fetch each thread once, review every
// series revision that is ready and new, and record the review with its replies in one
// transaction; then deliver what is written. Faults are collected, not thrown: what failed is
// left for the next run.
import { KreviewError } from '../domain/errors.ts';
import type { Address } from '../domain/message.ts';
import type { Review } from '../domain/review.ts';
import type { Series } from '../domain/series.ts';
import { ingestMessages } from '../ingest/ingest.ts';
import type { OutgoingMail } from '../report/email.ts';
import { buildReplies } from '../report/replies.ts';
import type { PendingThread, ReviewRecord } from '../state/records.ts';
import type { WatchStore } from '../state/store.ts';
import type { ListConfig, WatchConfig } from './config.ts';
import { readiness, seriesKey } from './series-key.ts';
import type { WatchSource } from './source.ts';

/** Runs whose review of a thread failed before the thread is given up on. */
export const MAX_FAILURES = 3;

/** The shell around a pass: state, sources, the review itself, the sender and the clock. */
export interface PassPorts {
  readonly store: WatchStore;
  readonly source: (list: ListConfig) => WatchSource;
  readonly review: (series: Series, list: ListConfig) => Promise<Review>;
  readonly from: Address;
  readonly now: () => Date;
  readonly progress: (message: string) => void;
}

/** What a pass did, for the summary line and --json. */
export interface PassReport {
  lists: number;
  listsFailed: number;
  threads: number;
  reviewed: number;
  incomplete: number;
  pending: number;
  repeats: number;
  replies: number;
  faults: string[];
}

/** Lists, fetches, reviews and records; delivery is a separate step (see deliver.ts). */
export async function collectAndReview(config: WatchConfig, ports: PassPorts): Promise<PassReport> {
  const report: PassReport = {
    lists: config.lists.length,
    listsFailed: 0,
    threads: 0,
    reviewed: 0,
    incomplete: 0,
    pending: 0,
    repeats: 0,
    replies: 0,
    faults: [],
  };
  for (const list of config.lists) await watchList(config, list, ports, report);
  return report;
}

async function watchList(
  config: WatchConfig,
  list: ListConfig,
  ports: PassPorts,
  report: PassReport,
): Promise<void> {
  const { store, progress } = ports;
  const source = ports.source(list);
  const cursorKey = `cursor:${list.name}`;
  const listing = await source.list(store.meta(cursorKey), (id) => store.seen(list.name, id));
  report.faults.push(...listing.faults);
  if (!listing.ok) {
    report.listsFailed++;
    return;
  }
  const pendingBefore = new Map(store.pendingThreads(list.name).map((p) => [p.anchor, p]));
  const anchors = [...new Set([...listing.anchors, ...pendingBefore.keys()])];
  const handled = new Set<string>();
  let complete = true;
  for (const anchor of anchors) {
    if (handled.has(anchor)) continue;
    progress(`${list.name}: fetching the thread of <${anchor}>`);
    const thread = await source.thread(anchor);
    if (!thread.ok) {
      report.faults.push(thread.fault);
      complete = false;
      continue;
    }
    report.threads++;
    progress(`${list.name}: fetched ${thread.messages.length} message(s)`);
    for (const m of thread.messages) handled.add(m.id);
    const failures = pendingBefore.get(anchor)?.failures ?? 0;
    const outcome = await reviewThread(
      config,
      list,
      anchor,
      thread.messages,
      failures,
      ports,
      report,
    );
    if (!outcome) complete = false;
  }
  // The cursor moves only when every new thread was handled, so nothing listed is skipped.
  if (complete && listing.cursor !== undefined) store.setMeta(cursorKey, listing.cursor);
}

// Reviews the ready, new series of one thread and records them; false when one failed.
async function reviewThread(
  config: WatchConfig,
  list: ListConfig,
  anchor: string,
  messages: Parameters<typeof ingestMessages>[0],
  failures: number,
  ports: PassPorts,
  report: PassReport,
): Promise<boolean> {
  const now = ports.now();
  const reviews: { record: ReviewRecord; replies: readonly OutgoingMail[]; muted: boolean }[] = [];
  let pending: PendingThread | undefined;
  let ok = true;
  const done = new Set<string>();
  for (const series of ingestMessages(messages).series) {
    const key = seriesKey(series);
    if (done.has(key) || ports.store.reviewed(key)) {
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
    ports.progress(
      `${list.name}: reviewing "${series.subject}" v${series.version} (${series.patches.length} of ${series.total})`,
    );
    let review: Review;
    try {
      review = await ports.review(series, list);
    } catch (error) {
      // A broken environment (no tree, git failing) stops the run; anything else is this series'.
      if (
        error instanceof KreviewError &&
        (error.code === 'TREE_NOT_FOUND' || error.code === 'GIT_FAILED')
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
    const replies = buildReplies(review, {
      from: ports.from,
      now,
      reproduce: reproduce(series, list),
    });
    const author = series.author?.address.toLowerCase() ?? '';
    const muted = list.delivery.mutedAuthors.includes(author);
    done.add(key);
    reviews.push({
      record: {
        seriesKey: key,
        list: list.name,
        messageId: series.messageId,
        version: series.version,
        subject: series.subject,
        complete: ready.complete,
        applied: review.applied,
        findings: review.findings.length,
        reviewJson: list.delivery.patchwork === undefined ? '{}' : JSON.stringify(review),
        checks: list.delivery.patchwork === undefined ? 'none' : 'pending',
      },
      replies,
      muted,
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

// The commands a reader runs to get the same review (lore thread with b4, then kreview).
function reproduce(series: Series, list: ListConfig): string[] {
  const args = ['kreview review', `${series.messageId}.mbx`, '--tree linux'];
  if (list.base !== undefined) args.push(`--base ${list.base}`);
  for (const name of list.presets) args.push(`--preset ${name}`);
  if (!list.derive) args.push('--no-derive');
  args.push(`--revision ${series.version}`);
  return [`b4 mbox ${series.messageId}`, args.join(' ')];
}

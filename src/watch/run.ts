// One watcher pass: for each list, list new patch mail, fetch each thread once, review every
// series revision that is ready and new, and record the review with its replies in one
// transaction; then deliver what is written. Faults are collected, not thrown: what failed is
// left for the next run.
import type { ListConfig, WatchConfig } from './config.ts';
import { MAX_FAILURES, type PassPorts, type PassReport } from './pass.ts';
import { reviewThread } from './review-thread.ts';

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
    skipped: 0,
    held: 0,
    notes: [],
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
    const failedKey = `fetch-failures:${list.name}:${anchor}`;
    if (!thread.ok) {
      // A thread that is gone (deleted from the archive) is recorded as handled, so it neither
      // comes back every run nor holds the cursor. A fault of its own (a 20 kB subject in the
      // Content-Disposition of its t.mbox.gz: "Headers Overflow Error") is tried again on the
      // next runs, and after MAX_FAILURES of them recorded as given up on: it must not hold the
      // cursor of the whole list for ever.
      const failures = Number(store.meta(failedKey) ?? '0') + 1;
      const giveUp = thread.gone || failures >= MAX_FAILURES;
      report.faults.push(
        giveUp && !thread.gone
          ? `${thread.fault}; gave up on the thread of <${anchor}> after ${failures} attempts`
          : thread.fault,
      );
      if (giveUp) {
        store.recordThread({
          list: list.name,
          anchor,
          messageIds: [anchor],
          reviews: [],
          pending: undefined,
          now: ports.now().toISOString(),
        });
        store.setMeta(failedKey, String(failures));
      } else {
        store.setMeta(failedKey, String(failures));
        complete = false;
      }
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

// Delivers the replies the state database holds as written, series by series, and marks each
// delivered right after: print them, write them to the list's outbox, or send them over SMTP
// (the outbox's sent.log guards against sending one twice). Patchwork checks are posted the same
// way. A failed delivery is a fault; the reply stays written for the next run.
import { join } from 'node:path';
import { MBOX_FILE, sentIds, writeOutbox } from '../deliver/outbox.ts';
import { postPatchworkChecks } from '../deliver/patchwork-checks.ts';
import { sendOutbox } from '../deliver/smtp.ts';
import type { Review } from '../domain/review.ts';
import { repliesMbox } from '../report/mbox-out.ts';
import type { StoredReply } from '../state/records.ts';
import type { WatchStore } from '../state/store.ts';
import type { ListConfig } from './config.ts';

export interface DeliverIo {
  readonly stdout: { write(chunk: string): unknown };
  readonly progress: (message: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now: () => Date;
}

/** What a delivery pass did. */
export interface DeliveryReport {
  readonly delivered: number;
  readonly checks: number;
  readonly faults: readonly string[];
}

/** Delivers every written reply and pending Patchwork check of the configured lists. */
export async function deliverPending(
  store: WatchStore,
  lists: readonly ListConfig[],
  io: DeliverIo,
): Promise<DeliveryReport> {
  const faults: string[] = [];
  let delivered = 0;
  const bySeries = new Map<string, StoredReply[]>();
  for (const reply of store.undelivered()) {
    const group = bySeries.get(reply.seriesKey) ?? [];
    group.push(reply);
    bySeries.set(reply.seriesKey, group);
  }
  for (const [seriesKey, replies] of bySeries) {
    const list = lists.find((l) => l.name === replies[0]?.list);
    if (list === undefined) continue;
    try {
      const done = await deliverSeries(store, list, seriesKey, replies, io);
      store.markDelivered(done, io.now().toISOString());
      delivered += done.length;
      if (done.length < replies.length)
        faults.push(
          `Cannot deliver ${replies.length - done.length} repl(ies) of ${seriesKey}: left for the next run`,
        );
    } catch (error) {
      faults.push(error instanceof Error ? error.message : String(error));
    }
  }
  let checks = 0;
  for (const pending of store.pendingChecks()) {
    const list = lists.find((l) => l.name === pending.list);
    const url = list?.delivery.patchwork;
    const token = io.env.KREVIEW_PATCHWORK_TOKEN;
    if (url === undefined || token === undefined) continue;
    try {
      const review = JSON.parse(pending.reviewJson) as Review;
      const posted = await postPatchworkChecks(review, { url, token, targetUrl: undefined });
      store.markChecksPosted(pending.seriesKey);
      const fresh = posted.filter((p) => !p.unchanged).length;
      checks += fresh;
      io.progress(`posted ${fresh} check(s) to ${url}, ${posted.length - fresh} unchanged`);
    } catch (error) {
      faults.push(error instanceof Error ? error.message : String(error));
    }
  }
  return { delivered, checks, faults };
}

// Returns the Message-IDs delivered; throws when nothing of the series could be delivered.
async function deliverSeries(
  store: WatchStore,
  list: ListConfig,
  seriesKey: string,
  replies: readonly StoredReply[],
  io: DeliverIo,
): Promise<string[]> {
  const { mode, outbox, smtp } = list.delivery;
  if (mode === 'print' || outbox === undefined) {
    io.stdout.write(repliesMbox(replies.map((r) => r.mail)));
    return replies.map((r) => r.messageId);
  }
  // The outbox holds every reply of the series, so its files keep their names across runs.
  const dir = join(outbox, seriesKey);
  const entries = await writeOutbox(dir, store.repliesOf(seriesKey));
  if (mode === 'outbox' || smtp === undefined) {
    io.progress(`wrote ${entries.length} repl(ies) to "${join(dir, MBOX_FILE)}"`);
    return replies.map((r) => r.messageId);
  }
  try {
    const result = await sendOutbox(dir, entries, {
      ...smtp,
      password: io.env.KREVIEW_SMTP_PASSWORD,
    });
    io.progress(`sent ${result.sent.length} repl(ies) through ${smtp.host}`);
  } catch (error) {
    const sent = await sentIds(dir);
    const done = replies.map((r) => r.messageId).filter((id) => sent.has(id));
    if (done.length === 0) throw error;
    store.markDelivered(done, io.now().toISOString());
    throw error;
  }
  const sent = await sentIds(dir);
  return replies.map((r) => r.messageId).filter((id) => sent.has(id));
}

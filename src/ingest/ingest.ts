// The pure entry of the ingest stage: bytes of an mbox (as an async stream) or messages already
// read → messages, threads and series, with every problem as a warning rather than an exception.
import type { IngestWarning, MailMessage } from '../domain/message.ts';
import type { Series } from '../domain/series.ts';
import { type SplitOptions, splitMbox } from './mbox-split.ts';
import { adaptMessage, type KeepBodies } from './message.ts';
import { assembleThread } from './series.ts';
import { buildThreads } from './thread.ts';

/** What an mbox holds: its messages, every series revision found, and the warnings. */
export interface Ingested {
  /** Every message read, in mbox order (duplicates of a Message-ID dropped). */
  readonly messages: readonly MailMessage[];
  /** Every revision of every series, thread by thread, newest revision first within a thread. */
  readonly series: readonly Series[];
  /** The newest revision of each thread's series: what a reviewer would review. */
  readonly latest: readonly Series[];
  readonly warnings: readonly IngestWarning[];
}

export type { KeepBodies } from './message.ts';

export interface IngestOptions extends SplitOptions {
  /** What of each message is kept (default `all`); see KeepBodies. */
  readonly keep?: KeepBodies;
}

/** Reads an mbox byte stream into messages and series. */
export async function ingestStream(
  chunks: AsyncIterable<Uint8Array>,
  options: IngestOptions = {},
): Promise<Ingested> {
  const messages: MailMessage[] = [];
  const warnings: IngestWarning[] = [];
  for await (const event of splitMbox(chunks, options)) {
    if (event.kind === 'warning') {
      warnings.push(event.warning);
      continue;
    }
    const adapted = await adaptMessage(event.message, options.keep);
    warnings.push(...adapted.warnings);
    if (adapted.message !== undefined) messages.push(adapted.message);
  }
  const result = ingestMessages(messages, options.keep);
  return { ...result, warnings: sortWarnings([...warnings, ...result.warnings]) };
}

/**
 * Threads messages and assembles their series. With `keep: 'series'` the patches keep their
 * files and diff text but not the parsed hunks (115,000 line objects over a year of a list),
 * which only applying needs.
 */
export function ingestMessages(input: readonly MailMessage[], keep: KeepBodies = 'all'): Ingested {
  const warnings: IngestWarning[] = [];
  const seen = new Map<string, MailMessage>();
  const messages: MailMessage[] = [];
  for (const m of input) {
    const earlier = seen.get(m.id);
    if (earlier !== undefined) {
      const text = `Ignored message ${m.position}: it repeats the Message-ID of message ${earlier.position}`;
      warnings.push({ position: m.position, messageId: m.id, message: text });
      continue;
    }
    seen.set(m.id, m);
    messages.push(m);
  }
  const series: Series[] = [];
  const latest: Series[] = [];
  for (const thread of buildThreads(messages)) {
    const assembled = assembleThread(thread);
    warnings.push(...assembled.warnings);
    const found = keep === 'all' ? assembled.series : assembled.series.map(withoutHunks);
    series.push(...found);
    const newest = found[0];
    if (newest !== undefined) latest.push(newest);
  }
  return { messages, series, latest, warnings: sortWarnings(warnings) };
}

function withoutHunks(s: Series): Series {
  const patches = s.patches.map((p) => ({
    ...p,
    files: p.files.map((f) => (f.hunks.length === 0 ? f : { ...f, hunks: [] })),
  }));
  return { ...s, patches };
}

/** Orders warnings by message position (input-wide ones first), then text, for stable output. */
export function sortWarnings(warnings: readonly IngestWarning[]): IngestWarning[] {
  return [...warnings].sort(
    (a, b) =>
      (a.position ?? 0) - (b.position ?? 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}

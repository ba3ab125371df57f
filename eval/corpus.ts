// Series of the evaluation set, cut out of the kbuild corpus (../shared/corpus) at run time: the
// corpus is read where it lies and never copied into the repository. One pass over each corpus
// file serves every series that names it.
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import type { MailMessage } from '../src/domain/message.ts';
import type { Series } from '../src/domain/series.ts';
import { ingestMessages } from '../src/ingest/ingest.ts';
import { splitMbox } from '../src/ingest/mbox-split.ts';
import { adaptMessage } from '../src/ingest/message.ts';
import { mboxOf } from '../src/report/mbox-out.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');
/** Where the corpus lives: ../shared/corpus beside the checkout. */
export const CORPUS_DIR = path.resolve(repoRoot, '../shared/corpus');

/** A thread of the corpus: its messages' raw text (mbox order) and the series found in it. */
export interface CorpusThread {
  readonly root: string;
  /** The raw text of every message of the thread, in mbox order. */
  readonly raw: readonly string[];
  readonly series: readonly Series[];
}

/** The corpus file's path, or undefined when the shared data is not beside the checkout. */
export function corpusPath(file: string): string | undefined {
  const p = path.join(CORPUS_DIR, file);
  return existsSync(p) ? p : undefined;
}

/**
 * One pass over a gzipped mbox: for each root Message-ID, its thread (the root and every message
 * whose References or In-Reply-To name it). A root the corpus lacks is missing from the map.
 */
export async function corpusThreads(
  corpus: string,
  roots: readonly string[],
): Promise<Map<string, CorpusThread>> {
  const kept = new Map<string, { raw: string[]; messages: MailMessage[] }>(
    roots.map((r) => [r, { raw: [], messages: [] }]),
  );
  const file = createReadStream(corpus);
  const chunks = createGunzip();
  // A read error must reach the gunzip stream, or it never ends.
  file.on('error', (error) => chunks.destroy(error));
  file.pipe(chunks);
  for await (const event of splitMbox(chunks)) {
    if (event.kind !== 'message') continue;
    const { message } = await adaptMessage(event.message);
    if (message === undefined) continue;
    const named = new Set([message.id, message.headers.inReplyTo, ...message.headers.references]);
    for (const root of roots) {
      if (!named.has(root)) continue;
      const k = kept.get(root)!;
      k.raw.push(event.message.bytes.toString('latin1'));
      k.messages.push(message);
    }
  }
  const threads = new Map<string, CorpusThread>();
  for (const [root, k] of kept) {
    if (k.messages.length === 0) continue;
    threads.set(root, { root, raw: k.raw, series: ingestMessages(k.messages).series });
  }
  return threads;
}

/** The whole thread as an mboxrd text (what a reviewer saves from lore). */
export function threadMbox(thread: CorpusThread): string {
  return mboxOf(thread.raw);
}

/**
 * Only the patches of one revision, in order (no cover letter: git am takes it for an empty patch): what
 * `git am` is given when the labels are checked by hand.
 */
export function seriesMbox(thread: CorpusThread, series: Series): string {
  const ids = series.patches.map((p) => p.message.id);
  const byId = new Map<string, string>();
  for (const text of thread.raw) {
    const head = text.slice(0, text.search(/\n\n|$/));
    const id = /^message-id:\s*<([^>]+)>/im.exec(head)?.[1];
    if (id !== undefined) byId.set(id, text);
  }
  return mboxOf(ids.map((id) => byId.get(id) ?? ''));
}

/** The revision of the thread with this cover/first-patch Message-ID (or the newest). */
export function pickSeries(
  thread: CorpusThread,
  messageId: string | undefined,
  version?: number,
): Series | undefined {
  return thread.series.find(
    (s) =>
      (messageId === undefined || s.messageId === messageId) &&
      (version === undefined || s.version === version),
  );
}

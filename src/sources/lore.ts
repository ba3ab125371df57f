// public-inbox over HTTP (lore.kernel.org runs it): new patch mail from a search feed
// (`?q=rt:SINCE..&x=A`, received time, newest first, 200 per page) or, for inboxes without a
// search index, `new.atom`; whole threads from `<msgid>/t.mbox.gz`.
import { gunzipSync } from 'node:zlib';
import type { ThreadResult, WatchSource } from '../domain/source.ts';
import { ingestStream } from '../ingest/ingest.ts';
import { parseSubject } from '../ingest/subject.ts';
import { type AtomEntry, parseAtom } from './lore-atom.ts';
import { getWithRetry, type HttpPort } from './lore-http.ts';

const PAGE = 200;
const MAX_PAGES = 25;
/** Listings reach back this far before the cursor, for index lag and clock skew. */
const OVERLAP_SECONDS = 24 * 3600;

export interface LoreOptions {
  /** The inbox URL, e.g. https://lore.kernel.org/linux-kbuild */
  readonly url: string;
  /** `search` (default) or `atom` (new.atom: only the newest entries, for unindexed inboxes). */
  readonly feed: 'search' | 'atom';
  /** The first run's start, as a Unix time in seconds. */
  readonly firstSince: number;
  readonly progress: (message: string) => void;
}

/** A watch source reading the public-inbox at `options.url`. */
export function loreSource(port: HttpPort, options: LoreOptions): WatchSource {
  const base = options.url.replace(/\/+$/, '');
  return {
    async list(cursor, seen) {
      const since = cursor === undefined ? options.firstSince : Number(cursor) - OVERLAP_SECONDS;
      const listed =
        options.feed === 'atom'
          ? await feed(port, `${base}/new.atom`)
          : await searchFeed(port, base, Math.max(0, since));
      if (!listed.ok) return { anchors: [], cursor: undefined, faults: [listed.fault], ok: false };
      // Entries that answer another message stay: a v2 is often sent in reply to its v1, and
      // patch 2/N answers its cover letter. The subject tells patch mail from discussion.
      const anchors = listed.entries
        .filter((e) => !seen(e.messageId))
        .filter((e) => {
          const s = parseSubject(e.subject);
          return s.isPatch && !s.isReply;
        })
        .map((e) => e.messageId);
      options.progress(
        `listed ${listed.entries.length} message(s) at ${base}, ${anchors.length} new patch mail`,
      );
      // <updated> is public-inbox's received time (what rt: matches), so the newest one listed is
      // where the next listing starts (less the overlap).
      const newest = Math.max(
        cursor === undefined ? options.firstSince : Number(cursor),
        ...listed.entries
          .map((e) => Math.floor(Date.parse(e.updated) / 1000))
          .filter(Number.isFinite),
      );
      return {
        anchors: [...new Set(anchors)].sort(),
        cursor: String(newest),
        // Newest first: what a capped listing leaves out is older mail, skipped for good.
        faults:
          listed.truncated === true
            ? [
                `Cannot list all new mail of "${base}": stopped at the newest ${MAX_PAGES * PAGE} messages`,
              ]
            : [],
        ok: true,
      };
    },
    async thread(anchor) {
      return fetchThread(port, base, anchor);
    },
  };
}

type FeedResult =
  | { readonly ok: true; readonly entries: readonly AtomEntry[]; readonly truncated?: boolean }
  | { readonly ok: false; readonly fault: string };

async function feed(port: HttpPort, url: string): Promise<FeedResult> {
  const got = await getWithRetry(port, url, (body) => parseAtom(body.toString('utf8')));
  return got.ok ? { ok: true, entries: got.value } : { ok: false, fault: got.fault };
}

async function searchFeed(port: HttpPort, base: string, since: number): Promise<FeedResult> {
  const entries: AtomEntry[] = [];
  const query = encodeURIComponent(`rt:${since}..`);
  for (let page = 0; page < MAX_PAGES; page++) {
    const url = `${base}/?q=${query}&x=A&o=${page * PAGE}`;
    const got = await getWithRetry(port, url, (body) => parseAtom(body.toString('utf8')));
    if (!got.ok) {
      // An inbox without a search index answers 501: its new.atom is what can be read.
      if (got.status === 501 && page === 0) return feed(port, `${base}/new.atom`);
      // public-inbox answers a search without matches with 404; the inbox itself must answer.
      if (got.status !== 404) return { ok: false, fault: got.fault };
      const alive = await feed(port, `${base}/new.atom`);
      return alive.ok ? { ok: true, entries } : alive;
    }
    entries.push(...got.value);
    if (got.value.length < PAGE) return { ok: true, entries };
  }
  return { ok: true, entries, truncated: true };
}

/**
 * The thread holding `messageId`, from `<msgid>/t.mbox.gz`; truncated gzip is retried. public-inbox
 * names the file after the thread's subject in Content-Disposition, and a 20 kB subject makes a
 * header Node's fetch refuses ("Headers Overflow Error"): such a thread is fetched again with the
 * port's client for large headers.
 */
export async function fetchThread(
  port: HttpPort,
  base: string,
  messageId: string,
): Promise<ThreadResult> {
  const url = `${base}/${encodeURIComponent(messageId)}/t.mbox.gz`;
  const maxOutputLength = port.policy.maxBytes;
  const check = (body: Buffer) => gunzipSync(body, { maxOutputLength });
  let got = await getWithRetry(port, url, check);
  // Only a server that answered with headers fetch cannot take; one that did not answer at all
  // is not asked twice as often.
  const large = port.fetchLargeHeaders;
  if (!got.ok && got.status === undefined && /Headers Overflow/i.test(got.fault) && large)
    got = await getWithRetry({ ...port, fetch: large }, url, check);
  if (!got.ok)
    return { ok: false, fault: got.fault, gone: got.status === 404 || got.status === 410 };
  const ingested = await ingestStream(once(got.value));
  return { ok: true, messages: ingested.messages, warnings: ingested.warnings };
}

async function* once(bytes: Buffer): AsyncGenerator<Uint8Array> {
  yield bytes;
}

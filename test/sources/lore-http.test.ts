// The lore source's HTTP behaviour against a scripted server on 127.0.0.1: retries with bounded
// backoff on 5xx, timeouts, truncated gzip and malformed Atom; no retry on 404 or an oversized body.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchThread, loreSource } from '../../src/sources/lore.ts';
import { type HttpPort, httpPort } from '../../src/sources/lore-http.ts';

type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

let server: Server | undefined;
afterEach(async () => {
  const s = server;
  server = undefined;
  if (s !== undefined) {
    s.closeAllConnections();
    await new Promise((done) => s.close(done));
  }
});

async function serve(handler: Handler): Promise<{ base: string; requests: string[] }> {
  const requests: string[] = [];
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    handler(req, res, requests.length);
  });
  await new Promise<void>((done) => server?.listen(0, '127.0.0.1', () => done()));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}/linux-kbuild`, requests };
}

function port(sleeps: number[], policy: Partial<HttpPort['policy']> = {}): HttpPort {
  const real = httpPort({ attempts: 4, backoffMs: 10, timeoutMs: 2000, ...policy });
  return { ...real, sleep: async (ms) => void sleeps.push(ms) };
}

const MESSAGE = [
  'From: Randy Dunlap <rdunlap@example.org>',
  'To: linux-kbuild@vger.kernel.org',
  'Subject: [PATCH] usr/Kconfig: fix typos',
  'Date: Sun, 10 Dec 2023 05:34:29 +0000',
  'Message-ID: <typo-1@example.org>',
  '',
  'Fix typos.',
  '',
].join('\n');
const MBOX = `From mboxrd@z Thu Jan  1 00:00:00 1970\n${MESSAGE}\n`;

function atom(entries: string[]): string {
  return `<?xml version="1.0" encoding="us-ascii"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xmlns:thr="http://purl.org/syndication/thread/1.0"><title>kbuild</title>${entries.join('')}</feed>`;
}

function entry(id: string, subject: string, updated: string, reply = false): string {
  return `<entry><author><name>A</name><email>a@example.org</email></author><title>${subject}</title><updated>${updated}</updated><link href="http://x/linux-kbuild/${encodeURIComponent(id)}/"/><id>urn:uuid:1</id>${reply ? '<thr:in-reply-to ref="urn:uuid:0" href="http://x/linux-kbuild/p/"/>' : ''}<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><pre>body &lt;b&gt;</pre></div></content></entry>`;
}

describe('fetchThread()', () => {
  it('fetchThread() retries a 503 with doubling backoff, then reads the thread', async () => {
    const { base, requests } = await serve((_req, res, n) => {
      if (n < 3) res.writeHead(503).end('busy');
      else res.writeHead(200).end(gzipSync(MBOX));
    });
    const sleeps: number[] = [];
    const got = await fetchThread(port(sleeps), base, 'typo-1@example.org');
    expect(got.ok).toBe(true);
    expect(got.ok && got.messages.map((m) => m.id)).toEqual(['typo-1@example.org']);
    expect(requests).toEqual(Array(3).fill('/linux-kbuild/typo-1%40example.org/t.mbox.gz'));
    expect(sleeps).toEqual([10, 20]);
  });

  it('fetchThread() gives up after the last attempt and names the URL and the status', async () => {
    const { base, requests } = await serve((_req, res) => res.writeHead(502).end());
    const sleeps: number[] = [];
    const got = await fetchThread(port(sleeps), base, 'a@b');
    expect(got).toEqual({
      ok: false,
      fault: `Cannot fetch "${base}/a%40b/t.mbox.gz": HTTP 502`,
      gone: false,
    });
    expect(requests.length).toBe(4);
    expect(sleeps).toEqual([10, 20, 40]);
  });

  it('fetchThread() retries a truncated gzip download', async () => {
    const whole = gzipSync(MBOX);
    const { base, requests } = await serve((_req, res, n) => {
      res.writeHead(200).end(n === 1 ? whole.subarray(0, whole.length - 12) : whole);
    });
    const got = await fetchThread(port([]), base, 'typo-1@example.org');
    expect(got.ok).toBe(true);
    expect(requests.length).toBe(2);
  });

  it('fetchThread() does not retry a 404, and calls the thread gone', async () => {
    const { base, requests } = await serve((_req, res) => res.writeHead(404).end());
    const got = await fetchThread(port([]), base, 'gone@example.org');
    expect(got.ok === false && got.gone).toBe(true);
    expect(requests.length).toBe(1);
  });

  it('fetchThread() stops reading a body larger than the cap, without retrying', async () => {
    const { base, requests } = await serve((_req, res) => {
      res.writeHead(200);
      res.end(Buffer.alloc(4096));
    });
    const got = await fetchThread(port([], { maxBytes: 1000 }), base, 'big@example.org');
    expect(got).toEqual({
      ok: false,
      fault: `Cannot fetch "${base}/big%40example.org/t.mbox.gz": larger than 1000 bytes`,
      gone: false,
    });
    expect(requests.length).toBe(1);
  });

  it('fetchThread() times out a server that does not answer, and retries', async () => {
    const { base, requests } = await serve(() => {
      // never answers
    });
    const got = await fetchThread(
      port([], { attempts: 2, timeoutMs: 150 }),
      base,
      'slow@example.org',
    );
    expect(got).toEqual({
      ok: false,
      fault: `Cannot fetch "${base}/slow%40example.org/t.mbox.gz": no answer within 150 ms`,
      gone: false,
    });
    expect(requests.length).toBe(2);
  });
});

describe('loreSource().list()', () => {
  const options = (base: string) => ({
    url: base,
    feed: 'search' as const,
    firstSince: 1_700_000_000,
    progress: () => {},
  });

  it('list() keeps new patch mail (a v3 sent in reply too), not Re: mail, seen mail or plain mail', async () => {
    const feed = atom([
      entry('p1@x', '[PATCH v2 0/2] kbuild: a', '2023-12-10T05:00:00Z'),
      entry('r1@x', 'Re: [PATCH v2 0/2] kbuild: a', '2023-12-10T06:00:00Z', true),
      entry('seen@x', '[PATCH] kbuild: b', '2023-12-10T07:00:00Z'),
      entry('q@x', 'question about make', '2023-12-10T08:00:00Z'),
      entry('a/b@x', '[RFC PATCH] kbuild: &amp; c', '2023-12-09T08:00:00Z'),
      entry('p2@x', '[PATCH v3] kbuild: a', '2023-12-09T09:00:00Z', true),
    ]);
    const { base, requests } = await serve((_req, res) => res.writeHead(200).end(feed));
    const listing = await loreSource(port([]), options(base)).list(
      undefined,
      (id) => id === 'seen@x',
    );
    expect(listing).toEqual({
      anchors: ['a/b@x', 'p1@x', 'p2@x'],
      cursor: String(Date.parse('2023-12-10T08:00:00Z') / 1000),
      faults: [],
      ok: true,
    });
    expect(requests).toEqual([`/linux-kbuild/?q=${encodeURIComponent('rt:1700000000..')}&x=A&o=0`]);
  });

  it('list() starts a day before the stored cursor', async () => {
    const { base, requests } = await serve((_req, res) => res.writeHead(200).end(atom([])));
    const listing = await loreSource(port([]), options(base)).list('1702200000', () => false);
    expect(listing.cursor).toBe('1702200000');
    expect(requests[0]).toContain(encodeURIComponent(`rt:${1702200000 - 86400}..`));
  });

  it('list() reads a search without matches (404) as empty when the inbox answers', async () => {
    const { base } = await serve((req, res) => {
      if (req.url?.endsWith('new.atom')) res.writeHead(200).end(atom([]));
      else res.writeHead(404).end('no results');
    });
    const listing = await loreSource(port([]), options(base)).list(undefined, () => false);
    expect(listing.ok).toBe(true);
    expect(listing.anchors).toEqual([]);
  });

  it('list() pages through 200 entries at a time and reports a listing cut at 25 pages', async () => {
    const { base, requests } = await serve((req, res) => {
      const offset = Number(new URL(req.url ?? '', 'http://x').searchParams.get('o'));
      const page = Array.from({ length: 200 }, (_, i) =>
        entry(`m${offset + i}@x`, `[PATCH] kbuild: ${offset + i}`, '2023-12-10T05:00:00Z'),
      );
      res.writeHead(200).end(atom(page));
    });
    const listing = await loreSource(port([]), options(base)).list(undefined, () => false);
    expect(requests.length).toBe(25);
    expect(requests[24]).toMatch(/&o=4800$/);
    expect(listing.anchors.length).toBe(5000);
    expect(listing.faults).toEqual([
      `Cannot list all new mail of "${base}": stopped at the newest 5000 messages`,
    ]);
  });

  it('list() reads new.atom from an inbox without search (501), without retrying the search', async () => {
    const { base, requests } = await serve((req, res) => {
      if (req.url?.endsWith('new.atom'))
        res.writeHead(200).end(atom([entry('p@x', '[PATCH] kbuild: a', '2023-12-10T05:00:00Z')]));
      else res.writeHead(501).end('Search is not available for this public-inbox');
    });
    const listing = await loreSource(port([]), options(base)).list(undefined, () => false);
    expect(listing.anchors).toEqual(['p@x']);
    expect(requests.map((r) => r.replace(/\?.*/, '?…'))).toEqual([
      '/linux-kbuild/?…',
      '/linux-kbuild/new.atom',
    ]);
  });

  it('list() retries malformed Atom, then reports the fault and fails', async () => {
    const { base, requests } = await serve((_req, res) => res.writeHead(200).end('<feed><entry>'));
    const listing = await loreSource(port([], { attempts: 3 }), options(base)).list(
      undefined,
      () => false,
    );
    expect(listing.ok).toBe(false);
    expect(listing.faults[0]).toMatch(
      /^Cannot fetch ".*": the response is unusable: malformed Atom/,
    );
    expect(requests.length).toBe(3);
  });
});

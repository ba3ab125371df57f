// Patchwork as a watch source, against a local server that checks every request with Patchwork's
// published OpenAPI schema: series-completed events since the cursor, then each series' mbox.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { httpPort } from '../../src/sources/lore-http.ts';
import { patchworkClient } from '../../src/sources/patchwork/client.ts';
import { patchworkSource } from '../../src/sources/patchwork/events.ts';
import { check, schemaMissing } from '../sources/patchwork/patchwork-server.ts';

const skip = schemaMissing('the Patchwork source tests');

let server: Server | undefined;
afterEach(async () => {
  const s = server;
  server = undefined;
  if (s !== undefined) await new Promise((done) => s.close(done));
});

const MBOX = [
  'From mboxrd@z Thu Jan  1 00:00:00 1970',
  'From: Ada Lovelace <ada@example.org>',
  'Subject: [PATCH] kconfig: tidy',
  'Date: Tue, 02 Jan 2024 03:00:00 +0000',
  'Message-ID: <pw-1@example.org>',
  '',
  'Tidy.',
  '',
].join('\n');

// Two completed series and an event of another category, which must be ignored.
async function stand(): Promise<{ url: string; queries: URLSearchParams[]; problems: string[] }> {
  const queries: URLSearchParams[] = [];
  const problems: string[] = [];
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const base = `http://${req.headers.host}`;
    if (url.pathname.startsWith('/series/')) {
      res.writeHead(200, { 'content-type': 'application/mbox' }).end(MBOX);
      return;
    }
    const checked = check({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: '',
    });
    if (!checked.ok || checked.operationId !== 'events_list') {
      problems.push(checked.ok ? checked.operationId : checked.problems.join('; '));
      res.writeHead(400).end('{}');
      return;
    }
    queries.push(url.searchParams);
    // Patchwork's filters refuse an unknown project with 400.
    if (url.searchParams.get('project') !== 'linux-kbuild') {
      res
        .writeHead(400, { 'content-type': 'application/json' })
        .end('{"project":["Select a valid choice."]}');
      return;
    }
    const event = (id: number, category: string, date: string) => ({
      id,
      category,
      date,
      project: { id: 1, linkname: 'linux-kbuild' },
      payload: {
        series: {
          id,
          url: `${base}/api/1.4/series/${id}/`,
          mbox: `${base}/series/${id}/mbox/`,
          version: 1,
        },
      },
    });
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(
        JSON.stringify([
          event(11, 'series-completed', '2024-01-02T03:05:00'),
          event(12, 'series-created', '2024-01-02T03:06:00'),
          event(13, 'series-completed', '2024-01-02T04:00:00'),
        ]),
      );
  });
  await new Promise<void>((done) => server?.listen(0, '127.0.0.1', () => done()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, queries, problems };
}

describe.skipIf(skip)('patchworkSource()', () => {
  it('list() asks for series-completed events since the cursor and keeps their mbox URLs', async () => {
    const pw = await stand();
    const source = patchworkSource(patchworkClient(pw.url, undefined), httpPort({ attempts: 1 }), {
      project: 'linux-kbuild',
      firstSince: '2024-01-01T00:00:00',
      progress: () => {},
    });
    const listing = await source.list('2024-01-02T00:00:00', () => false);
    expect(pw.problems).toEqual([]);
    expect(listing).toEqual({
      anchors: [`${pw.url}/series/11/mbox/`, `${pw.url}/series/13/mbox/`],
      cursor: '2024-01-02T04:00:00',
      faults: [],
      ok: true,
    });
    expect(Object.fromEntries(pw.queries[0] ?? [])).toMatchObject({
      project: 'linux-kbuild',
      category: 'series-completed',
      since: '2024-01-02T00:00:00',
    });
    const thread = await source.thread(`${pw.url}/series/11/mbox/`);
    expect(thread.ok && thread.messages.map((m) => m.id)).toEqual(['pw-1@example.org']);
  });

  it('list() reports a Patchwork that refuses the request as a failed listing', async () => {
    const pw = await stand();
    const source = patchworkSource(patchworkClient(pw.url, undefined), httpPort({ attempts: 1 }), {
      project: 'linux-nope',
      firstSince: '2024-01-01T00:00:00',
      progress: () => {},
    });
    const listing = await source.list(undefined, () => false);
    expect(listing.ok).toBe(false);
    expect(listing.faults).toEqual(['Cannot list Patchwork events of "linux-nope": HTTP 400']);
  });
});

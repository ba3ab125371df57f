// A thread whose t.mbox.gz cannot be fetched for a reason of its own: public-inbox puts the
// subject into the Content-Disposition header, and a subject of 2 MB is more than Node's fetch
// takes ("Headers Overflow Error") and more than the client for large headers that a 20 kB one
// is fetched with again (lore-long-subject.slow.test.ts). It is tried again on the next runs,
// then given up on and recorded, so it does not hold the list's cursor: the listing does not
// grow and repeat the fault for ever.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';

let dir: string;
let server: Server;
const requests: string[] = [];
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kreview-lore-overflow-'));
  requests.length = 0;
  // 2 MB: more than fetch takes (16 KiB), and more than the client for large headers (1 MiB).
  const subject = `[PATCH] kbuild: ${'a very long subject '.repeat(100_000)}`;
  const feed = `<?xml version="1.0" encoding="us-ascii"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>kbuild</title><entry><author><name>A</name><email>a@example.org</email></author><title>[PATCH] kbuild: long</title><updated>2023-12-10T05:00:00Z</updated><link href="http://x/linux-kbuild/long%40example.org/"/><id>urn:uuid:1</id></entry></feed>`;
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url?.includes('t.atom') || req.url?.includes('/raw')) {
      // An archive that cannot list the thread either: nothing else to try.
      res.writeHead(404).end('Not found');
    } else if (req.url?.includes('t.mbox.gz')) {
      // As public-inbox-httpd does: the subject, as the file name.
      res.writeHead(200, {
        'Content-Type': 'application/gzip',
        'Content-Disposition': `inline; filename=${subject.replace(/\W+/g, '_')}.mbox.gz`,
      });
      res.end(Buffer.alloc(0));
    } else res.writeHead(200).end(feed);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
});
afterEach(async () => {
  await new Promise((done) => server.close(done));
  rmSync(dir, { recursive: true, force: true });
});

async function watch(config: string) {
  let stdout = '';
  const status = await main(['watch', '--config', config, '--json'], {
    stdout: { write: (c: string) => (stdout += c) },
    stderr: { write: () => true },
    stdin: Readable.from([]),
    env: {},
    cwd: dir,
  });
  return { status, summary: JSON.parse(stdout) as { faults: string[]; threads: number } };
}

describe('kreview watch and a thread whose fetch always fails', () => {
  it('retries it on the next two runs, then gives up, records it and moves the cursor on', async () => {
    const { port } = server.address() as AddressInfo;
    const config = join(dir, 'watch.json');
    writeFileSync(
      config,
      JSON.stringify({
        stateDir: 'state',
        tree: dir,
        from: 'Bot <bot@example.org>',
        since: '2023-12-01T00:00:00Z',
        http: { attempts: 2, backoffMs: 1 },
        lists: [{ name: 'kbuild', lore: `http://127.0.0.1:${port}/linux-kbuild` }],
      }),
    );
    const url = `http://127.0.0.1:${port}/linux-kbuild/long%40example.org/t.mbox.gz`;
    const fetches = () => requests.filter((r) => r.includes('t.mbox.gz')).length;
    const searches = () => requests.filter((r) => r.includes('?q=')).map(decodeURIComponent);
    const runs: string[][] = [];
    for (let run = 0; run < 4; run++) {
      const { status, summary } = await watch(config);
      expect(status).toBe(0);
      runs.push(summary.faults);
    }
    expect(runs.map((f) => f.length)).toEqual([1, 1, 1, 0]);
    expect(runs[0]?.[0]).toMatch(new RegExp(`^Cannot fetch "${url.replace(/[.?]/g, '\\$&')}": `));
    expect(runs[0]?.[0]).toMatch(/Headers? overflow/i);
    expect(runs[2]?.[0]).toMatch(
      /; gave up on the thread of <long@example\.org> after 3 attempts$/,
    );
    // Two attempts per client (http.attempts), two clients, three runs; the fourth does not fetch.
    expect(fetches()).toBe(12);
    // The cursor held while the thread was retried, and moved on once it was given up.
    const since = (q: string) => /rt:(\d+)\.\./.exec(q)?.[1];
    expect(searches().slice(0, 3).map(since)).toEqual([
      String(Date.parse('2023-12-01T00:00:00Z') / 1000),
      String(Date.parse('2023-12-01T00:00:00Z') / 1000),
      String(Date.parse('2023-12-01T00:00:00Z') / 1000),
    ]);
    expect(since(searches()[3] ?? '')).toBe(String(Date.parse('2023-12-09T05:00:00Z') / 1000));
  });
});

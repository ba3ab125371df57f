// A thread deleted from the archive after it was listed (its t.mbox.gz answers 404): the run
// reports it once, moves on, and the next run neither fetches it again nor reports it again.

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
  dir = mkdtempSync(join(tmpdir(), 'kreview-lore-gone-'));
  requests.length = 0;
  const feed = `<?xml version="1.0" encoding="us-ascii"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>kbuild</title><entry><author><name>A</name><email>a@example.org</email></author><title>[PATCH] kbuild: spam</title><updated>2023-12-10T05:00:00Z</updated><link href="http://x/linux-kbuild/spam%40example.org/"/><id>urn:uuid:1</id></entry></feed>`;
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url?.includes('t.mbox.gz')) res.writeHead(404).end('Not found');
    else res.writeHead(200).end(feed);
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

describe('kreview watch and a thread that is gone', () => {
  it('reports a 404 thread once and does not fetch it again', async () => {
    const { port } = server.address() as AddressInfo;
    const config = join(dir, 'watch.json');
    writeFileSync(
      config,
      JSON.stringify({
        stateDir: 'state',
        tree: dir,
        from: 'Bot <bot@example.org>',
        since: '2023-12-01T00:00:00Z',
        http: { attempts: 3, backoffMs: 1 },
        lists: [{ name: 'kbuild', lore: `http://127.0.0.1:${port}/linux-kbuild` }],
      }),
    );
    const first = await watch(config);
    expect(first.status).toBe(0);
    expect(first.summary.faults).toEqual([
      `Cannot fetch "http://127.0.0.1:${port}/linux-kbuild/spam%40example.org/t.mbox.gz": HTTP 404`,
    ]);
    expect(requests.filter((r) => r.includes('t.mbox.gz')).length).toBe(1);
    const second = await watch(config);
    expect(second.summary.faults).toEqual([]);
    expect(requests.filter((r) => r.includes('t.mbox.gz')).length).toBe(1);
    expect(requests.at(-1)).toContain(
      encodeURIComponent(`rt:${Date.parse('2023-12-09T05:00:00Z') / 1000}..`),
    );
  });
});

// A real public-inbox names a thread's t.mbox.gz after its subject, in Content-Disposition: a
// 20 kB subject makes a header Node's fetch refuses ("Headers Overflow Error"). The watcher reads
// such a thread again with a client that takes large headers, and reviews it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { makeRepo, type TestRepo } from '../helpers/git-repo.ts';
import {
  createInbox,
  ensurePublicInbox,
  importMessages,
  serveInbox,
  stopInbox,
  type TestInbox,
} from './public-inbox.ts';
import { patchMail } from './small-series.ts';

let dir: string;
let inbox: TestInbox;
let repo: TestRepo;
const LONG = `kconfig: ${'a very long subject '.repeat(1000).trim()}`;

beforeAll(async () => {
  if (!ensurePublicInbox())
    throw new Error('public-inbox is not installed and cannot be (not root)');
  dir = mkdtempSync(join(tmpdir(), 'kreview-long-subject-'));
  repo = makeRepo({ Kconfig: 'config FOO\n\tbool "foo"\n' });
  inbox = createInbox(join(dir, 'pi'), 'linux-kbuild');
  // Folded as a mailer would: one long Subject: of 20 kB.
  const mail = patchMail(1, 1, 1, 'Tue, 02 Jan 2024 03:00:00 +0000')
    .replace(/^From mboxrd.*\n/, '')
    .replace(/^Subject: \[PATCH 1\/1\] .*$/m, `Subject: [PATCH] ${LONG.replace(/ /g, '\n ')}`);
  importMessages(inbox, [Buffer.from(mail)], new Date());
  await serveInbox(inbox);
}, 120_000);

afterAll(async () => {
  await stopInbox(inbox);
  repo.remove();
  rmSync(dir, { recursive: true, force: true });
});

describe('kreview watch and a thread with a 20 kB subject', () => {
  it('public-inbox puts the subject in a header Node refuses', async () => {
    const error = await fetch(`${inbox.url}/v1-1@example.org/t.mbox.gz`).catch((e: unknown) => e);
    expect(String((error as Error & { cause?: unknown }).cause)).toMatch(/Headers Overflow/);
  });

  it('fetches the thread with a client for large headers and reviews it: no fault, the cursor moves', async () => {
    const config = join(dir, 'watch.json');
    writeFileSync(
      config,
      JSON.stringify({
        stateDir: 'state',
        tree: repo.dir,
        from: 'Kconfig Bot <bot@example.org>',
        since: '2024-01-01T00:00:00Z',
        http: { attempts: 2, backoffMs: 10 },
        lists: [
          {
            name: 'linux-kbuild',
            lore: inbox.url,
            base: 'main',
            delivery: { mode: 'print' },
            policy: { replyOnApplyFailure: true },
          },
        ],
      }),
    );
    const run = async () => {
      let stdout = '';
      let stderr = '';
      const status = await main(
        ['watch', '--config', config, '--json', '--now', '2024-01-05T00:00:00Z'],
        {
          stdout: { write: (c: string) => (stdout += c) },
          stderr: { write: (c: string) => (stderr += c) },
          stdin: Readable.from([]),
          env: {},
          cwd: dir,
        },
      );
      expect(status, stderr).toBe(0);
      return { stdout, summary: JSON.parse(stdout.slice(stdout.lastIndexOf('\n{\n') + 1)) };
    };
    const first = await run();
    expect(first.summary).toMatchObject({ threads: 1, reviewed: 1, faults: [] });
    // The patch does not apply to this tree: the note answers it, by its Message-ID.
    expect(first.stdout).toContain('In-Reply-To: <v1-1@example.org>');
    const second = await run();
    expect(second.summary).toMatchObject({ threads: 0, reviewed: 0, faults: [] });
  }, 120_000);
});

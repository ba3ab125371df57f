// `kreview show MSGID` and `kreview apply <lore URL>` fetch the thread from a real public-inbox
// (Debian's public-inbox-httpd on 127.0.0.1), as `b4 am MSGID` does, and read it exactly as the
// same thread saved to an mbox.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitMbox } from '../../src/ingest/mbox-split.ts';
import { makeRepo, type TestRepo } from '../helpers/git-repo.ts';
import { runCli } from '../helpers/run-cli.ts';
import { fixture } from '../ingest/helpers.ts';
import {
  createInbox,
  ensurePublicInbox,
  importMessages,
  serveInbox,
  stopInbox,
  type TestInbox,
} from '../watch/public-inbox.ts';

// The v6 cover letter of the VFIO fixture.
const COVER = '20260309093000.600-0-ada@example.org';

let dir = '';
let inbox: TestInbox;
let url = '';

beforeAll(async () => {
  if (!ensurePublicInbox())
    throw new Error('public-inbox is not installed and cannot be (not root)');
  dir = mkdtempSync(join(tmpdir(), 'kreview-input-'));
  const raws: Buffer[] = [];
  async function* bytes() {
    yield readFileSync(fixture('vfio-noiommu.mbox'));
  }
  for await (const event of splitMbox(bytes()))
    if (event.kind === 'message') raws.push(event.message.bytes);
  inbox = createInbox(join(dir, 'pi'), 'vfio');
  importMessages(inbox, raws, new Date('2026-03-02T10:00:00Z'));
  url = await serveInbox(inbox);
}, 120_000);

afterAll(async () => {
  if (inbox !== undefined) await stopInbox(inbox);
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

describe('a series given by Message-ID, fetched from public-inbox (real server)', () => {
  it('kreview show <msgid> --lore URL reads the thread as the saved mbox reads', async () => {
    const fetched = await runCli(['show', `<${COVER}>`, '--lore', url, '--json']);
    expect(fetched.status, fetched.err).toBe(0);
    const saved = await runCli(['show', fixture('vfio-noiommu.mbox'), '--json']);
    const pick = (text: string) =>
      (
        JSON.parse(text) as { series: { subject: string; version: number; present: number[] }[] }
      ).series
        .filter((s) => s.version === 6)
        .map((s) => [s.subject, s.version, s.present]);
    expect(pick(fetched.out)).toEqual([['iommufd: Enable noiommu mode for cdev', 6, [1, 2, 3]]]);
    expect(pick(fetched.out)).toEqual(pick(saved.out));
  });

  it('kreview apply <lore URL> takes the Message-ID from the URL', async () => {
    let repo: TestRepo | undefined;
    try {
      repo = makeRepo({ README: 'not a kernel\n' });
      const { status, out, err } = await runCli([
        'apply',
        `${url}/${encodeURIComponent(COVER)}/T/#t`,
        '--tree',
        repo.dir,
      ]);
      expect(status, err).toBe(0);
      // The thread arrived and was tried: its base-commit is not in this tree.
      expect(out).toContain(
        'base-commit dc6ecc821705b979af93784965687d5e65e43a21 is not in this tree',
      );
    } finally {
      repo?.remove();
    }
  });

  it('kreview show of a Message-ID the inbox does not have exits 1 and says so', async () => {
    const { status, err } = await runCli(['show', 'no-such-thread@example.org', '--lore', url]);
    expect(status).toBe(1);
    expect(err).toContain('Cannot fetch the thread of <no-such-thread@example.org>');
  });
});

// The outbox as files other mail tools read: git mailinfo parses each .eml back to the same
// sender, subject and body, and kreview's own mbox reader reads outbox.mbox back to the same
// messages (the "From " line escaped and un-escaped).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MBOX_FILE, removeStale, writeOutbox } from '../../src/deliver/outbox.ts';
import { parseAddress } from '../../src/deliver/sender.ts';
import { readMbox } from '../../src/sources/mbox-file.ts';
import { sampleReplies } from './sample-replies.ts';

describe('writeOutbox()', () => {
  it('names the .eml files in send order and writes an mbox of them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kreview-outbox-'));
    await writeOutbox(dir, sampleReplies());
    expect(readdirSync(dir).sort()).toEqual([
      '0001-re-patch-v6-1-2-vfio-gr-e.eml',
      '0002-re-patch-v6-2-2-vfio-dots.eml',
      '0003-re-patch-v6-0-2-vfio-cover.eml',
      MBOX_FILE,
    ]);
  });

  it('removes the replies of an earlier review that this one does not write again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kreview-outbox-'));
    await writeOutbox(dir, sampleReplies());
    const entries = await writeOutbox(dir, sampleReplies().slice(1));
    expect(await removeStale(dir, entries)).toEqual([
      '0001-re-patch-v6-1-2-vfio-gr-e.eml',
      '0002-re-patch-v6-2-2-vfio-dots.eml',
      '0003-re-patch-v6-0-2-vfio-cover.eml',
    ]);
    expect(readdirSync(dir).sort()).toEqual([
      '0001-re-patch-v6-2-2-vfio-dots.eml',
      '0002-re-patch-v6-0-2-vfio-cover.eml',
      MBOX_FILE,
    ]);
  });

  it('writes messages git mailinfo reads back to the same sender, subject and body', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kreview-outbox-'));
    const replies = sampleReplies();
    const entries = await writeOutbox(dir, replies);
    for (const [i, entry] of entries.entries()) {
      const info = execFileSync(
        'git',
        ['mailinfo', '-k', '-u', join(dir, 'msg'), join(dir, 'patch')],
        { input: readFileSync(join(dir, entry.file)) },
      ).toString();
      const reply = replies[i];
      expect(info).toContain(`Author: ${reply?.from.name}\nEmail: ${reply?.from.address}\n`);
      expect(info).toContain(`Subject: ${reply?.subject}\n`);
      expect(readFileSync(join(dir, 'msg'), 'utf8')).toBe(reply?.body);
    }
  });

  it('writes an mbox that kreview reads back to the same messages and threading', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kreview-outbox-'));
    const replies = sampleReplies();
    await writeOutbox(dir, replies);
    const { messages } = await readMbox(join(dir, MBOX_FILE), Readable.from([]));
    expect(
      messages.map((m) => ({
        id: m.id,
        subject: m.headers.subject,
        inReplyTo: m.headers.inReplyTo,
        references: m.headers.references,
        body: m.body,
      })),
    ).toEqual(
      replies.map((r) => ({
        id: r.messageId,
        subject: r.subject,
        inReplyTo: r.inReplyTo,
        references: r.references,
        body: r.body,
      })),
    );
  });
});

describe('parseAddress()', () => {
  it.each([
    [
      'reads a name and an address',
      {
        given: 'Kconfig Bot <bot@example.org>',
        want: { name: 'Kconfig Bot', address: 'bot@example.org' },
      },
    ],
    [
      'unquotes a quoted name',
      {
        given: '"Lovelace, Ada" <ada@example.org>',
        want: { name: 'Lovelace, Ada', address: 'ada@example.org' },
      },
    ],
    [
      'reads a bare address',
      { given: 'bot@example.org', want: { name: '', address: 'bot@example.org' } },
    ],
    ['refuses a name without an address', { given: 'Kconfig Bot', want: undefined }],
  ])('parseAddress() %s', (_name, { given, want }) => {
    expect(parseAddress(given)).toEqual(want);
  });
});

// Sending the outbox to a real SMTP server (smtp-server on 127.0.0.1, started here): what
// arrives is the outbox's bytes, header and body; a rejected reply is named and kept, and a
// re-run sends only what was not sent.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SENT_FILE, writeOutbox } from '../../src/deliver/outbox.ts';
import { type SmtpSettings, sendOutbox } from '../../src/deliver/smtp.ts';
import { KreviewError } from '../../src/domain/errors.ts';
import { sampleReplies } from './sample-replies.ts';
import { startServer, stopServers } from './smtp-test-server.ts';

afterEach(stopServers);

function settings(port: number): SmtpSettings {
  return { host: '127.0.0.1', port, tls: 'none', user: 'bot', password: 's3cret' };
}

describe('sendOutbox()', () => {
  it('delivers the outbox byte for byte, to every To and Cc, and never twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kreview-send-'));
    const entries = await writeOutbox(dir, sampleReplies());
    const { port, received } = await startServer();

    const first = await sendOutbox(dir, entries, settings(port));
    expect(first).toEqual({ sent: entries.map((e) => e.file), skipped: [] });
    expect(received).toHaveLength(3);
    for (const [i, entry] of entries.entries()) {
      const got = received[i];
      // SMTP carries CRLF; the outbox holds LF. Nothing else may differ.
      expect(got?.data.toString('utf8').replace(/\r\n/g, '\n')).toBe(
        readFileSync(join(dir, entry.file), 'utf8'),
      );
      expect(got?.from).toBe('bot@example.org');
      expect(got?.to).toEqual(['jg@example.org', 'kvm@vger.kernel.org', 'ada@example.org']);
    }

    const again = await sendOutbox(dir, entries, settings(port));
    expect(again).toEqual({ sent: [], skipped: entries.map((e) => e.file) });
    expect(received).toHaveLength(3);
  });

  it('names the reply the server rejected, keeps it and the rest, and sends them on the next run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kreview-send-'));
    const entries = await writeOutbox(dir, sampleReplies());
    const picky = await startServer('vfio: dots');

    const error = await sendOutbox(dir, entries, settings(picky.port)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KreviewError);
    expect((error as KreviewError).message).toMatch(
      /^Cannot send "Re: \[PATCH v6 2\/2\] vfio: dots" \(0002-re-patch-v6-2-2-vfio-dots\.eml\): .*550/,
    );
    expect((error as KreviewError).hint).toContain('1 sent now, 2 kept');
    expect(picky.received).toHaveLength(1);
    expect(readFileSync(join(dir, SENT_FILE), 'utf8')).toBe(
      `kreview-1@example.org ${entries[0]?.file}\n`,
    );
    expect(readdirSync(dir)).toEqual(expect.arrayContaining(entries.map((e) => e.file)));

    const relaxed = await startServer();
    const rest = await sendOutbox(dir, entries, settings(relaxed.port));
    expect(rest).toEqual({
      sent: [entries[1]?.file, entries[2]?.file],
      skipped: [entries[0]?.file],
    });
    expect(relaxed.received.map((r) => r.data.toString().match(/^Subject: (.*)$/m)?.[1])).toEqual([
      'Re: [PATCH v6 2/2] vfio: dots',
      'Re: [PATCH v6 0/2] vfio: cover',
    ]);
  });

  it('reports a refused login as a failure of the first reply', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kreview-send-'));
    const entries = await writeOutbox(dir, sampleReplies());
    const { port, received } = await startServer();
    const error = await sendOutbox(dir, entries, { ...settings(port), password: 'wrong' }).catch(
      (e: unknown) => e,
    );
    expect((error as KreviewError).message).toMatch(/^Cannot send "Re: \[PATCH v6 1\/2\].*Invalid/);
    expect(received).toHaveLength(0);
  });

  it('upgrades with STARTTLS when asked, and refuses a server that cannot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kreview-send-'));
    const entries = await writeOutbox(dir, sampleReplies());
    const tls = await startServer(undefined, true);
    const secure = { ...settings(tls.port), tls: 'starttls' as const, insecure: true };
    await sendOutbox(dir, entries, secure);
    expect(tls.received.map((r) => r.secure)).toEqual([true, true, true]);

    const other = mkdtempSync(join(tmpdir(), 'kreview-send-'));
    const plain = await startServer();
    const error = await sendOutbox(other, await writeOutbox(other, sampleReplies()), {
      ...secure,
      port: plain.port,
    }).catch((e: unknown) => e);
    expect((error as KreviewError).message).toMatch(
      /^Cannot send "Re: \[PATCH v6 1\/2\].*STARTTLS/,
    );
    expect(plain.received).toEqual([]);
  });
});

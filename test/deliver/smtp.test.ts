// Sending the outbox to a real SMTP server (smtp-server on 127.0.0.1, started here): what
// arrives is the outbox's bytes, header and body; a rejected reply is named and kept, and a
// re-run sends only what was not sent.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { SENT_FILE, writeOutbox } from '../../src/deliver/outbox.ts';
import { type SmtpSettings, sendOutbox } from '../../src/deliver/smtp.ts';
import { KreviewError } from '../../src/domain/errors.ts';
import { sampleReplies } from './sample-replies.ts';

interface Received {
  readonly from: string;
  readonly to: string[];
  readonly data: Buffer;
}

const servers: SMTPServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(() => done(null)))));
});

// A server that keeps what it receives, asks for a login, and rejects messages whose bytes
// contain `reject` with a 550.
async function startServer(reject?: string): Promise<{ port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'bot' && auth.password === 's3cret') callback(null, { user: 'bot' });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const data = Buffer.concat(chunks);
        if (reject !== undefined && data.includes(reject)) {
          const error = Object.assign(new Error('Message rejected by policy'), {
            responseCode: 550,
          });
          callback(error);
          return;
        }
        received.push({
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          data,
        });
        callback();
      });
    },
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  return { port: (server.server.address() as AddressInfo).port, received };
}

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
});

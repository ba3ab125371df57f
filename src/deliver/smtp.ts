// Sends the outbox over SMTP with nodemailer. The bytes are ours (`raw`), so the server receives
// exactly what the outbox holds; the envelope is From plus every To and Cc.
import nodemailer from 'nodemailer';
import { KreviewError } from '../domain/errors.ts';
import { markSent, type OutboxEntry, sentIds } from './outbox.ts';

export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  /** `tls`: TLS from the start (port 465); `starttls`: upgrade, required; `none`: plain text. */
  readonly tls: 'tls' | 'starttls' | 'none';
  readonly user: string | undefined;
  readonly password: string | undefined;
  /** Accept a certificate that does not verify (test servers only). */
  readonly insecure?: boolean;
}

/** What one send run did: replies sent now, and those an earlier run had sent. */
export interface SendReport {
  readonly sent: readonly string[];
  readonly skipped: readonly string[];
}

/** Sends each reply not yet marked sent, in order; stops at the first failure, naming it. */
export async function sendOutbox(
  dir: string,
  entries: readonly OutboxEntry[],
  settings: SmtpSettings,
): Promise<SendReport> {
  const done = await sentIds(dir);
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.tls === 'tls',
    requireTLS: settings.tls === 'starttls',
    ignoreTLS: settings.tls === 'none',
    ...(settings.user === undefined
      ? {}
      : { auth: { user: settings.user, pass: settings.password ?? '' } }),
    tls: { rejectUnauthorized: settings.insecure !== true },
  });
  const sent: string[] = [];
  const skipped: string[] = [];
  try {
    for (const entry of entries) {
      if (done.has(entry.mail.messageId)) {
        skipped.push(entry.file);
        continue;
      }
      const recipients = [...entry.mail.to, ...entry.mail.cc].map((a) => a.address);
      try {
        await transport.sendMail({
          raw: entry.text,
          envelope: { from: entry.mail.from.address, to: recipients },
        });
      } catch (error) {
        const left = entries.length - sent.length - skipped.length;
        throw new KreviewError(
          `Cannot send "${entry.mail.subject}" (${entry.file}): ${error instanceof Error ? error.message : String(error)}`,
          'NETWORK',
          {
            hint: `${sent.length} sent now, ${left} kept in "${dir}"; run the same command again to send the rest`,
            cause: error,
          },
        );
      }
      await markSent(dir, entry);
      done.add(entry.mail.messageId);
      sent.push(entry.file);
    }
  } finally {
    transport.close();
  }
  return { sent, skipped };
}

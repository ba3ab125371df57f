// The outbox: one .eml per reply (named in send order), an outbox.mbox of them, and a state file
// that records which replies were sent so a re-run never sends one twice.
import { appendFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KreviewError } from '../domain/errors.ts';
import { formatMail, type OutgoingMail } from '../report/email.ts';
import { emlName, mboxOf } from '../report/mbox-out.ts';

/** The state file: one line per sent reply, `<Message-ID> <file>`. */
export const SENT_FILE = 'sent.log';
export const MBOX_FILE = 'outbox.mbox';

/** A reply as written to the outbox. */
export interface OutboxEntry {
  readonly file: string;
  readonly mail: OutgoingMail;
  readonly text: string;
}

/** Writes every reply to `dir` (created when missing) and returns them in send order. */
export async function writeOutbox(
  dir: string,
  replies: readonly OutgoingMail[],
): Promise<OutboxEntry[]> {
  const entries = replies.map((mail, i) => ({
    file: emlName(i, mail),
    mail,
    text: formatMail(mail),
  }));
  try {
    await mkdir(dir, { recursive: true });
    for (const e of entries) await writeFile(join(dir, e.file), e.text);
    await writeFile(join(dir, MBOX_FILE), mboxOf(entries.map((e) => e.text)));
  } catch (error) {
    throw new KreviewError(
      `Cannot write the outbox "${dir}": ${errorText(error)}`,
      'INPUT_UNREADABLE',
      {
        hint: 'pass --outbox with a directory you can write to',
        cause: error,
      },
    );
  }
  return entries;
}

/**
 * Removes the replies of an earlier run that this run did not write again (the review changed),
 * so `git send-email DIR/*.eml` sends only the current ones; sent.log keeps the record of those
 * that went out. Returns the names removed.
 */
export async function removeStale(dir: string, entries: readonly OutboxEntry[]): Promise<string[]> {
  const current = new Set(entries.map((e) => e.file));
  const stale = (await readdir(dir))
    .filter((f) => /^\d{4}-.*\.eml$/.test(f) && !current.has(f))
    .sort();
  for (const file of stale) await rm(join(dir, file));
  return stale;
}

/** The Message-IDs already sent from `dir`. */
export async function sentIds(dir: string): Promise<Set<string>> {
  let text = '';
  try {
    text = await readFile(join(dir, SENT_FILE), 'utf8');
  } catch {
    return new Set();
  }
  return new Set(
    text
      .split('\n')
      .map((line) => line.split(' ')[0] ?? '')
      .filter((id) => id !== ''),
  );
}

/** Records that `entry` was sent; written right after each send so a crash loses nothing. */
export async function markSent(dir: string, entry: OutboxEntry): Promise<void> {
  await appendFile(join(dir, SENT_FILE), `${entry.mail.messageId} ${entry.file}\n`);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

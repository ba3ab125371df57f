// Real list mail for the watcher tests, read from ../shared/corpus at test time: the raw bytes of
// chosen threads of the 2023 linux-kbuild archive, and a repost made from one of them.
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { createGunzip } from 'node:zlib';
import type { MailMessage } from '../../src/domain/message.ts';
import { splitMbox } from '../../src/ingest/mbox-split.ts';
import { readMbox } from '../../src/sources/mbox-file.ts';
import { CORPUS } from '../helpers/shared-data.ts';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const corpusPath = CORPUS;

/** A corpus message with its bytes as archived. */
export interface CorpusMail {
  readonly message: MailMessage;
  readonly raw: Buffer;
}

/** Every message of `file` (the 2023 corpus) whose subject matches one of `subjects`, in order. */
export async function corpusMail(
  subjects: readonly RegExp[],
  file: string = corpusPath,
): Promise<CorpusMail[]> {
  const read = await readMbox(file, process.stdin);
  const chosen = new Map<number, MailMessage>();
  for (const m of read.messages)
    if (subjects.some((s) => s.test(m.headers.subject))) chosen.set(m.position, m);
  const out: CorpusMail[] = [];
  // A read error must reach the gunzip stream, or it never ends.
  const bytes = createReadStream(file);
  const stream = createGunzip();
  bytes.on('error', (error) => stream.destroy(error));
  bytes.pipe(stream);
  for await (const event of splitMbox(stream)) {
    if (event.kind !== 'message') continue;
    const m = chosen.get(event.message.position);
    if (m !== undefined) out.push({ message: m, raw: event.message.bytes });
  }
  return out;
}

/** The same mail sent again as `[RESEND PATCH …]` with a new Message-ID (a repost). */
export function resend(mail: CorpusMail): Buffer {
  const text = mail.raw.toString('latin1');
  const end = text.indexOf('\n\n');
  const head = text
    .slice(0, end)
    .replace(/^Message-ID:[^\n]*(\n[ \t][^\n]*)*/im, `Message-ID: <resend-${mail.message.id}>`)
    .replace(/^(Subject:\s*)\[PATCH/im, '$1[RESEND PATCH');
  return Buffer.from(head + text.slice(end), 'latin1');
}

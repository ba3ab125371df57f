// Turns a message's bytes as stored in an mbox into the message as sent: CRLF line ends become LF
// (as `git mailsplit` does without --keep-cr) and `From ` lines escaped by the writer are restored.
import type { MboxFormat } from './mbox-split.ts';

const ESCAPED = Buffer.from('>From ');
const CR = 13;

/**
 * Un-escapes and normalises one message. mboxrd removes one `>` from every `>+From ` line;
 * mboxo removes it only from `>From ` (deeper quoting cannot be told apart there); `git`
 * (format-patch output) is not escaped at all. With
 * `fromMbox`, the blank line the writer put after the message is removed too.
 */
export function normaliseRaw(bytes: Buffer, format: MboxFormat, fromMbox: boolean): Buffer {
  let out = bytes;
  if (out.includes(CR)) out = Buffer.from(out.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
  if (fromMbox && out.length >= 2 && out[out.length - 1] === 10 && out[out.length - 2] === 10) {
    out = out.subarray(0, out.length - 1);
  }
  if (!fromMbox || format === 'git' || !out.includes(ESCAPED)) return out;
  const text = out.toString('latin1');
  const restored =
    format === 'mboxrd' ? text.replace(/^>(>*From )/gm, '$1') : text.replace(/^>From /gm, 'From ');
  return Buffer.from(restored, 'latin1');
}

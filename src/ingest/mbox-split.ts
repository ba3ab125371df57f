// Streams an mbox (mboxo or mboxrd, LF or CRLF, or one bare message) into raw messages without
// holding more than one message at a time, and never more than the size cap of one.
import type { IngestWarning } from '../domain/message.ts';
import { parseMessageId } from './message-id.ts';
import { normaliseRaw } from './raw-normalise.ts';

/**
 * `auto` reads lore's `From mboxrd@z` first line as mboxrd, git format-patch's
 * `From <sha> Mon Sep 17 00:00:00 2001` as `git` (written unescaped, read as git am reads it:
 * nothing un-escaped), and anything else as mboxo.
 */
export type MboxFormat = 'mboxrd' | 'mboxo' | 'git' | 'auto';

export interface SplitOptions {
  readonly format?: MboxFormat;
  /** Messages larger than this are skipped with a warning (default 64 MiB). */
  readonly maxMessageBytes?: number;
}

/** One message's bytes as stored in the mbox, un-escaped and with LF line ends. */
export interface RawMessage {
  /** 1-based position in the mbox, counting skipped messages too. */
  readonly position: number;
  readonly bytes: Buffer;
}

export type SplitEvent =
  | { readonly kind: 'message'; readonly message: RawMessage }
  | { readonly kind: 'warning'; readonly warning: IngestWarning };

export const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
// A separator line is short; longer lines are body text and are not kept whole in memory.
const LONG_LINE = 64 * 1024;
// How much of an oversized message is kept to name it (its Message-ID) in the warning.
const KEEP_HEAD = 64 * 1024;
const FROM = Buffer.from('From ');
const EMPTY = Buffer.alloc(0);

interface Current {
  position: number;
  fromLine: boolean;
  parts: Buffer[];
  size: number;
  oversized: boolean;
}

/** Splits a stream of mbox bytes into messages and warnings, in input order. */
export async function* splitMbox(
  chunks: AsyncIterable<Uint8Array>,
  options: SplitOptions = {},
): AsyncGenerator<SplitEvent> {
  const max = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  let format: MboxFormat = options.format ?? 'auto';
  let carry: Buffer = EMPTY;
  let midLongLine = false;
  let prevBlank = true;
  let count = 0;
  let current: Current = { position: 1, fromLine: false, parts: [], size: 0, oversized: false };

  const add = (piece: Buffer): void => {
    if (piece.length === 0) return;
    current.size += piece.length;
    if (current.oversized) return;
    current.parts.push(piece);
    if (current.size > max) {
      // Keep only the head, to name the message (its Message-ID) in the warning.
      current.oversized = true;
      const head: Buffer[] = [];
      let kept = 0;
      for (const part of current.parts) {
        if (kept >= KEEP_HEAD) break;
        head.push(part.subarray(0, KEEP_HEAD - kept));
        kept += Math.min(part.length, KEEP_HEAD - kept);
      }
      current.parts = [Buffer.concat(head)];
    }
  };

  // A `From ` line after a blank line (or at the very start) separates messages.
  const isSeparator = (buf: Buffer, lineStart: number, nl: number): boolean => {
    const isFrom =
      startsWithFrom(buf, lineStart) && looksLikeSeparator(buf, lineStart, nl, prevBlank);
    const len = nl - lineStart;
    prevBlank = len === 0 || (len === 1 && buf[lineStart] === 13);
    return isFrom;
  };
  const startMessage = (buf: Buffer, lineStart: number, nl: number): SplitEvent[] => {
    const events = current.fromLine || current.size > 0 ? finish(current, format, max) : [];
    // A bare message (no separator) at the start still takes position 1.
    if (!current.fromLine && events.some((e) => e.kind === 'message')) count = 1;
    if (format === 'auto') format = detectFormat(buf, lineStart, nl);
    count += 1;
    current = { position: count, fromLine: true, parts: [], size: 0, oversized: false };
    return events;
  };

  for await (const chunk of chunks) {
    const buf = Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let lineStart = 0;
    if (midLongLine || carry.length > 0) {
      // Finish the line the last chunk ended in, without copying this whole chunk.
      const nl = buf.indexOf(10);
      if (nl === -1) {
        if (midLongLine || carry.length + buf.length > LONG_LINE) {
          add(carry);
          add(buf);
          carry = EMPTY;
          midLongLine = true;
        } else carry = Buffer.concat([carry, buf]);
        continue;
      }
      if (midLongLine) {
        add(buf.subarray(0, nl + 1));
        midLongLine = false;
        prevBlank = false;
      } else {
        const line = Buffer.concat([carry, buf.subarray(0, nl + 1)]);
        carry = EMPTY;
        if (isSeparator(line, 0, line.length - 1)) yield* startMessage(line, 0, line.length - 1);
        else add(line);
      }
      lineStart = nl + 1;
    }
    let segStart = lineStart;
    for (let nl = buf.indexOf(10, lineStart); nl !== -1; nl = buf.indexOf(10, lineStart)) {
      if (isSeparator(buf, lineStart, nl)) {
        add(buf.subarray(segStart, lineStart));
        yield* startMessage(buf, lineStart, nl);
        segStart = nl + 1;
      }
      lineStart = nl + 1;
    }
    add(buf.subarray(segStart, lineStart));
    if (buf.length - lineStart > LONG_LINE) {
      // No line end in sight: the line is body text; keep its bytes in the message, not in carry.
      add(buf.subarray(lineStart));
      midLongLine = true;
    } else if (buf.length > lineStart) carry = Buffer.from(buf.subarray(lineStart));
  }
  add(carry);
  if (current.size > 0 || current.fromLine) yield* finish(current, format, max);
}

// Like git mailsplit, a separator names a sender and a time (`From a@b Thu Jan  1 00:00:00 1970`),
// so prose such as "From the start..." in an unescaped format-patch file does not split a message.
// After a blank line a looser form is accepted; without one (some mboxo writers leave none) only
// a full ctime date is.
function looksLikeSeparator(buf: Buffer, start: number, end: number, afterBlank: boolean): boolean {
  const line = buf.toString('latin1', start, Math.min(end, start + 200));
  if (STRICT_SEPARATOR.test(line)) return true;
  return (
    afterBlank &&
    (/^From \S+ .*\d\d?:\d\d(?::\d\d)?.*\d{4}/.test(line) || /^From \S+\s*$/.test(line))
  );
}

const STRICT_SEPARATOR =
  /^From \S+ +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} \d\d:\d\d:\d\d \d{4}\r?$/;

function startsWithFrom(buf: Buffer, at: number): boolean {
  return buf.length - at >= 5 && buf.compare(FROM, 0, 5, at, at + 5) === 0;
}

function detectFormat(buf: Buffer, start: number, end: number): MboxFormat {
  const line = buf.toString('latin1', start, Math.min(end, start + 80));
  if (line.startsWith('From mboxrd@')) return 'mboxrd';
  return /^From [0-9a-f]{40} Mon Sep 17 00:00:00 2001/.test(line) ? 'git' : 'mboxo';
}

function finish(current: Current, format: MboxFormat, max: number): SplitEvent[] {
  const bytes = Buffer.concat(current.parts);
  const position = current.position;
  if (current.oversized) {
    const id = parseMessageId(/^message-id:[ \t]*(\S[^\r\n]*)/im.exec(headOf(bytes))?.[1]);
    const text = `Skipped message ${position}: it is ${current.size} bytes, over the limit of ${max}`;
    return [warn(position, id, text)];
  }
  if (!current.fromLine) {
    // Text before the first `From ` line: one bare message, or garbage.
    const text = bytes.toString('latin1', 0, Math.min(bytes.length, 1024));
    if (text.trim() === '') return [];
    if (/^[\x21-\x39\x3b-\x7e]+[ \t]*:/.test(text)) {
      return [
        { kind: 'message', message: { position, bytes: normaliseRaw(bytes, format, false) } },
      ];
    }
    const what = `Skipped ${bytes.length} bytes before the first message`;
    return [
      warn(undefined, undefined, `${what}: they are neither an mbox "From " line nor mail headers`),
    ];
  }
  const message = { position, bytes: normaliseRaw(bytes, format, true) };
  return [{ kind: 'message', message }];
}

function headOf(bytes: Buffer): string {
  const text = bytes.toString('latin1', 0, Math.min(bytes.length, KEEP_HEAD));
  const end = text.search(/\r?\n\r?\n/);
  return end === -1 ? text : text.slice(0, end);
}

function warn(
  position: number | undefined,
  messageId: string | undefined,
  message: string,
): SplitEvent {
  return { kind: 'warning', warning: { position, messageId, message } };
}

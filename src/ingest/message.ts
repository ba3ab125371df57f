// Adapts one raw message to a MailMessage: address lists read by nodemailer's address parser,
// RFC 2047 words and the body decoded here (byte-exactly), the raw header block kept as it was.
import type { Address, IngestWarning, MailMessage } from '../domain/message.ts';
import { parseAddresses } from './address-header.ts';
import { decodeEncodedWords } from './encoded-words.ts';
import {
  type HeaderField,
  headerValue,
  isHeaderLine,
  readHeaderFields,
  unfold,
} from './header-block.ts';
import type { RawMessage } from './mbox-split.ts';
import { parseMessageId, parseReferences, standInMessageId } from './message-id.ts';
import { headerEnd, readBody } from './mime-body.ts';
import { parseSubject } from './subject.ts';
import { replyTrailerLines } from './trailers.ts';

/**
 * `all` keeps every message whole. `series` keeps what listing and assembling series needs: the
 * bodies of patches and cover letters; of every other message (replies, discussion) only the
 * lines that can be trailers; no raw header blocks. A year of a list is then a few MiB, not 30.
 */
export type KeepBodies = 'all' | 'series';

/** A message read from raw bytes, or undefined with the warnings that say why not. */
export interface Adapted {
  readonly message: MailMessage | undefined;
  readonly warnings: readonly IngestWarning[];
}

/** Reads one raw message into a MailMessage; problems become warnings naming its position. */
export async function adaptMessage(raw: RawMessage, keep: KeepBodies = 'all'): Promise<Adapted> {
  const warnings: IngestWarning[] = [];
  const firstLine =
    raw.bytes.toString('latin1', 0, Math.min(raw.bytes.length, 1000)).split('\n', 1)[0] ?? '';
  if (!isHeaderLine(firstLine)) {
    const text = `Skipped message ${raw.position}: it has no mail headers`;
    return {
      message: undefined,
      warnings: [{ position: raw.position, messageId: undefined, message: text }],
    };
  }
  const end = headerEnd(raw.bytes);
  const rawHeaders = raw.bytes.toString('utf8', 0, end.headers);
  const fields = readHeaderFields(rawHeaders);
  const declaredId = parseMessageId(headerValue(fields, 'message-id'));
  const id = declaredId ?? standInMessageId(raw.bytes);
  const note = (text: string): void => {
    warnings.push({ position: raw.position, messageId: declaredId, message: text });
  };
  if (declaredId === undefined) note(`Message ${raw.position} has no Message-ID: using "${id}"`);
  if (end.body >= raw.bytes.length && end.headers === raw.bytes.length) {
    note(`Message ${raw.position} has no body: its headers do not end (truncated?)`);
  }
  const decoded = decodeHeaders(fields);
  const body = readBody(fields, raw.bytes.subarray(end.body));
  for (const problem of body.problems)
    note(`Cannot decode message ${raw.position} exactly: ${problem}`);
  const date = headerValue(fields, 'date') ?? '';
  const when = date === '' ? Number.NaN : Date.parse(date.replace(/\s*\([^)]*\)\s*$/, ''));
  const inReplyTo = parseReferences(headerValue(fields, 'in-reply-to'))[0];
  const subject = keep === 'all' ? undefined : parseSubject(decoded.subject);
  const whole = subject === undefined || (subject.isPatch && !subject.isReply);
  const message: MailMessage = {
    id: own(id),
    syntheticId: declaredId === undefined,
    position: raw.position,
    headers: {
      subject: own(decoded.subject),
      from: decoded.from[0],
      to: decoded.to,
      cc: decoded.cc,
      date: own(date),
      dateIso: Number.isNaN(when) ? undefined : new Date(when).toISOString(),
      inReplyTo: inReplyTo === undefined ? undefined : own(inReplyTo),
      references: parseReferences(headerValue(fields, 'references')).map(own),
    },
    rawHeaders: keep === 'all' ? rawHeaders : '',
    body: whole ? body.text : replyTrailerLines(body.text).join('\n'),
    bodyBytes: whole ? body.bytes : undefined,
  };
  return { message, warnings };
}

// V8 keeps a substring as a slice of its parent: an id or date cut from the header block would
// keep the whole block (often 4 KiB of Received: lines) alive. A clone is a string of its own.
function own(text: string): string {
  return text.length < 16 ? text : structuredClone(text);
}

interface Decoded {
  subject: string;
  from: readonly Address[];
  to: readonly Address[];
  cc: readonly Address[];
}

function decodeHeaders(fields: readonly HeaderField[]): Decoded {
  const raw = fields.find((f) => f.name.toLowerCase() === 'subject')?.raw ?? '';
  return {
    subject: decodeEncodedWords(unfold(raw)).replace(/\s+/g, ' ').trim(),
    from: addresses(fields, 'from'),
    to: addresses(fields, 'to'),
    cc: addresses(fields, 'cc'),
  };
}

// The Cc list of a thread repeats in every reply: each distinct list is read once and its
// (frozen) addresses shared. Bounded, so a year of mail does not grow it without end.
const MAX_CACHED = 4096;
const cache = new Map<string, readonly Address[]>();

function addresses(fields: readonly HeaderField[], name: string): readonly Address[] {
  const values = fields.filter((f) => f.name.toLowerCase() === name).map((f) => unfold(f.raw));
  if (values.length === 0) return NONE;
  const key = values.join('\n');
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const out = parseAddresses(values).map((m) =>
    Object.freeze({ name: own(m.name), address: own(m.address) }),
  );
  if (cache.size >= MAX_CACHED) cache.clear();
  const frozen = Object.freeze(out);
  cache.set(key, frozen);
  return frozen;
}

const NONE: readonly Address[] = Object.freeze([]);

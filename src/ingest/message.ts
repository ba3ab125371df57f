// Adapts one raw message to a MailMessage: headers decoded through mailparser (RFC 2047 words,
// address lists), the body decoded here byte-exactly, the raw header block kept as it was.
import type { Address, IngestWarning, MailMessage } from '../domain/message.ts';
import { parseAddresses } from './address-header.ts';
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

/** A message read from raw bytes, or undefined with the warnings that say why not. */
export interface Adapted {
  readonly message: MailMessage | undefined;
  readonly warnings: readonly IngestWarning[];
}

/** Reads one raw message into a MailMessage; problems become warnings naming its position. */
export async function adaptMessage(raw: RawMessage): Promise<Adapted> {
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
  const decoded = await decodeHeaders(fields);
  const body = readBody(fields, raw.bytes.subarray(end.body));
  for (const problem of body.problems)
    note(`Cannot decode message ${raw.position} exactly: ${problem}`);
  const date = headerValue(fields, 'date') ?? '';
  const when = date === '' ? Number.NaN : Date.parse(date.replace(/\s*\([^)]*\)\s*$/, ''));
  const inReplyTo = parseReferences(headerValue(fields, 'in-reply-to'))[0];
  const message: MailMessage = {
    id,
    syntheticId: declaredId === undefined,
    position: raw.position,
    headers: {
      subject: decoded.subject,
      from: decoded.from[0],
      to: decoded.to,
      cc: decoded.cc,
      date,
      dateIso: Number.isNaN(when) ? undefined : new Date(when).toISOString(),
      inReplyTo,
      references: parseReferences(headerValue(fields, 'references')),
    },
    rawHeaders,
    body: body.text,
    bodyBytes: body.bytes,
  };
  return { message, warnings };
}

interface Decoded {
  subject: string;
  from: Address[];
  to: Address[];
  cc: Address[];
}

const ENCODED_WORD = /=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=/;

// mailparser's address parser is synchronous and cheap; its full parser is only worth starting
// for a subject with RFC 2047 encoded words (most subjects have none).
async function decodeHeaders(fields: readonly HeaderField[]): Promise<Decoded> {
  const raw = fields.find((f) => f.name.toLowerCase() === 'subject')?.raw ?? '';
  let subject = unfold(raw);
  if (ENCODED_WORD.test(raw)) {
    // Loaded only here: most subjects have no encoded words, and mailparser is slow to load.
    const { simpleParser } = await import('mailparser');
    const parsed = await simpleParser(Buffer.from(`Subject: ${raw}\n\n`, 'utf8'), PARSE_OPTIONS);
    subject = parsed.subject ?? subject;
  }
  return {
    subject: subject.replace(/\s+/g, ' ').trim(),
    from: await addresses(fields, 'from'),
    to: await addresses(fields, 'to'),
    cc: await addresses(fields, 'cc'),
  };
}

const PARSE_OPTIONS = {
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipImageLinks: true,
  skipTextLinks: true,
};

function addresses(fields: readonly HeaderField[], name: string): Promise<Address[]> {
  return parseAddresses(
    fields.filter((f) => f.name.toLowerCase() === name).map((f) => unfold(f.raw)),
  );
}

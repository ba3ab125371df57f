// Finds the text of a message's body byte-exactly: MIME parts walked and decoded here (not by
// mailparser, which normalises line ends and un-flows text) so a patch keeps every byte.
import { type HeaderField, headerValue, parseMimeValue, readHeaderFields } from './header-block.ts';

/** The decoded text of a body, and what went wrong reading it. */
export interface BodyText {
  readonly text: string;
  readonly problems: readonly string[];
}

const MAX_DEPTH = 8;
const TEXT_PARTS = new Set(['text/plain', 'text/x-patch', 'text/x-diff', 'text/x-log', '']);

/** Decodes the body of a message (or part) given its header fields and raw body bytes. */
export function readBody(fields: readonly HeaderField[], body: Buffer): BodyText {
  const problems: string[] = [];
  const texts: string[] = [];
  collect(fields, body, 0, texts, problems);
  // Parts are joined line-wise, so a part without a final line end does not run into the next.
  const text = texts
    .map((t, i) => (i < texts.length - 1 && !t.endsWith('\n') ? `${t}\n` : t))
    .join('');
  return { text, problems };
}

function collect(
  fields: readonly HeaderField[],
  body: Buffer,
  depth: number,
  texts: string[],
  problems: string[],
): void {
  const type = parseMimeValue(headerValue(fields, 'content-type'));
  if (type.value.startsWith('multipart/')) {
    const boundary = type.params.get('boundary');
    if (boundary === undefined || depth >= MAX_DEPTH) {
      problems.push(`multipart body without a usable boundary: "${type.value}"`);
      return;
    }
    for (const part of splitParts(body, boundary)) {
      const end = headerEnd(part);
      const partFields = readHeaderFields(part.toString('latin1', 0, end.headers));
      collect(partFields, part.subarray(end.body), depth + 1, texts, problems);
    }
    return;
  }
  // Git mailinfo reads every text part; HTML alternatives and attachments of other types are not patches.
  if (!TEXT_PARTS.has(type.value)) return;
  const encoding = (headerValue(fields, 'content-transfer-encoding') ?? '').toLowerCase().trim();
  const bytes = decodeTransfer(body, encoding);
  const text = decodeCharset(bytes, type.params.get('charset'), problems);
  const flowed = type.params.get('format')?.toLowerCase() === 'flowed';
  texts.push(flowed ? unflow(text, type.params.get('delsp')?.toLowerCase() === 'yes') : text);
}

/** Splits a multipart body at `--boundary` lines; the preamble and epilogue are dropped. */
export function splitParts(body: Buffer, boundary: string): Buffer[] {
  const text = body.toString('latin1');
  const marker = `--${boundary}`;
  const parts: Buffer[] = [];
  let start = -1;
  let pos = text.startsWith(marker) ? 0 : text.indexOf(`\n${marker}`);
  if (pos > 0) pos += 1;
  while (pos !== -1) {
    const lineEnd = text.indexOf('\n', pos);
    if (start !== -1) parts.push(body.subarray(start, Math.max(start, pos - 1)));
    if (text.startsWith(`${marker}--`, pos) || lineEnd === -1) return parts;
    start = lineEnd + 1;
    const next = text.indexOf(`\n${marker}`, lineEnd);
    pos = next === -1 ? -1 : next + 1;
  }
  if (start !== -1) parts.push(body.subarray(start));
  return parts;
}

/** Where a part's headers end and its body starts (after the blank line). */
export function headerEnd(bytes: Buffer): { headers: number; body: number } {
  if (bytes[0] === 10) return { headers: 0, body: 1 };
  const blank = bytes.indexOf('\n\n');
  return blank === -1
    ? { headers: bytes.length, body: bytes.length }
    : { headers: blank, body: blank + 2 };
}

/** Undoes a Content-Transfer-Encoding; 7bit, 8bit, binary and unknown ones are left as they are. */
export function decodeTransfer(bytes: Buffer, encoding: string): Buffer {
  if (encoding === 'base64')
    return Buffer.from(bytes.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(bytes);
  return bytes;
}

// Soft breaks (`=` at line end) join lines, `=XX` is a byte; anything else is kept as written,
// including trailing white space, which git mailinfo keeps too.
function decodeQuotedPrintable(bytes: Buffer): Buffer {
  const out = Buffer.alloc(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (b !== 61) {
      out[n++] = b;
      continue;
    }
    const next = bytes[i + 1];
    if (next === 10) {
      i += 1;
      continue;
    }
    if (next === 13 && bytes[i + 2] === 10) {
      i += 2;
      continue;
    }
    const hex = bytes.toString('latin1', i + 1, i + 3);
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      out[n++] = Number.parseInt(hex, 16);
      i += 2;
    } else out[n++] = b;
  }
  return out.subarray(0, n);
}

/** Decodes bytes in the declared charset; an unknown charset is read as UTF-8 and reported. */
export function decodeCharset(
  bytes: Buffer,
  charset: string | undefined,
  problems: string[],
): string {
  const label = (charset ?? 'utf-8').trim().toLowerCase();
  if (label === 'utf-8' || label === 'utf8' || label === 'us-ascii' || label === '') {
    return bytes.toString('utf8');
  }
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    problems.push(`unknown charset "${charset}", read as UTF-8`);
    return bytes.toString('utf8');
  }
}

/**
 * Undoes format=flowed (RFC 3676) as git mailinfo does: a leading space is removed (stuffing) and a
 * line ending in a space continues on the next one; the `-- ` signature line is kept as it is.
 */
export function unflow(text: string, delsp: boolean): string {
  const out: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    if (raw === '-- ') {
      if (pending !== '') out.push(pending);
      pending = '';
      out.push(raw);
      continue;
    }
    const line = raw.startsWith(' ') ? raw.slice(1) : raw;
    if (line.endsWith(' ')) {
      pending += delsp ? line.slice(0, -1) : line;
      continue;
    }
    out.push(pending + line);
    pending = '';
  }
  if (pending !== '') out.push(pending);
  return out.join('\n');
}

// Finds the text of a message's body byte-exactly: MIME parts walked and decoded here (not by
// mailparser, which normalises line ends and un-flows text) so a patch keeps every byte.
import { isUtf8 } from 'node:buffer';
import { type HeaderField, headerValue, parseMimeValue, readHeaderFields } from './header-block.ts';

/** The decoded text of a body, its bytes when the text is not them, and what went wrong. */
export interface BodyText {
  readonly text: string;
  /**
   * The body's bytes (transfer encoding undone, charset not), only when `text` does not encode
   * back to them as UTF-8: Latin-1 in a patch, say. git am applies a patch's bytes as they are
   * in the mail, so the patch is read from these; `text` is for display and analysis.
   */
  readonly bytes: Buffer | undefined;
  readonly problems: readonly string[];
}

// One text part: its decoded text, its bytes, and whether the text is exactly those bytes.
interface Part {
  readonly text: string;
  readonly bytes: Buffer;
  readonly exact: boolean;
}

const MAX_DEPTH = 8;
const TEXT_PARTS = new Set(['text/plain', 'text/x-patch', 'text/x-diff', 'text/x-log', '']);

/** Decodes the body of a message (or part) given its header fields and raw body bytes. */
export function readBody(fields: readonly HeaderField[], body: Buffer): BodyText {
  const problems: string[] = [];
  const parts: Part[] = [];
  collect(fields, body, 0, parts, problems);
  // Parts are joined line-wise, so a part without a final line end does not run into the next.
  const joined = (i: number, ends: boolean): boolean => i < parts.length - 1 && !ends;
  const text = parts.map((p, i) => (joined(i, p.text.endsWith('\n')) ? `${p.text}\n` : p.text));
  if (parts.every((p) => p.exact)) return { text: text.join(''), bytes: undefined, problems };
  const bytes = parts.flatMap((p, i) =>
    joined(i, p.bytes.at(-1) === 10) ? [p.bytes, NEWLINE] : [p.bytes],
  );
  return { text: text.join(''), bytes: Buffer.concat(bytes), problems };
}

const NEWLINE = Buffer.from('\n');

function collect(
  fields: readonly HeaderField[],
  body: Buffer,
  depth: number,
  parts: Part[],
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
      collect(partFields, part.subarray(end.body), depth + 1, parts, problems);
    }
    return;
  }
  // Git mailinfo reads every text part; HTML alternatives and attachments of other types are not patches.
  if (!TEXT_PARTS.has(type.value)) return;
  const encoding = (headerValue(fields, 'content-transfer-encoding') ?? '').toLowerCase().trim();
  const bytes = decodeTransfer(body, encoding);
  const charset = type.params.get('charset');
  const text = decodeCharset(bytes, charset, problems);
  const exact = isUtf8Label(charset) && isUtf8(bytes);
  if (type.params.get('format')?.toLowerCase() !== 'flowed') {
    parts.push({ text, bytes, exact });
    return;
  }
  // Unflowing moves only spaces and line ends, so on the bytes read as Latin-1 it is byte-exact.
  const delsp = type.params.get('delsp')?.toLowerCase() === 'yes';
  const unflowed = Buffer.from(unflow(bytes.toString('latin1'), delsp), 'latin1');
  parts.push({ text: unflow(text, delsp), bytes: unflowed, exact });
}

function isUtf8Label(charset: string | undefined): boolean {
  const label = (charset ?? 'utf-8').trim().toLowerCase();
  return label === 'utf-8' || label === 'utf8' || label === 'us-ascii' || label === '';
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
  if (isUtf8Label(charset)) return bytes.toString('utf8');
  try {
    return new TextDecoder((charset ?? '').trim().toLowerCase()).decode(bytes);
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

// RFC 2047 encoded words (`=?UTF-8?Q?Andr=C3=A9?=`) in a Subject or a display name, decoded with
// the platform's TextDecoder, as the bodies are (mime-body.ts). mailparser reads them the same
// way but costs ~30 MiB of RSS to load, a quarter of the budget of `kreview show` on a year of
// a list. What it does is followed: white space between two encoded words is dropped, adjacent
// words of one charset and encoding are decoded as one (a character split over two survives),
// `_` in Q is a space, an RFC 2231 language tag (`UTF-8*en`) is ignored.

const WORD = /=\?([\w\-*]+)\?([QqBb])\?([^?]*)\?=/g;
const ANY_WORD = /=\?[^?]+\?[BbQq]\?[^?]*\?=/;
const BETWEEN_WORDS = /(=\?[^?]+\?[QqBb]\?[^?]*\?=)\s+(?==\?[^?]+\?[QqBb]\?[^?]*\?=)/g;

/** True when `text` holds something that looks like an encoded word. */
export function hasEncodedWord(text: string): boolean {
  return ANY_WORD.test(text);
}

/**
 * Decodes every encoded word in `text`; the rest is kept as it is. A word in a charset the
 * platform does not know is kept as written.
 * @example decodeEncodedWords('=?UTF-8?Q?Andr=C3=A9?= Almeida') // 'André Almeida'
 */
export function decodeEncodedWords(text: string): string {
  if (!text.includes('=?')) return text;
  const joined = text.replace(BETWEEN_WORDS, '$1');
  let out = '';
  let last = 0;
  let run: { charset: string; encoding: string; bytes: Buffer[]; written: string } | undefined;
  const flush = (): void => {
    if (run === undefined) return;
    out += decodeBytes(Buffer.concat(run.bytes), run.charset) ?? run.written;
    run = undefined;
  };
  for (const m of joined.matchAll(WORD)) {
    const [written, rawCharset = '', rawEncoding = '', payload = ''] = m;
    const charset = rawCharset.split('*', 1)[0]?.toLowerCase() ?? '';
    const encoding = rawEncoding.toUpperCase();
    const adjacent = m.index === last && run?.charset === charset && run.encoding === encoding;
    if (!adjacent) {
      flush();
      out += joined.slice(last, m.index);
    }
    const bytes = encoding === 'Q' ? decodeQ(payload) : decodeB(payload);
    if (run === undefined) run = { charset, encoding, bytes: [bytes], written };
    else {
      run.bytes.push(bytes);
      run.written += written;
    }
    last = m.index + written.length;
  }
  flush();
  return out + joined.slice(last);
}

function decodeBytes(bytes: Buffer, charset: string): string | undefined {
  try {
    return new TextDecoder(charset === '' ? 'utf-8' : charset).decode(bytes);
  } catch {
    return undefined;
  }
}

// Q: `_` and white space are spaces, `=XX` a byte (a line split between `=` and its hex is mended).
function decodeQ(payload: string): Buffer {
  const text = payload.replace(/=\s+([0-9a-fA-F])/g, '=$1').replace(/[_\s]/g, ' ');
  const bytes = Buffer.from(text, 'utf8');
  const out = Buffer.alloc(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (b === 0x3d && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
      out[n++] = Number.parseInt(bytes.toString('latin1', i + 1, i + 3), 16);
      i += 2;
    } else out[n++] = b;
  }
  return out.subarray(0, n);
}

function isHex(b: number | undefined): boolean {
  return b !== undefined && ((b >= 48 && b <= 57) || (b >= 65 && b <= 70) || (b >= 97 && b <= 102));
}

// B: a payload made of several padded pieces (`aGk=aGk=`) is decoded piece by piece.
function decodeB(payload: string): Buffer {
  const pieces = payload.match(/[^=]*=*/g) ?? [];
  return Buffer.concat(pieces.filter((p) => p !== '').map((p) => Buffer.from(p, 'base64')));
}

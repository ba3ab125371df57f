// Trailers (`Reviewed-by: A <a@example.org>`) in a commit message and in replies to a patch.
import type { Trailer } from '../domain/patch.ts';

const KNOWN = [
  'Signed-off-by',
  'Reviewed-by',
  'Acked-by',
  'Tested-by',
  'Reported-by',
  'Suggested-by',
  'Co-developed-by',
  'Fixes',
  'Link',
  'Closes',
  'Cc',
];
const CANONICAL = new Map(KNOWN.map((k) => [k.toLowerCase(), k]));
const LINE = /^([A-Za-z][A-Za-z0-9-]*):[ \t]+(\S.*?)\s*$/;

/** Reads `Key: value` into a trailer when the key is one kreview knows or any `*-by` key. */
export function parseTrailerLine(line: string, fromReply: string | undefined): Trailer | undefined {
  const m = LINE.exec(line);
  if (m === null) return undefined;
  const rawKey = m[1] ?? '';
  const key = CANONICAL.get(rawKey.toLowerCase()) ?? (/-by$/i.test(rawKey) ? rawKey : undefined);
  if (key === undefined) return undefined;
  return { key, value: m[2] ?? '', fromReply };
}

/**
 * The trailers of a commit message body: its last paragraph, when that paragraph has at least
 * one known trailer (lines in it that are not trailers, like `[ fixed typo ]`, are skipped).
 */
export function commitTrailers(body: string): Trailer[] {
  const paragraphs = body.trimEnd().split(/\n[ \t]*\n/);
  const last = paragraphs[paragraphs.length - 1] ?? '';
  const trailers: Trailer[] = [];
  for (const line of last.split('\n')) {
    const trailer = parseTrailerLine(line, undefined);
    if (trailer !== undefined) trailers.push(trailer);
  }
  return trailers;
}

/**
 * Trailers given in a reply, as b4 collects them: unquoted lines before the signature whose key
 * is known; person trailers (`*-by`) must name an address so prose like "Tested-by: me" is not one.
 */
export function replyTrailers(body: string, replyId: string): Trailer[] {
  const trailers: Trailer[] = [];
  for (const line of replyTrailerLines(body)) {
    const trailer = parseTrailerLine(line, replyId);
    if (trailer === undefined) continue;
    if (trailer.key.endsWith('-by') && !/<[^<>@\s]+@[^<>\s]+>|^\S+@\S+$/.test(trailer.value))
      continue;
    if (trailer.key === 'Fixes' && !/^[0-9a-f]{8,40}\b/.test(trailer.value)) continue;
    if ((trailer.key === 'Link' || trailer.key === 'Closes') && !/^https?:\/\//.test(trailer.value))
      continue;
    trailers.push(trailer);
  }
  return trailers;
}

/**
 * The lines of a reply that replyTrailers reads (unquoted `Key: value` lines before the
 * signature): a reply's body reduced to them gives the same trailers.
 */
export function replyTrailerLines(body: string): string[] {
  const lines: string[] = [];
  for (const line of body.split('\n')) {
    if (line === '-- ') break;
    if (!line.startsWith('>') && parseTrailerLine(line, undefined) !== undefined) lines.push(line);
  }
  return lines;
}

/** Appends trailers that are not already present (same key and value), keeping order. */
export function mergeTrailers(own: readonly Trailer[], given: readonly Trailer[]): Trailer[] {
  const seen = new Set(own.map((t) => `${t.key.toLowerCase()}\0${t.value}`));
  const out = [...own];
  for (const t of given) {
    const key = `${t.key.toLowerCase()}\0${t.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(t);
  }
  return out;
}

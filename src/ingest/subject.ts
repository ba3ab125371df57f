// Reads the bracketed prefix of a patch subject the way b4 and patchwork do.
import type { ParsedSubject } from '../domain/series.ts';

const REPLY_PREFIX = /^\s*(?:re|aw|sv|antw|fwd?)\s*(?:\[\d+\])?\s*:\s*/i;
const COUNTER = /^0*(\d{1,4})\s*\/\s*0*(\d{1,4})$/;
const VERSION = /^v(\d{1,3})$/i;

/** Splits a subject such as `Re: [RFC PATCH net-next v2 3/4] foo: bar` into its parts. */
export function parseSubject(subject: string): ParsedSubject {
  let rest = subject.replace(/\s+/g, ' ').trim();
  let isReply = false;
  let words: string[] = [];
  let counted = false;
  for (;;) {
    const reply = REPLY_PREFIX.exec(rest);
    if (reply !== null) {
      isReply = true;
      rest = rest.slice(reply[0].length);
      continue;
    }
    if (rest.startsWith('[')) {
      const close = rest.indexOf(']');
      if (close === -1) break;
      // After the group that carries the counter, brackets are notes (`[PATCH 08/22] [v2] ...`).
      const group = bracketWords(rest.slice(1, close));
      words = words.concat(counted ? group.map((w) => `[${w}]`) : group);
      if (group.some((w) => COUNTER.test(w))) counted = true;
      rest = rest.slice(close + 1).trimStart();
      continue;
    }
    break;
  }
  return readWords(words, isReply, rest.trim());
}

// `PATCHv2`, `PATCH-v2`, `1 / 3` and commas are all written in the wild; normalise to words.
function bracketWords(inside: string): string[] {
  return inside
    .replace(/\s*\/\s*/g, '/')
    .replace(/\b(PATCH|RFC|RESEND)[-_]?(v\d+)\b/gi, '$1 $2')
    .split(/[\s,]+/)
    .filter((w) => w !== '');
}

function readWords(words: readonly string[], isReply: boolean, title: string): ParsedSubject {
  let isPatch = false;
  let isRfc = false;
  let isResend = false;
  let version = 1;
  let versionWritten = false;
  let counter = 1;
  let total = 1;
  const tags: string[] = [];
  for (const word of words) {
    const upper = word.toUpperCase();
    const counted = COUNTER.exec(word);
    const revision = VERSION.exec(word);
    if (upper === 'PATCH') isPatch = true;
    else if (upper === 'RFC') isRfc = true;
    else if (upper === 'RESEND') isResend = true;
    else if (revision !== null) {
      version = Number(revision[1]);
      versionWritten = true;
    } else if (counted !== null) {
      counter = Number(counted[1]);
      total = Number(counted[2]);
    } else tags.push(word);
  }
  // `[RFC 1/3]` without PATCH is still a patch when it is counted.
  if (!isPatch && isRfc && words.some((w) => COUNTER.test(w))) isPatch = true;
  return {
    isReply,
    isPatch,
    isRfc,
    isResend,
    version,
    versionWritten,
    counter,
    total,
    tags,
    title,
  };
}

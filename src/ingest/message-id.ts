// Message-IDs arrive as `<id>`, bare ids, lore links and `id:` prefixes; everything in kreview
// compares them in one normal form: the id without angle brackets or surrounding space.
import { createHash } from 'node:crypto';

// Any public-inbox serves the same paths as lore.kernel.org (a local mirror, a company's own).
const LORE_URL = /^https?:\/\/[^/]+\/(.+)$/i;
const LORE_TAILS = new Set(['T', 't', 'raw', 't.mbox.gz', 'mbox', 'mbox.gz', '#r', '#t', '']);

/** Normalises a Message-ID, a `<id>` reference or a lore URL to the bare id; undefined if empty. */
export function parseMessageId(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let text = value.trim();
  if (text.toLowerCase().startsWith('id:')) text = text.slice(3).trim();
  const url = LORE_URL.exec(text);
  if (url !== undefined && url !== null) text = idFromLorePath(url[1] ?? '');
  const open = text.indexOf('<');
  if (open !== -1) {
    const close = text.indexOf('>', open + 1);
    text = text.slice(open + 1, close === -1 ? undefined : close);
  }
  text = text.replace(/\s+/g, '');
  return text === '' ? undefined : text;
}

// lore paths look like `list/ID/`, `r/ID`, `all/ID/T/#u`: the id is the segment with an `@`,
// else the second one; ids are percent-encoded (`%40`).
function idFromLorePath(path: string): string {
  const segments = path
    .replace(/#.*$/, '')
    .split('/')
    .filter((s) => !LORE_TAILS.has(s));
  const withAt = segments.find((s) => s.includes('@') || s.includes('%40'));
  const chosen = withAt ?? segments[1] ?? segments[0] ?? '';
  try {
    return decodeURIComponent(chosen);
  } catch {
    return chosen;
  }
}

/** Reads every id of a References or In-Reply-To header, in order, without duplicates. */
export function parseReferences(value: string | undefined): string[] {
  if (value === undefined) return [];
  const found = value.match(/<[^<>]*>/g) ?? value.split(/\s+/);
  const ids: string[] = [];
  for (const item of found) {
    const id = parseMessageId(item);
    if (id !== undefined && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** A stable id for a message that has none, derived from its bytes so re-reading gives the same. */
export function standInMessageId(raw: Uint8Array): string {
  const digest = createHash('sha1').update(raw).digest('hex');
  return `kreview-${digest.slice(0, 16)}@stand-in`;
}

// Reads public-inbox's Atom feeds (new.atom and search results with x=A) into entries: the
// Message-ID (from the entry's link, which public-inbox builds from it), subject, date and
// whether the message answers another. A feed that is not Atom is an error, so it is retried.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** One message listed by a feed. */
export interface AtomEntry {
  readonly messageId: string;
  readonly subject: string;
  /** `<updated>`: the message's date as public-inbox reads it, ISO 8601. */
  readonly updated: string;
  readonly authorEmail: string;
  readonly isReply: boolean;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // The xhtml bodies are skipped: only the headers of each entry are needed.
  stopNodes: ['feed.entry.content'],
  isArray: (name) => name === 'entry' || name === 'link',
  processEntities: true,
  htmlEntities: true,
});

/** Parses a feed; throws when the text is not well-formed Atom. */
export function parseAtom(text: string): AtomEntry[] {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new Error(`malformed Atom at line ${valid.err.line}: ${valid.err.msg}`);
  const doc = parser.parse(text) as { feed?: { entry?: unknown[] } };
  if (doc.feed === undefined || typeof doc.feed !== 'object')
    throw new Error('malformed Atom: no <feed> element');
  const entries: AtomEntry[] = [];
  for (const raw of doc.feed.entry ?? []) {
    const entry = raw as Record<string, unknown>;
    const href = linkHref(entry.link);
    const messageId = href === undefined ? undefined : messageIdOfHref(href);
    if (messageId === undefined) continue;
    const author = entry.author as { email?: unknown } | undefined;
    entries.push({
      messageId,
      subject: textOf(entry.title),
      updated: textOf(entry.updated),
      authorEmail: textOf(author?.email),
      isReply: entry['thr:in-reply-to'] !== undefined,
    });
  }
  return entries;
}

/** The Message-ID in a public-inbox message URL (`…/<inbox>/<msgid>/`), percent-decoded. */
export function messageIdOfHref(href: string): string | undefined {
  const path = href.replace(/[?#].*$/, '').replace(/\/+$/, '');
  const last = path.slice(path.lastIndexOf('/') + 1);
  if (last === '') return undefined;
  try {
    return decodeURIComponent(last);
  } catch {
    return undefined;
  }
}

function linkHref(links: unknown): string | undefined {
  if (!Array.isArray(links)) return undefined;
  for (const link of links) {
    const l = link as Record<string, unknown>;
    const rel = l['@rel'];
    if ((rel === undefined || rel === 'alternate') && typeof l['@href'] === 'string')
      return l['@href'];
  }
  return undefined;
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value !== null && typeof value === 'object' && '#text' in value)
    return String((value as { '#text': unknown })['#text']);
  return '';
}

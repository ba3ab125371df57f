// Which messages of a thread count: the newest copy of a duplicated patch, and the trailers that
// replies give to the patch or cover letter they answer.
import type { IngestWarning, MailMessage } from '../domain/message.ts';
import type { Trailer } from '../domain/patch.ts';
import type { ParsedSubject } from '../domain/series.ts';
import { ancestorsOf, type Thread } from './thread.ts';
import { replyTrailers } from './trailers.ts';

/** Trailers of each non-patch reply, keyed by the patch or cover letter they answer. */
export function collectReplyTrailers(
  thread: Thread,
  parsed: ReadonlyMap<string, ParsedSubject>,
): Map<string, Trailer[]> {
  const given = new Map<string, Trailer[]>();
  for (const m of thread.messages) {
    if (parsed.has(m.id)) continue;
    const target = ancestorsOf(thread, m.id).find((id) => parsed.has(id));
    if (target === undefined) continue;
    const trailers = replyTrailers(m.body, m.id);
    if (trailers.length > 0) given.set(target, [...(given.get(target) ?? []), ...trailers]);
  }
  return given;
}

/** The newest of several copies of one patch (by Date, then mbox order); the rest become warnings. */
export function pickNewest(
  messages: readonly MailMessage[],
  what: string,
  warnings: IngestWarning[],
): MailMessage | undefined {
  const sorted = [...messages].sort(
    (a, b) =>
      compareText(a.headers.dateIso ?? '', b.headers.dateIso ?? '') || a.position - b.position,
  );
  const kept = sorted[sorted.length - 1];
  for (const m of sorted.slice(0, -1)) {
    warnings.push({
      position: m.position,
      messageId: m.id,
      message: `Ignored duplicate ${what} "${m.headers.subject}": kept the newer message ${kept?.position} ("${kept?.id}")`,
    });
  }
  return kept;
}

// Code-unit order, not localeCompare: results must not depend on the machine's locale.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

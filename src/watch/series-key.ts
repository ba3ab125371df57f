// Which series revision a thread holds, and whether it is ready for review. A revision is known by
// its author, its title and its version, so a repost (RESEND, or the same mail sent again) of
// a revision is the same series, and a new revision is a new one.
import { createHash } from 'node:crypto';
import type { Series } from '../domain/series.ts';

/** The identity of one series revision: stable across reposts. */
export function seriesKey(series: Series): string {
  const author = series.author?.address.toLowerCase() ?? '';
  const title = series.subject.toLowerCase().replace(/\s+/g, ' ').trim();
  const digest = createHash('sha256')
    .update(`${author}\n${title}\nv${series.version}`)
    .digest('hex');
  return `${digest.slice(0, 20)}-v${series.version}`;
}

/**
 * The key to record a review of `series` under, or undefined when earlier reviews of the same
 * revision (`covered`: their patches) had every patch it carries. A repost is not reviewed
 * again, unless it carries patches the review did not have (a RESEND with 8 of 9 patches after a
 * first posting of 5): then it is, under its own key.
 */
export function reviewKey(
  series: Series,
  revision: string,
  covered: ReadonlySet<number> | 'all' | undefined,
): string | undefined {
  if (covered === undefined) return revision;
  const present = series.patches.map((p) => p.index);
  if (covered === 'all' || present.every((n) => covered.has(n))) return undefined;
  return `${revision}~${present.join(',')}`;
}

export type Readiness =
  | { readonly ready: true; readonly complete: boolean }
  | { readonly ready: false; readonly lastPatch: string };

/**
 * A series is ready when all its patches arrived, or when `graceMinutes` passed since its newest
 * message (then it is reviewed as incomplete, and says so).
 */
export function readiness(series: Series, now: Date, graceMinutes: number): Readiness {
  if (series.patches.length > 0 && series.missing.length === 0)
    return { ready: true, complete: true };
  const dates = [series.cover, ...series.patches.map((p) => p.message)]
    .map((m) => (m?.headers.dateIso === undefined ? Number.NaN : Date.parse(m.headers.dateIso)))
    .filter((t) => !Number.isNaN(t));
  const last = dates.length === 0 ? now.getTime() : Math.max(...dates);
  if (series.patches.length > 0 && now.getTime() - last >= graceMinutes * 60_000)
    return { ready: true, complete: false };
  return { ready: false, lastPatch: new Date(last).toISOString() };
}

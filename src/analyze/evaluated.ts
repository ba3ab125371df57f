// What a review covers: only the patches that applied are evaluated (a patch that did not apply,
// or was already in the base, contributes no line to any check), and the review says so in one
// line: "Evaluated patches 1-2 of 8; patch 3 does not apply to dc6ecc821705."
import type { Series } from '../domain/series.ts';

/** What applying a patch came to, as far as the scope of the review needs it. */
export interface PatchStatus {
  readonly index: number;
  readonly status: 'applied' | 'already-applied' | 'failed' | 'not-tried';
}

/** The series cut down to the patches that applied: what every check must read. */
export function appliedPart(series: Series, statuses: readonly PatchStatus[]): Series {
  const applied = new Set(statuses.filter((s) => s.status === 'applied').map((s) => s.index));
  return { ...series, patches: series.patches.filter((p) => applied.has(p.index)) };
}

/** "1-3, 5": patch numbers as ranges. */
export function patchRanges(indices: readonly number[]): string {
  const sorted = [...indices].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] ?? 0) + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/**
 * One sentence on what was evaluated, or undefined when every patch of a complete series was.
 * `base` is the abbreviated base commit, or undefined when there was none.
 */
export function scopeSummary(
  series: Series,
  statuses: readonly PatchStatus[],
  base: string | undefined,
): string | undefined {
  const applied = statuses.filter((s) => s.status === 'applied').map((s) => s.index);
  const failed = statuses.find((s) => s.status === 'failed');
  const already = statuses.filter((s) => s.status === 'already-applied').map((s) => s.index);
  const where = base === undefined ? 'this tree' : base;
  const why: string[] = [];
  if (failed !== undefined) why.push(`patch ${failed.index} does not apply to ${where}`);
  if (already.length > 0)
    why.push(
      `patch${already.length === 1 ? '' : 'es'} ${patchRanges(already)} ${already.length === 1 ? 'is' : 'are'} already in ${where}`,
    );
  if (base === undefined) why.push('there is no base to apply to');
  if (applied.length === 0) {
    const reason = why.length > 0 ? why.join('; ') : 'no patch applied';
    return `Nothing was evaluated: ${reason}.`;
  }
  if (applied.length === series.total && why.length === 0) return undefined;
  const of = series.total;
  const head = `Evaluated patch${applied.length === 1 ? '' : 'es'} ${patchRanges(applied)} of ${of}`;
  const missing =
    series.missing.length > 0 ? [`no patch ${patchRanges(series.missing)} arrived`] : [];
  const rest = [...why, ...missing];
  return `${head}${rest.length > 0 ? `; ${rest.join('; ')}` : ''}.`;
}

/** What became of one `prerequisite-patch-id:` of the series. */
export interface PrerequisiteStatus {
  readonly id: string;
  readonly status: 'applied' | 'already-applied' | 'failed' | 'not-tried' | 'missing';
  /** The subject of the patch of the same mbox that has this patch-id. */
  readonly subject: string | undefined;
}

/**
 * A note naming the `prerequisite-patch-id:` lines of the series and what became of each: found
 * in the mbox and applied first, already in the base, failing there, or missing. Anything but
 * "applied" or "already in the base" means the review may differ from the author's tree.
 */
export function prerequisiteNote(prerequisites: readonly PrerequisiteStatus[]): string | undefined {
  if (prerequisites.length === 0) return undefined;
  const parts = prerequisites.map((p) => {
    const what = `${p.id.slice(0, 12)}${p.subject === undefined ? '' : ` ("${p.subject}")`}`;
    switch (p.status) {
      case 'applied':
        return `${what} is in this mbox and was applied first`;
      case 'already-applied':
        return `${what} is in this mbox and already in the base`;
      case 'failed':
        return `${what} is in this mbox but does not apply to the base`;
      case 'not-tried':
        return `${what} is in this mbox but was not tried without a base`;
      default:
        return `${what} is not in this mbox and was not applied`;
    }
  });
  const one = prerequisites.length === 1;
  const all = prerequisites.every((p) => p.status === 'applied' || p.status === 'already-applied');
  const head = `The series names prerequisite patch${one ? '' : 'es'} (prerequisite-patch-id): ${parts.join('; ')}`;
  return all ? `${head}.` : `${head}: the review may differ from the author's tree.`;
}

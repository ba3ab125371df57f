// Compares the findings of two revisions of one series: matched by check and the first symbol
// they name (and the file, for references), never by their wording; by check and title only
// when a finding names no symbol. Pure.
import type { Finding } from '../domain/finding.ts';
import type { Review } from '../domain/review.ts';
import type {
  ComparedFinding,
  FindingMark,
  RevisionComparison,
  RevisionMatrix,
  UnchangedPatch,
} from '../domain/revision.ts';
import { compareRevisionMatrices, revisionMatrix } from './compare-revision-matrices.ts';

/** What identifies `finding` across revisions, and what the watcher keeps of it. */
export function findingMark(finding: Finding): FindingMark {
  const references = [...(finding.facts?.references ?? [])].map((r) => r.file).sort();
  return {
    check: finding.check,
    symbol: finding.facts?.symbols?.[0],
    file: references[0],
    title: finding.title,
    severity: finding.severity,
    patch: finding.anchor.patch,
  };
}

/** The key two marks share when they are the same finding on two revisions. */
export function markKey(mark: FindingMark): string {
  return mark.symbol === undefined
    ? `${mark.check}\0title\0${mark.title}`
    : `${mark.check}\0symbol\0${mark.symbol}\0${mark.file ?? ''}`;
}

/** The two revisions being compared, as the comparison needs them. */
export interface RevisionSide {
  readonly version: number;
  readonly messageId: string;
  readonly findings: readonly FindingMark[];
}

/**
 * Each finding of `current` as still there or new, and each of `previous` it has no match for
 * as fixed. Findings with the same key pair up in order, so two of a kind on the older revision
 * and one on the newer give one still there and one fixed.
 */
export function compareRevisions(
  previous: RevisionSide,
  current: RevisionSide,
  options: {
    readonly linkedBy: string;
    readonly unchangedPatches?: readonly {
      readonly patch: number;
      readonly previousPatch: number;
    }[];
  },
): RevisionComparison {
  const unchanged = options.unchangedPatches ?? [];
  const unchangedSet = new Set(unchanged.map((u) => u.patch));
  const waiting = new Map<string, number[]>();
  previous.findings.forEach((mark, i) => {
    const key = markKey(mark);
    waiting.set(key, [...(waiting.get(key) ?? []), i]);
  });
  const matched = new Set<number>();
  const kept: ComparedFinding[] = current.findings.map((mark, i) => {
    const at = waiting.get(markKey(mark))?.shift();
    if (at !== undefined) matched.add(at);
    const before = at === undefined ? undefined : previous.findings[at];
    return {
      status: before === undefined ? 'new' : 'still-there',
      mark,
      current: i,
      previous: before,
      unchangedPatch: unchangedSet.has(mark.patch),
    };
  });
  const fixed: ComparedFinding[] = previous.findings.flatMap((mark, i) =>
    matched.has(i)
      ? []
      : [{ status: 'fixed', mark, current: undefined, previous: mark, unchangedPatch: false }],
  );
  return {
    version: current.version,
    previousVersion: previous.version,
    previousMessageId: previous.messageId,
    linkedBy: options.linkedBy,
    unchangedPatches: unchanged,
    findings: [...kept, ...fixed],
  };
}

/** `review` with its comparison against an older revision's findings (reviewed now or stored). */
export function withComparison(
  review: Review,
  previous: {
    readonly version: number;
    readonly messageId: string;
    readonly findings: readonly FindingMark[];
    /** Its matrices after it; undefined when not known (a watcher state from before they were kept). */
    readonly matrices?: readonly RevisionMatrix[] | undefined;
  },
  linkedBy: string,
  unchanged: readonly UnchangedPatch[] = [],
): Review {
  const comparison = compareRevisions(
    previous,
    {
      version: review.series.version,
      messageId: review.series.messageId,
      findings: review.findings.map(findingMark),
    },
    { linkedBy, unchangedPatches: unchanged },
  );
  if (previous.matrices === undefined) return { ...review, previous: comparison };
  const matrices = compareRevisionMatrices(previous.matrices, review.matrices.map(revisionMatrix));
  return { ...review, previous: { ...comparison, matrices } };
}

// Types of a comparison between two revisions of one series: what vN fixed, kept and added.
import type { CheckId, Severity } from './finding.ts';
import type { MatrixCell } from './matrix.ts';

/** A finding reduced to what identifies it across revisions (also what the watcher stores). */
export interface FindingMark {
  readonly check: CheckId;
  /** The first of `facts.symbols`, when the finding names one. */
  readonly symbol: string | undefined;
  /** The file of the first reference (undefined-symbol findings), else undefined. */
  readonly file: string | undefined;
  readonly title: string;
  readonly severity: Severity;
  /** The patch (1-based, 0 for the series) of the revision the finding was made on. */
  readonly patch: number;
}

/** fixed: raised on the older revision, gone; still-there: on both; new: only on the newer. */
export type RevisionStatus = 'fixed' | 'still-there' | 'new';

/** One finding of either revision with its status. */
export interface ComparedFinding {
  readonly status: RevisionStatus;
  /** The newer revision's finding (still-there, new) or the older one's (fixed). */
  readonly mark: FindingMark;
  /** Index in the newer review's `findings` (still-there, new). */
  readonly current: number | undefined;
  /** The older revision's finding it matched (still-there) or is (fixed). */
  readonly previous: FindingMark | undefined;
  /** True when the newer finding's patch has the same patch-id as in the older revision. */
  readonly unchangedPatch: boolean;
}

/** The newer revision compared with the older one it follows. */
export interface RevisionComparison {
  readonly version: number;
  readonly previousVersion: number;
  readonly previousMessageId: string;
  /** How the two were linked: change-id, reply, author-title, patch-id, or given (--previous). */
  readonly linkedBy: string;
  /** Patches of the newer revision identical (same stable patch-id) to one of the older. */
  readonly unchangedPatches: readonly UnchangedPatch[];
  /** Still-there and new findings in the newer review's order, then the fixed ones. */
  readonly findings: readonly ComparedFinding[];
  /** Matrices both revisions ran (same spec, arch and axes) whose cases differ after them. */
  readonly matrices?: readonly RevisionMatrixChange[];
}

/** What links one revision to another, from a Series or from the watcher's state. */
export interface RevisionIdentity {
  readonly version: number;
  readonly messageId: string;
  /** The author's address, lower case ('' when unknown). */
  readonly author: string;
  /** The series title, normalised (`normaliseTitle`). */
  readonly title: string;
  readonly changeId: string | undefined;
  /** Message-IDs of the cover letter and every patch. */
  readonly messageIds: readonly string[];
  /** What the cover letter (or first patch) replies to: In-Reply-To and References. */
  readonly repliesTo: readonly string[];
  /** Stable patch-id of each patch whose id is known. */
  readonly patchIds: readonly { readonly patch: number; readonly id: string }[];
}

/** A patch of the newer revision identical to one of the older. */
export interface UnchangedPatch {
  readonly patch: number;
  readonly previousPatch: number;
}

/** One symbol's change between the revisions in some cases of one matrix. */
export interface RevisionValueChange {
  readonly symbol: string;
  readonly previous: string;
  readonly current: string;
  /** Case numbers (1-based, as in the newer revision's table). */
  readonly cases: readonly number[];
}

/** The same matrix (spec, arch, axes) after each revision, compared case by case. */
export interface RevisionMatrixChange {
  readonly spec: string;
  readonly arch: string;
  readonly changes: readonly RevisionValueChange[];
}

/**
 * One matrix after a revision, reduced to what the next revision is compared with (also what
 * the watcher stores): the spec's name, the arch, the axes' names and the after-table's cells.
 */
export interface RevisionMatrix {
  readonly spec: string;
  readonly arch: string;
  readonly axes: readonly string[];
  readonly cells: readonly MatrixCell[];
}

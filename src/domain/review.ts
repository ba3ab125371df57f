import type { Finding } from './finding.ts';
import type { MatrixReport } from './matrix.ts';
import type { RevisionComparison } from './revision.ts';
import type { Series } from './series.ts';

/** The whole review of one series as a value: printed, written as JSON, or sent as replies. */
export interface Review {
  readonly series: Series;
  /** The commit the series was applied to, and why that one. */
  readonly base: string | undefined;
  readonly baseReason: string;
  /** A tag that points at the base (`v6.12`), to name it by; absent when none does. */
  readonly baseName?: string;
  /** The last commit of the applied series, undefined when it did not apply. */
  readonly head: string | undefined;
  readonly applied: boolean;
  readonly matrices: readonly MatrixReport[];
  readonly findings: readonly Finding[];
  /** How the review was made (derivation notes, caps), for the summary. */
  readonly notes: readonly string[];
  /** What was actually evaluated: no patches means nothing ran, which is never "no findings". */
  readonly evaluated: Evaluated;
  /** This revision compared with the older one it follows, when that one was reviewed too. */
  readonly previous?: RevisionComparison;
}

/** The applied prefix the checks ran on, the architectures and the checks that ran. */
export interface Evaluated {
  /** Indices of the patches whose changes were evaluated (the applied ones, in order). */
  readonly patches: readonly number[];
  readonly arches: readonly string[];
  readonly checks: readonly string[];
  /** False when the series touches no Kconfig and no CONFIG_ symbol: nothing was tried, no mail. */
  readonly reviewable: boolean;
  /** One line saying what was and was not evaluated, or undefined when the whole series was. */
  readonly summary: string | undefined;
}

/** "v6.12 (dc6ecc821705)": the base by its tag and abbreviated id, or the id alone. */
export function baseLabel(review: Pick<Review, 'base' | 'baseName'>): string {
  const short = review.base?.slice(0, 12) ?? '?';
  return review.baseName === undefined ? short : `${review.baseName} (${short})`;
}

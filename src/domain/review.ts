import type { Finding } from './finding.ts';
import type { MatrixReport } from './matrix.ts';
import type { Series } from './series.ts';

/** The whole review of one series as a value: printed, written as JSON, or sent as replies. */
export interface Review {
  readonly series: Series;
  /** The commit the series was applied to, and why that one. */
  readonly base: string | undefined;
  readonly baseReason: string;
  /** The last commit of the applied series, undefined when it did not apply. */
  readonly head: string | undefined;
  readonly applied: boolean;
  readonly matrices: readonly MatrixReport[];
  readonly findings: readonly Finding[];
  /** How the review was made (derivation notes, caps), for the summary. */
  readonly notes: readonly string[];
}

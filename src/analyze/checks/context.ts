// What every check reads: the applied series, the symbols it touches, each evaluated
// architecture's trees and standard targets before and after, the matrices, and what the tree
// search found. Built once per review by analyze/review.ts; checks only read it.
import type { CheckId, Finding } from '../../domain/finding.ts';
import type { MatrixReport } from '../../domain/matrix.ts';
import type { Series } from '../../domain/series.ts';
import type { ConfResult, Kconfig } from '../kconfig/engine.ts';
import type { ConfOutput } from '../matrix/run.ts';
import type { SymbolSite } from '../matrix/touched-symbols.ts';
import type { TreeReference } from './undefined-symbols.ts';

/** The conf targets every evaluated architecture runs before and after the series. */
export const STANDARD_TARGETS = ['defconfig', 'allnoconfig', 'allmodconfig'] as const;
export type StandardTarget = (typeof STANDARD_TARGETS)[number];

/** One standard target on one architecture, before and after. */
export interface TargetRun {
  readonly target: StandardTarget;
  readonly before: ConfResult;
  readonly after: ConfResult;
}

/** The conf outputs behind a matrix report, cell by cell. */
export interface MatrixOutputs {
  readonly spec: MatrixReport['spec'];
  readonly arch: string;
  readonly before: readonly ConfOutput[];
  readonly after: readonly ConfOutput[];
}

/** One evaluated architecture: its trees, and why it was evaluated. */
export interface ArchRun {
  readonly arch: string;
  /** Why this arch: "the base arch", "the series changes arch/arm/Kconfig", "derived matrix". */
  readonly why: string;
  readonly before: Kconfig;
  readonly after: Kconfig;
  readonly targets: readonly TargetRun[];
}

/** What the search of the whole tree found about symbols the series stops defining. */
export interface TreeSearch {
  readonly definedAfter: ReadonlySet<string>;
  /** Sites of symbols some Kconfig defined before and none defines after. */
  readonly removed: readonly SymbolSite[];
  readonly references: ReadonlyMap<string, readonly TreeReference[]>;
}

export interface CheckContext {
  /** The applied part of the series: only these patches' lines are under review. */
  readonly series: Series;
  readonly base: string;
  readonly head: string;
  readonly sites: readonly SymbolSite[];
  readonly arches: readonly ArchRun[];
  readonly matrices: readonly MatrixReport[];
  readonly outputs: readonly MatrixOutputs[];
  /** Commands only the patched tree's Kconfig runs (never run; evaluated as failing). */
  readonly unansweredCommands: readonly string[];
  readonly tree: TreeSearch;
}

/** A check: one file under analyze/checks, one line in the registry. */
export interface Check {
  readonly id: CheckId;
  /** What it looks for, in a few words (listed in "no findings" summaries). */
  readonly title: string;
  run(cx: CheckContext): readonly Finding[];
}

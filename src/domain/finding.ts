/** The checks kreview runs; each finding names the one that produced it. */
export type CheckId =
  | 'patch-does-not-apply'
  | 'patch-already-applied'
  | 'series-incomplete'
  | 'matrix-cell-changed'
  | 'lost-on-upgrade'
  | 'new-kconfig-warning'
  | 'undefined-symbol'
  | 'guard-combinations'
  | 'symbol-never-enabled'
  | 'symbol-always-forced'
  | 'target-drift'
  | 'command-macro-added'
  | 'new-symbol'
  | 'kconfig-does-not-parse'
  | 'check-failed';

export type Severity = 'error' | 'warning' | 'info';

/** Where in the series a finding belongs: a patch, and a line of its diff when there is one. */
export interface Anchor {
  /** Patch index (1-based); 0 for the series as a whole (the cover letter). */
  readonly patch: number;
  /** Path in the new tree (or old, for a deleted file); undefined for series-wide findings. */
  readonly file: string | undefined;
  /** Line number in the new file (old file for removed lines) that the finding concerns. */
  readonly line: number | undefined;
  /** Which side `line` counts on. */
  readonly side: 'new' | 'old' | undefined;
}

/** One thing a reviewer should read, anchored to the lines it concerns. */
export interface Finding {
  readonly check: CheckId;
  readonly severity: Severity;
  readonly anchor: Anchor;
  /** One line, no trailing period: what is wrong. */
  readonly title: string;
  /**
   * Why it matters and what to do, in a sentence or two read right after the title; every
   * warning and error has one, drawn from the finding's own facts.
   */
  readonly advice?: string;
  /** Prose and, where useful, preformatted lines (tables, conf output); wrapped by the report. */
  readonly detail: string;
  /** The claim as data, for a consumer of the JSON: what changed, where, with which values. */
  readonly facts?: FindingFacts;
}

/** A symbol's value before and after the series somewhere ("absent" when not in .config). */
export interface ValueChange {
  readonly symbol: string;
  readonly before: string;
  readonly after: string;
}

/** One place a finding was observed: an arch, and a target or a matrix case. */
export interface Observation {
  readonly arch: string;
  /** `defconfig`, `allmodconfig`, … or the matrix name. */
  readonly config: string;
  /** The matrix case (1-based row) when `config` is a matrix. */
  readonly case?: number;
  /** The axis inputs of that case. */
  readonly inputs?: Readonly<Record<string, string>>;
  readonly changes?: readonly ValueChange[];
}

/** The facts behind a finding; each field only where the check has it. */
export interface FindingFacts {
  readonly symbols?: readonly string[];
  readonly observations?: readonly Observation[];
  readonly references?: readonly { file: string; line: number; text: string }[];
  /** The patch whose change causes it, when the check could tell. */
  readonly patch?: number;
  readonly check?: string;
  /** A target's .config before and after as a unified diff (`a/<arch> <target>`, no context). */
  readonly configDiff?: string;
}

/** Orders findings by patch, file, line, check and title so output is deterministic. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.anchor.patch - b.anchor.patch ||
    compareText(a.anchor.file ?? '', b.anchor.file ?? '') ||
    (a.anchor.line ?? 0) - (b.anchor.line ?? 0) ||
    compareText(a.check, b.check) ||
    compareText(a.title, b.title)
  );
}

// Code-unit order, not localeCompare: the output must not depend on the machine's locale.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

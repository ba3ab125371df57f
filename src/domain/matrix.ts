/** A tristate value as .config writes it. */
export type Tristate = 'y' | 'm' | 'n';

/**
 * One axis of a matrix: a single symbol, or a named group that counts as y when any member is
 * (the reviewers' `Container = VFIO_CONTAINER || IOMMUFD_VFIO_CONTAINER`).
 */
export interface MatrixAxis {
  readonly name: string;
  readonly symbols: readonly string[];
}

/** The base configuration every cell starts from: a conf target, then settings on top. */
export interface MatrixBase {
  /** `defconfig`, or one of the all*config targets. */
  readonly target: 'defconfig' | 'allnoconfig' | 'alldefconfig' | 'allmodconfig' | 'allyesconfig';
  /**
   * Arch → defconfig file under arch/$SRCARCH/configs for the `defconfig` target; an arch not
   * named uses its KBUILD_DEFCONFIG. Per arch, since what a dependency needs (a 32-bit CPU
   * without 64-bit atomics, say) is a choice of defconfig.
   */
  readonly defconfigs: Readonly<Record<string, string>>;
  /** Symbol (without CONFIG_) → value, applied before the axes. */
  readonly settings: Readonly<Record<string, string>>;
}

/** What to evaluate: the same spec runs on the before- and the after-tree. */
export interface MatrixSpec {
  readonly name: string;
  readonly arches: readonly string[];
  readonly base: MatrixBase;
  readonly axes: readonly MatrixAxis[];
  /** Symbols asked to be y in every cell, as a user would in menuconfig. */
  readonly requests: readonly string[];
  /** Symbols whose values each cell reports (axis symbols are always reported too). */
  readonly observe: readonly string[];
  /** Why the spec looks as it does (derivation notes, caps applied); shown in reports. */
  readonly notes: readonly string[];
}

/** An axis' value in a cell: set y, set n, or `-` when it could not be set either way. */
export type AxisValue = 'y' | 'n' | '-';

/** One evaluated cell: what was asked and what olddefconfig left. */
export interface MatrixCell {
  readonly inputs: Readonly<Record<string, AxisValue>>;
  readonly values: Readonly<Record<string, Tristate>>;
  /**
   * Why no configuration has these inputs (an axis asked n is held at y by a select), when so;
   * `values` are then what olddefconfig made of the request.
   */
  readonly unreachable?: string;
}

/** One spec run on one tree for one architecture. */
export interface MatrixRun {
  readonly arch: string;
  readonly cells: readonly MatrixCell[];
}

/** One spec on one architecture, before and after the series. */
export interface MatrixReport {
  readonly spec: MatrixSpec;
  readonly arch: string;
  readonly before: MatrixRun;
  readonly after: MatrixRun;
}

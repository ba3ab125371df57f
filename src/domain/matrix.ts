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
  /** `defconfig` (the arch's KBUILD_DEFCONFIG), a defconfig file name, or allnoconfig etc. */
  readonly target: 'defconfig' | 'allnoconfig' | 'alldefconfig' | 'allmodconfig' | 'allyesconfig';
  readonly defconfig: string | undefined;
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
}

/** One spec run on one tree for one architecture. */
export interface MatrixRun {
  readonly arch: string;
  readonly cells: readonly MatrixCell[];
}

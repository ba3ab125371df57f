// The derived matrix and a preset often evaluate the same configurations on an arch, under other
// axis names: a reply prints that table once, the preset's (the one the reviewers asked for).
import type { MatrixCell, MatrixReport } from '../domain/matrix.ts';

/** A matrix whose table is left out, and the one that already shows its configurations. */
export interface RepeatedMatrix {
  readonly matrix: MatrixReport;
  readonly shownBy: MatrixReport;
}

/** The matrices to print as tables, and the derived ones another table already shows. */
export function matricesToPrint(matrices: readonly MatrixReport[]): {
  shown: MatrixReport[];
  repeated: RepeatedMatrix[];
} {
  const shown: MatrixReport[] = [];
  const repeated: RepeatedMatrix[] = [];
  for (const matrix of matrices) {
    const shownBy =
      matrix.spec.name === 'derived'
        ? matrices.find((m) => m !== matrix && m.spec.name !== 'derived' && covers(m, matrix))
        : undefined;
    if (shownBy === undefined) shown.push(matrix);
    else repeated.push({ matrix, shownBy });
  }
  return { shown, repeated };
}

/**
 * True when every configuration `inner` reaches, before and after, is a case of `outer` on the
 * same arch with the same values of every symbol `inner` reports. A case no configuration has
 * (unreachable) shows nothing to repeat.
 */
export function covers(outer: MatrixReport, inner: MatrixReport): boolean {
  if (outer.arch !== inner.arch) return false;
  const pairs = (m: MatrixReport) =>
    m.after.cells.flatMap((after) => {
      const before = m.before.cells.find(
        (b) => JSON.stringify(b.inputs) === JSON.stringify(after.inputs),
      );
      if (before === undefined || before.unreachable !== undefined) return [];
      if (after.unreachable !== undefined) return [];
      return [{ before, after }];
    });
  const mine = pairs(inner);
  const theirs = pairs(outer);
  if (mine.length === 0) return false;
  return mine.every((p) =>
    theirs.some((q) => sameValues(p.before, q.before) && sameValues(p.after, q.after)),
  );
}

// Every symbol `cell` reports has the same value in `other` (which may report more).
function sameValues(cell: MatrixCell, other: MatrixCell): boolean {
  return Object.entries(cell.values).every(([symbol, value]) => other.values[symbol] === value);
}

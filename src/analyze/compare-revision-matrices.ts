// The matrices of two revisions, after each, compared case by case: the same spec on the same
// architecture with the same axes, cases matched by their inputs, values compared for the
// symbols both observe. Cases either revision cannot reach are left out. Pure.
import type { MatrixCell, MatrixReport } from '../domain/matrix.ts';
import type {
  RevisionMatrix,
  RevisionMatrixChange,
  RevisionValueChange,
} from '../domain/revision.ts';

/** What of `report` the next revision is compared with: its after-table and what names it. */
export function revisionMatrix(report: MatrixReport): RevisionMatrix {
  return {
    spec: report.spec.name,
    arch: report.arch,
    axes: report.spec.axes.map((a) => a.name),
    cells: report.after.cells,
  };
}

/** What differs between the after-tables of `previous` and `current`, matrix by matrix. */
export function compareRevisionMatrices(
  previous: readonly RevisionMatrix[],
  current: readonly RevisionMatrix[],
): RevisionMatrixChange[] {
  const out: RevisionMatrixChange[] = [];
  for (const now of current) {
    const axes = now.axes.join('\0');
    const before = previous.find(
      (p) => p.spec === now.spec && p.arch === now.arch && p.axes.join('\0') === axes,
    );
    if (before === undefined) continue;
    const byInputs = new Map(before.cells.map((c) => [inputsKey(c), c]));
    const changes = new Map<
      string,
      { symbol: string; previous: string; current: string; cases: number[] }
    >();
    now.cells.forEach((cell, i) => {
      const old = byInputs.get(inputsKey(cell));
      if (old === undefined || old.unreachable !== undefined || cell.unreachable !== undefined)
        return;
      for (const symbol of Object.keys(cell.values).sort()) {
        const was = old.values[symbol];
        const is = cell.values[symbol];
        if (was === undefined || is === undefined || was === is) continue;
        const key = `${symbol}\0${was}\0${is}`;
        const entry = changes.get(key) ?? { symbol, previous: was, current: is, cases: [] };
        entry.cases.push(i + 1);
        changes.set(key, entry);
      }
    });
    if (changes.size > 0)
      out.push({
        spec: now.spec,
        arch: now.arch,
        changes: [...changes.values()].sort(byFirstCase),
      });
  }
  return out;
}

function inputsKey(cell: MatrixCell): string {
  return Object.entries(cell.inputs)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}

function byFirstCase(a: RevisionValueChange, b: RevisionValueChange): number {
  return (
    (a.cases[0] ?? 0) - (b.cases[0] ?? 0) ||
    (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0)
  );
}

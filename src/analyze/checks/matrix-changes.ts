// Check 1: a matrix cell whose observed values differ before and after the series.
import type { Finding } from '../../domain/finding.ts';
import type { MatrixCell, MatrixRun, MatrixSpec } from '../../domain/matrix.ts';
import type { SymbolSite } from '../matrix/touched-symbols.ts';
import { anchorForSymbols } from './anchor.ts';

/** One finding per observed symbol whose value changed in some cell, listing those cells. */
export function matrixChanges(
  spec: MatrixSpec,
  before: MatrixRun,
  after: MatrixRun,
  sites: readonly SymbolSite[],
): Finding[] {
  const changes = new Map<string, string[]>();
  for (const cell of after.cells) {
    const old = before.cells.find((b) => sameInputs(b, cell));
    // A case no configuration has on either side changes nothing a user can see.
    if (old === undefined || old.unreachable !== undefined || cell.unreachable !== undefined)
      continue;
    for (const [symbol, value] of Object.entries(cell.values)) {
      const was = old.values[symbol] ?? 'n';
      if (was === value) continue;
      const lines = changes.get(symbol) ?? [];
      lines.push(`${describeInputs(spec, cell)}: ${symbol} ${was} -> ${value}`);
      changes.set(symbol, lines);
    }
  }
  return [...changes]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([symbol, lines]) => ({
      check: 'matrix-cell-changed',
      severity: 'warning',
      anchor: anchorForSymbols([symbol], sites),
      title: `${symbol} changes in ${lines.length} of ${after.cells.length} cases on ${after.arch}`,
      detail: [
        `With the ${spec.name} matrix on ${after.arch}, olddefconfig gives a different value for ${symbol} after the series:`,
        '',
        ...lines.map((l) => `  ${l}`),
      ].join('\n'),
    }));
}

function sameInputs(a: MatrixCell, b: MatrixCell): boolean {
  return JSON.stringify(a.inputs) === JSON.stringify(b.inputs);
}

/** `GROUP=y Container=- CDEV=n`: a cell's inputs in axis order. */
export function describeInputs(spec: MatrixSpec, cell: MatrixCell): string {
  return spec.axes.map((axis) => `${axis.name}=${cell.inputs[axis.name] ?? '-'}`).join(' ');
}

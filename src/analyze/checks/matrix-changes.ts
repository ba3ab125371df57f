// Check 1: matrix cells whose observed values differ before and after the series. One finding
// per symbol, however many matrices and architectures show the change: a reviewer reads the
// cases together, under the line that changed the symbol.
import type { Finding } from '../../domain/finding.ts';
import type { MatrixCell, MatrixReport, MatrixSpec } from '../../domain/matrix.ts';
import type { SymbolSite } from '../matrix/touched-symbols.ts';
import { anchorForSymbols } from './anchor.ts';

interface Change {
  readonly where: string;
  readonly arch: string;
  readonly line: string;
}

/** One finding per observed symbol whose value changed in some cell of some matrix. */
export function matrixChanges(
  reports: readonly MatrixReport[],
  sites: readonly SymbolSite[],
): Finding[] {
  const changes = new Map<string, Change[]>();
  for (const { spec, arch, before, after } of reports) {
    for (const cell of after.cells) {
      const old = before.cells.find((b) => sameInputs(b, cell));
      // A case no configuration has on either side changes nothing a user can see.
      if (old === undefined || old.unreachable !== undefined || cell.unreachable !== undefined)
        continue;
      for (const [symbol, value] of Object.entries(cell.values)) {
        const was = old.values[symbol] ?? 'n';
        if (was === value) continue;
        const list = changes.get(symbol) ?? [];
        list.push({
          where: `${spec.name} on ${arch}`,
          arch,
          line: `${describeInputs(spec, cell)}: ${was} -> ${value}`,
        });
        changes.set(symbol, list);
      }
    }
  }
  return [...changes]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([symbol, list]) => {
      const arches = [...new Set(list.map((c) => c.arch))];
      const blocks = [...new Set(list.map((c) => c.where))].flatMap((where) => [
        `${where}:`,
        ...list.filter((c) => c.where === where).map((c) => `  ${c.line}`),
        '',
      ]);
      return {
        check: 'matrix-cell-changed',
        severity: 'warning',
        anchor: anchorForSymbols([symbol], sites),
        title: `${symbol} changes in ${list.length} case${list.length === 1 ? '' : 's'} on ${arches.join(' and ')}`,
        detail: [
          `olddefconfig gives ${symbol} a different value after the series in these cases (axis=value, then before -> after):`,
          '',
          ...blocks,
        ]
          .join('\n')
          .trimEnd(),
      } satisfies Finding;
    });
}

function sameInputs(a: MatrixCell, b: MatrixCell): boolean {
  return JSON.stringify(a.inputs) === JSON.stringify(b.inputs);
}

/** `GROUP=y Container=- CDEV=n`: a cell's inputs in axis order. */
export function describeInputs(spec: MatrixSpec, cell: MatrixCell): string {
  return spec.axes.map((axis) => `${axis.name}=${cell.inputs[axis.name] ?? '-'}`).join(' ');
}

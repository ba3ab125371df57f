// Renders matrix runs as the plain-text tables reviewers write by hand: one row per case, the
// axes first ("-" where an axis cannot be set), then the observed symbols, "before → after"
// where the series changed a value.

import { observedSymbols } from '../analyze/matrix/run.ts';
import type { MatrixCell, MatrixRun, MatrixSpec, Tristate } from '../domain/matrix.ts';

/** A table of one run, or of a before/after pair when `before` is given; mail passes `->`. */
export function renderMatrixTable(
  spec: MatrixSpec,
  after: MatrixRun,
  before?: MatrixRun,
  arrow = '→',
): string {
  const rows = pairRows(after, before);
  const members = new Set(spec.axes.flatMap((a) => a.symbols));
  // Columns for symbols that are not the axes themselves and are set somewhere, or changed.
  const columns = observedSymbols(spec).filter(
    (symbol) =>
      !members.has(symbol) &&
      rows.some((r) => value(r.after, symbol) !== 'n' || value(r.before, symbol) !== 'n'),
  );
  const header = ['#', ...spec.axes.map((a) => a.name), ...columns];
  const body = rows.map((row, i) => [
    String(i + 1),
    ...spec.axes.map((a) => (row.after ?? row.before)?.inputs[a.name] ?? '-'),
    ...columns.map((symbol) => cellText(row, symbol, arrow)),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((text, c) => (c === 0 ? text.padStart(widths[c] ?? 0) : text.padEnd(widths[c] ?? 0)))
      .join('  ')
      .trimEnd();
  const reasons = rows.flatMap((row, i) => {
    const reason = row.after?.unreachable ?? row.before?.unreachable;
    return reason === undefined ? [] : [`${i + 1}: unreachable, ${reason}`];
  });
  // Symbols left out because they are n everywhere are named, so an empty table says why.
  const quiet = observedSymbols(spec).filter((s) => !members.has(s) && !columns.includes(s));
  const footer = quiet.length === 0 ? [] : [`n in every case: ${quiet.join(', ')}`];
  return [line(header), ...body.map(line), ...reasons, ...footer].join('\n');
}

interface Row {
  readonly before: MatrixCell | undefined;
  readonly after: MatrixCell | undefined;
}

// Cells are matched by their inputs; a case reachable on one side only gets a row of its own.
function pairRows(after: MatrixRun, before: MatrixRun | undefined): Row[] {
  const key = (cell: MatrixCell) => JSON.stringify(cell.inputs);
  const rows: Row[] = after.cells.map((cell) => ({
    after: cell,
    before: before === undefined ? cell : before.cells.find((b) => key(b) === key(cell)),
  }));
  for (const cell of before?.cells ?? []) {
    if (!after.cells.some((a) => key(a) === key(cell)))
      rows.push({ before: cell, after: undefined });
  }
  return rows;
}

function value(cell: MatrixCell | undefined, symbol: string): Tristate {
  return cell?.values[symbol] ?? 'n';
}

// A case that cannot be reached shows "unreachable" instead of values (on its side only).
function cellText(row: Row, symbol: string, arrow: string): string {
  const side = (cell: MatrixCell | undefined) =>
    cell === undefined
      ? '(none)'
      : cell.unreachable !== undefined
        ? 'unreachable'
        : value(cell, symbol);
  const [b, a] = [side(row.before), side(row.after)];
  return b === a ? a : `${b} ${arrow} ${a}`;
}

// Renders matrix runs as the plain-text tables reviewers write by hand: one row per case, the
// axes first ("-" where an axis cannot be set), then the observed symbols, "before → after"
// where the series changed a value.

import { observedSymbols } from '../analyze/matrix/run.ts';
import type { MatrixCell, MatrixRun, MatrixSpec, Tristate } from '../domain/matrix.ts';

/**
 * A table of one run, or of a before/after pair when `before` is given; mail passes `->` and
 * a `maxWidth`: a table wider than that gets letters for its long column heads and a legend
 * (values are never wrapped), then, if still too wide, its observed columns split over more
 * tables that repeat the axes.
 */
export function renderMatrixTable(
  spec: MatrixSpec,
  after: MatrixRun,
  before?: MatrixRun,
  arrow = '→',
  maxWidth = Number.POSITIVE_INFINITY,
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
  const tables = layout(header, body, spec.axes.length + 1, maxWidth);
  const reasons = rows.flatMap((row, i) => {
    const reason = row.after?.unreachable ?? row.before?.unreachable;
    return reason === undefined ? [] : [`${i + 1}: unreachable, ${reason}`];
  });
  // Symbols left out because they are n everywhere are named, so an empty table says why.
  const quiet = observedSymbols(spec).filter((s) => !members.has(s) && !columns.includes(s));
  const footer = quiet.length === 0 ? [] : [`n in every case: ${quiet.join(', ')}`];
  const notes = [...reasons, ...footer].flatMap((l) => fold(l, maxWidth));
  return [...tables, ...notes].join('\n');
}

// A note line broken at spaces to the width, continued four columns in.
function fold(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const out = [''];
  for (const word of line.split(' ')) {
    const last = out[out.length - 1] as string;
    if (last !== '' && last.length + 1 + word.length > width) out.push(`    ${word}`);
    else out[out.length - 1] = last === '' ? word : `${last} ${word}`;
  }
  return out;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

// The table's lines: as they are when they fit, else with lettered heads and a legend, else
// split into several tables of the first `fixed` columns and as many others as fit.
function layout(
  header: readonly string[],
  body: readonly (readonly string[])[],
  fixed: number,
  maxWidth: number,
): string[] {
  const plain = render(header, body);
  if (plain.every((l) => l.length <= maxWidth)) return plain;
  const valueWidth = (c: number) => Math.max(1, ...body.map((r) => (r[c] ?? '').length));
  const legend: string[] = [];
  const short = header.map((h, c) => {
    if (c === 0 || h.length <= valueWidth(c) || legend.length >= LETTERS.length) return h;
    const letter = LETTERS[legend.length] as string;
    legend.push(`${letter} = ${h}`);
    return letter;
  });
  const lettered = render(short, body);
  if (lettered.every((l) => l.length <= maxWidth)) return [...lettered, ...legend];
  const parts: string[][] = [];
  let chosen: number[] = [];
  for (let c = fixed; c < header.length; c++) {
    const trial = [...chosen, c];
    const cols = [...Array(fixed).keys(), ...trial];
    const width =
      render(
        cols.map((i) => short[i] ?? ''),
        body.map((r) => cols.map((i) => r[i] ?? '')),
      )[0]?.length ?? 0;
    if (width > maxWidth && chosen.length > 0) {
      parts.push(chosen.map(String));
      chosen = [c];
    } else chosen = trial;
  }
  if (chosen.length > 0) parts.push(chosen.map(String));
  const out: string[] = [];
  for (const part of parts) {
    const cols = [...Array(fixed).keys(), ...part.map(Number)];
    if (out.length > 0) out.push('');
    out.push(
      ...render(
        cols.map((i) => short[i] ?? ''),
        body.map((r) => cols.map((i) => r[i] ?? '')),
      ),
    );
  }
  return [...out, ...legend];
}

function render(header: readonly string[], body: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((text, c) => (c === 0 ? text.padStart(widths[c] ?? 0) : text.padEnd(widths[c] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...body.map(line)];
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

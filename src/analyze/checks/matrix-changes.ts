// Check 1: matrix cells whose observed values differ before and after the series. One finding
// per symbol, however many matrices and architectures show the change: a reviewer reads the
// cases together, under the line that changed the symbol. A symbol only one side defines is
// not "changed" here: a new one is described by new-symbol, a removed one by lost-on-upgrade.
import type { Finding, Observation } from '../../domain/finding.ts';
import type { MatrixCell, MatrixReport, MatrixSpec } from '../../domain/matrix.ts';
import { expressionSymbols } from '../matrix/dependency-text.ts';
import type { SymbolSite } from '../matrix/touched-symbols.ts';
import { anchorForSymbols } from './anchor.ts';
import type { ArchRun, Check } from './context.ts';

interface Change {
  readonly spec: MatrixSpec;
  readonly arch: string;
  readonly index: number;
  readonly cell: MatrixCell;
  readonly was: string;
  readonly now: string;
}

export const matrixChangesCheck: Check = {
  id: 'matrix-cell-changed',
  title: 'values the matrix cases change',
  run: (cx) => matrixChanges(cx.matrices, cx.sites, cx.arches),
};

/** One finding per observed symbol whose value changed in some reachable cell of some matrix. */
export function matrixChanges(
  reports: readonly MatrixReport[],
  sites: readonly SymbolSite[],
  arches: readonly Pick<ArchRun, 'arch' | 'before' | 'after'>[] = [],
): Finding[] {
  const changes = new Map<string, Change[]>();
  const reached = new Map<string, { spec: MatrixSpec; arch: string; cell: MatrixCell }[]>();
  for (const { spec, arch, before, after } of reports) {
    const trees = arches.find((a) => a.arch === arch);
    after.cells.forEach((cell, index) => {
      const old = before.cells.find((b) => sameInputs(b, cell));
      // A case no configuration has on either side changes nothing a user can see.
      if (old === undefined || old.unreachable !== undefined || cell.unreachable !== undefined)
        return;
      for (const [symbol, now] of Object.entries(cell.values)) {
        const list = reached.get(symbol) ?? [];
        list.push({ spec, arch, cell });
        reached.set(symbol, list);
        const was = old.values[symbol] ?? 'n';
        if (was === now) continue;
        if (trees !== undefined && !bothDefine(trees, symbol)) continue;
        changes.set(symbol, [
          ...(changes.get(symbol) ?? []),
          { spec, arch, index, cell, was, now },
        ]);
      }
    });
  }
  return [...changes]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([symbol, list]) =>
      finding(symbol, list, reached.get(symbol) ?? [], sites, causes(symbol, reports, arches)),
    );
}

// What may explain a change: the axes that were varied, and the symbols the changed symbol's
// dependencies name on either side (GENERIC_ATOMIC64, 64BIT, …), never other outputs.
function causes(
  symbol: string,
  reports: readonly MatrixReport[],
  arches: readonly Pick<ArchRun, 'arch' | 'before' | 'after'>[],
): ReadonlySet<string> {
  const found = new Set(reports.flatMap((r) => r.spec.axes.flatMap((a) => a.symbols)));
  for (const run of arches) {
    for (const info of [run.before.symbol(symbol), run.after.symbol(symbol)]) {
      if (info !== undefined) for (const s of expressionSymbols(info.dependsOn)) found.add(s);
    }
  }
  found.delete(symbol);
  return found;
}

function bothDefine(trees: Pick<ArchRun, 'before' | 'after'>, symbol: string): boolean {
  return trees.before.symbol(symbol) !== undefined && trees.after.symbol(symbol) !== undefined;
}

function finding(
  symbol: string,
  list: readonly Change[],
  reached: readonly { spec: MatrixSpec; arch: string; cell: MatrixCell }[],
  sites: readonly SymbolSite[],
  causes: ReadonlySet<string>,
): Finding {
  const lost = list.filter((c) => c.now === 'n');
  const gained = list.filter((c) => c.was === 'n');
  const other = list.filter((c) => c.now !== 'n' && c.was !== 'n');
  const parts = [
    lost.length > 0 ? `${verb(symbol, lost, 'lost')}${where(causes, lost, reached)}` : undefined,
    gained.length > 0
      ? `${verb(symbol, gained, 'gained')}${where(causes, gained, reached)}`
      : undefined,
    other.length > 0 ? `changes between y and m${where(causes, other, reached)}` : undefined,
  ].filter((p) => p !== undefined);
  const blocks = [...new Set(list.map((c) => `${c.spec.name} on ${c.arch}`))].flatMap((w) => [
    `${w}:`,
    ...list
      .filter((c) => `${c.spec.name} on ${c.arch}` === w)
      .flatMap((c) =>
        hanging(`  case ${c.index + 1}: ${c.was} -> ${c.now} with`, describeInputs(c.spec, c.cell)),
      ),
    '',
  ]);
  const observations: Observation[] = list.map((c) => ({
    arch: c.arch,
    config: c.spec.name,
    case: c.index + 1,
    inputs: c.cell.inputs,
    changes: [{ symbol, before: c.was, after: c.now }],
  }));
  const title = `${symbol} ${parts.join(', and ')}`;
  return {
    check: 'matrix-cell-changed',
    severity: 'warning',
    anchor: anchorForSymbols([symbol], sites),
    title,
    advice: changeAdvice(symbol, lost.length > 0, gained.length > 0, other.length > 0),
    detail: [
      // Each side starts from its own tree's base target: the same settings, not the same .config.
      `With the same settings on top of ${[...new Set(list.map((c) => c.spec.base.target))].join(' or ')}, olddefconfig gives ${symbol} another value after the series, in ${list.length} case${list.length === 1 ? '' : 's'} (before -> after, with the case's axes):`,
      '',
      ...blocks,
    ]
      .join('\n')
      .trimEnd(),
    facts: { symbols: [symbol], observations },
  };
}

/** Why a changed value matters, and what to do, by which way the symbol moved. */
export function changeAdvice(
  symbol: string,
  lost: boolean,
  gained: boolean,
  between: boolean,
): string {
  const why =
    'Kernels configured that way build differently after the series, and nothing asks their users.';
  if (lost && !gained)
    return `${why} If ${symbol} is meant to stay available there, look again at what the series changes in its dependencies; if not, say in the commit message which configurations lose it.`;
  if (gained && !lost)
    return `${why} If ${symbol} is not meant to be on there, add the dependency it lacks; if it is, say in the commit message which configurations now get it.`;
  if (between && !lost && !gained)
    return `${why} If ${symbol} should keep its y or m, look at the select or default the series changes; if not, say so in the commit message.`;
  return `${why} If these changes are not all intended, look at the dependencies and defaults the series changes for ${symbol}; if they are, say in the commit message which configurations change.`;
}

// Asked for in every case (a request of the matrix, as a user would set it), a symbol that
// comes out n "can no longer be enabled"; one nobody asked for "is no longer enabled".
function verb(symbol: string, changes: readonly Change[], how: 'lost' | 'gained'): string {
  const asked = changes.every((c) => c.spec.requests.includes(symbol));
  if (how === 'lost') return asked ? 'can no longer be enabled' : 'is no longer enabled';
  return asked ? 'can now be enabled' : 'is now enabled';
}

// " when VFIO_GROUP=y and VFIO_CONTAINER=n (x86_64), in 3 of 5 cases (arm)": per arch, the
// fewest symbol values that hold in exactly the cases that changed this way, so the title says
// what the change depends on; a count where no such values exist.
function where(
  causes: ReadonlySet<string>,
  changed: readonly Change[],
  reached: readonly { arch: string; cell: MatrixCell }[],
): string {
  const arches = [...new Set(changed.map((c) => c.arch))];
  const changedCells = new Set(changed.map((c) => c.cell));
  if (reached.every((r) => changedCells.has(r.cell)))
    return ` in every case (${arches.join(', ')})`;
  const said = arches.map((arch) => {
    const here = changed.filter((c) => c.arch === arch);
    const cells = reached.filter((r) => r.arch === arch).map((r) => r.cell);
    const terms = condition(causes, here, cells);
    return {
      arch,
      text:
        terms === undefined
          ? ` in ${here.length} of ${cells.length} cases`
          : ` when ${terms.map(([sym, v]) => `${sym}=${v}`).join(' and ')}`,
    };
  });
  const texts = [...new Set(said.map((s) => s.text))];
  if (texts.length === 1 && texts[0]?.startsWith(' when'))
    return `${texts[0]} (${arches.join(', ')})`;
  // Arches that differ in a symbol no user sets (GENERIC_ATOMIC64, 64BIT): one description
  // over all of them names that symbol, where per-arch counts would hide it.
  const joint = cover(
    causes,
    changed,
    reached.map((r) => r.cell),
  );
  if (joint !== undefined) return `${joint} (${arches.join(', ')})`;
  return said.map((s) => `${s.text} (${s.arch})`).join(',');
}

const MAX_PARTS = 2;

// " when A=y and B=n, or when C=y": at most two conditions that together hold in exactly the
// cases that changed, each picked to cover as many of the rest as it can.
function cover(
  causes: ReadonlySet<string>,
  changed: readonly Change[],
  cells: readonly MatrixCell[],
): string | undefined {
  let left = [...changed];
  const parts: string[] = [];
  while (left.length > 0 && parts.length < MAX_PARTS) {
    const best = left
      .flatMap((c) => conditions(causes, c, cells, changed))
      .map((terms) => ({ terms, covers: left.filter((o) => meets(o.cell, terms)) }))
      .sort((a, b) => b.covers.length - a.covers.length || a.terms.length - b.terms.length)[0];
    if (best?.terms === undefined) return undefined;
    parts.push(` when ${best.terms.map(([sym, v]) => `${sym}=${v}`).join(' and ')}`);
    left = left.filter((c) => !best.covers.includes(c));
  }
  return left.length === 0 ? parts.join(', or') : undefined;
}

// Every condition of up to three of `seed`'s values that holds only in changed cases.
function conditions(
  causes: ReadonlySet<string>,
  seed: Change,
  cells: readonly MatrixCell[],
  changed: readonly Change[],
): [string, string][][] {
  const ok = new Set(changed.map((c) => c.cell));
  const own = Object.entries(seed.cell.values).filter(([s]) => causes.has(s));
  const found: [string, string][][] = [];
  for (let size = 1; size <= Math.min(MAX_TERMS, own.length); size++) {
    for (const terms of subsets(own, size))
      if (cells.every((cell) => ok.has(cell) || !meets(cell, terms))) found.push(terms);
  }
  return found;
}

function meets(cell: MatrixCell, terms: readonly [string, string][]): boolean {
  return terms.every(([s, v]) => cell.values[s] === v);
}

const MAX_TERMS = 3;

function condition(
  causes: ReadonlySet<string>,
  changed: readonly Change[],
  cells: readonly MatrixCell[],
  allowed: readonly Change[] = changed,
): [string, string][] | undefined {
  const [first] = changed;
  if (first === undefined) return undefined;
  const common = Object.entries(first.cell.values).filter(
    ([s, v]) => causes.has(s) && changed.every((c) => c.cell.values[s] === v),
  );
  // A condition may hold only in cases that changed this way (`allowed`).
  const ok = new Set(allowed.map((c) => c.cell));
  const holds = (terms: readonly [string, string][]) =>
    cells.every((cell) => ok.has(cell) || !meets(cell, terms));
  for (let size = 1; size <= Math.min(MAX_TERMS, common.length); size++) {
    for (const terms of subsets(common, size)) if (holds(terms)) return terms;
  }
  return undefined;
}

function subsets<T>(items: readonly T[], size: number): T[][] {
  if (size === 0) return [[]];
  return items.flatMap((item, i) =>
    subsets(items.slice(i + 1), size - 1).map((rest) => [item, ...rest]),
  );
}

const WIDTH = 72;

// "  case 3: y -> n with A=y B=n" broken at spaces under its first word, so a reply stays
// narrow however many axes the case has.
function hanging(lead: string, words: string): string[] {
  const indent = ' '.repeat(lead.indexOf(':') + 2);
  const lines = [lead];
  for (const word of words.split(' ')) {
    const last = lines[lines.length - 1] as string;
    if (last.length + 1 + word.length > WIDTH && last.trim() !== '') lines.push(`${indent}${word}`);
    else lines[lines.length - 1] = `${last} ${word}`;
  }
  return lines;
}

function sameInputs(a: MatrixCell, b: MatrixCell): boolean {
  return JSON.stringify(a.inputs) === JSON.stringify(b.inputs);
}

/** `GROUP=y Container=- CDEV=n`: a cell's inputs in axis order. */
export function describeInputs(spec: MatrixSpec, cell: MatrixCell): string {
  return spec.axes.map((axis) => `${axis.name}=${cell.inputs[axis.name] ?? '-'}`).join(' ');
}

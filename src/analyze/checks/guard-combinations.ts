// Check 5: for each preprocessor condition the series adds, which combinations of its symbols
// the matrix reaches, and what the condition is in each: the reviewers' "what happens when
// these are y/n or n/y?", answered from the evaluated cells instead of by hand.
import type { Finding } from '../../domain/finding.ts';
import type { MatrixCell, MatrixRun, Tristate } from '../../domain/matrix.ts';
import { readConfigValues } from '../matrix/config-text.ts';
import type { SymbolSite } from '../matrix/touched-symbols.ts';
import { siteAnchor } from './anchor.ts';
import type { Check } from './context.ts';
import { evaluateGuard, guardSymbols, parseDirective } from './guard-expr.ts';

export const guardCombinationsCheck: Check = {
  id: 'guard-combinations',
  title: 'which combinations of an added #if the configurations reach',
  run: (cx) => {
    // The standard targets are configurations too: defconfig is the one most builds use.
    const named = [...new Set(cx.sites.map((s) => s.symbol))];
    const targets = cx.arches.map((a) => ({
      arch: a.arch,
      cells: a.targets.map((t) => ({ inputs: {}, values: valuesOf(t.after.config, named) })),
    }));
    return guardCombinations(cx.sites, [...cx.matrices.map((m) => m.after), ...targets]);
  },
};

// A symbol absent from a .config is n there.
function valuesOf(config: string, symbols: readonly string[]): Record<string, Tristate> {
  const read = readConfigValues(config);
  return Object.fromEntries(
    symbols.map((s) => {
      const v = read.get(s);
      return [s, v === 'y' || v === 'm' ? v : 'n'];
    }),
  );
}

const MAX_SYMBOLS = 6;

/** One finding per added conditional directive whose symbols the matrix observed. */
export function guardCombinations(
  sites: readonly SymbolSite[],
  runs: readonly MatrixRun[],
): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const site of sites) {
    const key = `${site.patch}:${site.file}:${site.line}`;
    if (site.side !== 'new' || seen.has(key)) continue;
    const guard = parseDirective(site.text);
    if (guard === undefined) continue;
    seen.add(key);
    const symbols = guardSymbols(guard);
    if (symbols.length < 2 || symbols.length > MAX_SYMBOLS) continue;
    const tables = widestPerArch(runs, symbols).flatMap((run) => describeRun(run, symbols, guard));
    if (tables.length === 0) continue;
    findings.push({
      check: 'guard-combinations',
      severity: 'info',
      anchor: siteAnchor(site),
      title: `Reachable combinations of ${symbols.join(', ')}`,
      detail: tables.join('\n'),
    });
  }
  return findings;
}

// Several matrices may run on one arch (a preset and the derived one): together they are what
// that arch was seen to reach. A case no configuration has (unreachable) reaches nothing.
function widestPerArch(runs: readonly MatrixRun[], symbols: readonly string[]): MatrixRun[] {
  const merged = new Map<string, MatrixCell[]>();
  for (const run of runs) {
    const cells = run.cells.filter(
      (cell) => cell.unreachable === undefined && symbols.every((s) => s in cell.values),
    );
    if (cells.length === 0) continue;
    merged.set(run.arch, [...(merged.get(run.arch) ?? []), ...cells]);
  }
  return [...merged].map(([arch, cells]) => ({ arch, cells }));
}

function describeRun(
  run: MatrixRun,
  symbols: readonly string[],
  guard: NonNullable<ReturnType<typeof parseDirective>>,
): string[] {
  if (!run.cells.every((cell) => symbols.every((s) => s in cell.values))) return [];
  const reached = new Map<string, { values: Tristate[]; cases: number[] }>();
  run.cells.forEach((cell, i) => {
    const values = symbols.map((s) => cell.values[s] ?? 'n');
    const key = values.join('/');
    const entry = reached.get(key) ?? { values, cases: [] };
    entry.cases.push(i + 1);
    reached.set(key, entry);
  });
  const width = symbols.map((s) => s.length);
  const row = (cells: string[]) =>
    `  ${cells.map((c, i) => c.padEnd(width[i] ?? 0)).join('  ')}`.trimEnd();
  const lines = [
    `On ${run.arch}, the evaluated configurations reach:`,
    '',
    row([...symbols, 'condition']),
  ];
  for (const { values } of [...reached.values()].sort(
    (a, b) => (a.cases[0] ?? 0) - (b.cases[0] ?? 0),
  )) {
    const result = evaluateGuard(guard, (s) => values[symbols.indexOf(s)] ?? 'n');
    const label = result === undefined ? 'depends on other terms' : String(result);
    lines.push(row([...values, label]));
  }
  const all = symbols.reduce<string[]>(
    (acc) => acc.flatMap((p) => [`${p}${p ? '/' : ''}y`, `${p}${p ? '/' : ''}n`]),
    [''],
  );
  const missing = all.filter(
    (combo) =>
      ![...reached.values()].some(
        (r) => r.values.map((v) => (v === 'm' ? 'y' : v)).join('/') === combo,
      ),
  );
  if (missing.length > 0)
    lines.push('', `Not reached by any evaluated configuration (y/n): ${missing.join(', ')}`);
  lines.push('');
  return lines;
}

// Evaluates a matrix spec on one loaded Kconfig tree: base configuration, then every combination
// of axis values (plus the requests) through olddefconfig, reading back the observed symbols.
import type {
  AxisValue,
  MatrixAxis,
  MatrixCell,
  MatrixRun,
  MatrixSpec,
  Tristate,
} from '../../domain/matrix.ts';
import type { ConfWarning } from '../kconfig/engine.ts';
import { applySettings, readConfigValues, tristateOf } from './config-text.ts';

/** The part of the Kconfig engine a matrix needs; the engine's `Kconfig` satisfies it. */
export interface ConfigEvaluator {
  run(
    target: 'olddefconfig' | MatrixSpec['base']['target'],
    input?: { config?: string; defconfig?: string },
  ): { config: string; stderr: string; warnings?: readonly ConfWarning[] };
}

interface Evaluated {
  readonly requested: readonly ('y' | 'n')[];
  readonly actual: readonly ('y' | 'n')[];
  readonly values: Readonly<Record<string, Tristate>>;
  readonly output: ConfOutput;
}

/** What conf left for one cell: the .config it was given, the .config it wrote, its warnings. */
export interface ConfOutput {
  readonly input: string;
  readonly config: string;
  readonly stderr: string;
  /** The warnings behind `stderr`, as data. */
  readonly warnings: readonly ConfWarning[];
}

/** A run, with the conf output of each of its cells (same order) for the checks that need it. */
export interface MatrixEvaluation {
  readonly run: MatrixRun;
  readonly outputs: readonly ConfOutput[];
}

/** Runs the spec for one architecture; the evaluator must be loaded for that architecture. */
export function runMatrix(
  spec: MatrixSpec,
  arch: string,
  kconfig: ConfigEvaluator,
): MatrixEvaluation {
  const base = baseConfig(spec, arch, kconfig);
  const observed = observedSymbols(spec);
  const evaluated = combinations(spec.axes.length).map((requested) =>
    evaluate(spec, kconfig, base, observed, requested),
  );
  const rows = collapse(spec.axes, evaluated);
  return { run: { arch, cells: rows.map((r) => r.cell) }, outputs: rows.map((r) => r.output) };
}

/** Every symbol a cell reports: the observed ones and the axis members, sorted. */
export function observedSymbols(spec: MatrixSpec): string[] {
  return [...new Set([...spec.observe, ...spec.axes.flatMap((a) => a.symbols)])].sort();
}

function baseConfig(spec: MatrixSpec, arch: string, kconfig: ConfigEvaluator): string {
  const defconfig = spec.base.defconfigs[arch];
  const start = kconfig.run(spec.base.target, defconfig === undefined ? {} : { defconfig }).config;
  const settings = new Map(Object.entries(spec.base.settings));
  return kconfig.run('olddefconfig', { config: applySettings(start, settings) }).config;
}

// y before n, the first axis varying slowest: the order reviewers write such tables in.
function combinations(count: number): ('y' | 'n')[][] {
  if (count === 0) return [[]];
  const rest = combinations(count - 1);
  return (['y', 'n'] as const).flatMap((first) => rest.map((tail) => [first, ...tail]));
}

function evaluate(
  spec: MatrixSpec,
  kconfig: ConfigEvaluator,
  base: string,
  observed: readonly string[],
  requested: readonly ('y' | 'n')[],
): Evaluated {
  // A group axis asked to be y tries its members in turn (the others n) until one takes.
  const groupTries = spec.axes.map((axis, i) =>
    requested[i] === 'y' ? axis.symbols.map((_, member) => member) : [-1],
  );
  let last: Evaluated | undefined;
  for (const choice of product(groupTries)) {
    const settings = new Map<string, string>();
    spec.axes.forEach((axis, i) => {
      axis.symbols.forEach((symbol, member) => {
        settings.set(symbol, choice[i] === member ? 'y' : 'n');
      });
    });
    for (const symbol of spec.requests) settings.set(symbol, 'y');
    const input = applySettings(base, settings);
    const output = kconfig.run('olddefconfig', { config: input });
    const values = readConfigValues(output.config);
    const actual = spec.axes.map((axis) => axisValue(axis, values));
    last = {
      requested,
      actual,
      values: Object.fromEntries(observed.map((s) => [s, tristateOf(values, s)])),
      output: {
        input,
        config: output.config,
        stderr: output.stderr,
        warnings: output.warnings ?? [],
      },
    };
    if (actual.every((value, i) => value === requested[i])) return last;
  }
  return last!;
}

function axisValue(axis: MatrixAxis, values: ReadonlyMap<string, string>): 'y' | 'n' {
  return axis.symbols.some((s) => tristateOf(values, s) !== 'n') ? 'y' : 'n';
}

function product(choices: readonly number[][]): number[][] {
  return choices.reduce<number[][]>(
    (acc, options) => acc.flatMap((prefix) => options.map((o) => [...prefix, o])),
    [[]],
  );
}

// How a cell reads: an axis held at n whatever is asked (its dependencies rule it out) is "-",
// and cells that then read the same are one row; an axis asked n but held at y (a select forces
// it) makes the case one that cannot be reached, kept as a row that says so.
function collapse(
  axes: readonly MatrixAxis[],
  cells: readonly Evaluated[],
): { cell: MatrixCell; output: ConfOutput }[] {
  const rows = new Map<string, { cell: MatrixCell; output: ConfOutput }>();
  for (const cell of cells) {
    const inputs: Record<string, AxisValue> = {};
    const held: string[] = [];
    axes.forEach((axis, i) => {
      const requested = cell.requested[i] ?? 'n';
      const actual = cell.actual[i] ?? 'n';
      if (actual === 'n' && !followsBoth(cells, cell, i)) inputs[axis.name] = '-';
      else if (actual === requested) inputs[axis.name] = requested;
      else {
        inputs[axis.name] = requested;
        held.push(axis.name);
      }
    });
    const unreachable =
      held.length === 0
        ? undefined
        : `${held.join(', ')} cannot be n here (a select holds it at y)`;
    const key = JSON.stringify([inputs, unreachable ?? cell.values]);
    if (rows.has(key)) continue;
    const row: MatrixCell =
      unreachable === undefined
        ? { inputs, values: cell.values }
        : { inputs, values: cell.values, unreachable };
    rows.set(key, { cell: row, output: cell.output });
  }
  return [...rows.values()];
}

// Asking y gives y and asking n gives n, with every other axis asked the same.
function followsBoth(cells: readonly Evaluated[], cell: Evaluated, axis: number): boolean {
  const twin = cells.find((other) =>
    other.requested.every((v, i) =>
      i === axis ? v !== cell.requested[i] : v === cell.requested[i],
    ),
  );
  if (twin === undefined) return false;
  return cell.actual[axis] === cell.requested[axis] && twin.actual[axis] === twin.requested[axis];
}

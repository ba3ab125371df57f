// Derives a matrix spec from the series itself: the symbols it defines or changes are asked
// for and observed, the symbols its guards test are observed, and the user-settable symbols
// their dependencies name become axes, bounded so the matrix stays small.
import type { MatrixAxis, MatrixSpec } from '../../domain/matrix.ts';
import type { SymbolInfo } from '../kconfig/engine.ts';
import { expressionSymbols, topLevelConjuncts } from './dependency-text.ts';
import type { SymbolSite } from './touched-symbols.ts';

/** The part of a loaded Kconfig that derivation reads. */
export interface SymbolLookup {
  symbol(name: string): SymbolInfo | undefined;
}

export interface DeriveOptions {
  readonly arches: readonly string[];
  readonly defconfigs: Readonly<Record<string, string>>;
  readonly maxAxes: number;
  readonly maxObserved: number;
}

const SETTABLE = new Set(['bool', 'tristate']);

/** A spec for the series, or undefined when it touches no Kconfig symbol at all. */
export function deriveSpec(
  sites: readonly SymbolSite[],
  before: SymbolLookup,
  after: SymbolLookup,
  options: DeriveOptions,
): MatrixSpec | undefined {
  const defined = unique(sites.filter((s) => s.role === 'defines').map((s) => s.symbol));
  const tested = unique(sites.filter((s) => s.role === 'tests').map((s) => s.symbol));
  if (defined.length === 0 && tested.length === 0) return undefined;
  const notes: string[] = [];
  const infos = (name: string) =>
    [before.symbol(name), after.symbol(name)].filter((i) => i !== undefined);

  // A conjunct a changed symbol needs both before and after (the `if VFIO` around it, say) is
  // context: set y in the base instead of spending an axis on it. What the series changed is
  // what the axes vary, changed symbols' dependencies first, then new symbols'.
  const existing = defined.filter(
    (s) => before.symbol(s) !== undefined && after.symbol(s) !== undefined,
  );
  const added = defined.filter(
    (s) => before.symbol(s) === undefined && after.symbol(s) !== undefined,
  );
  const context = new Set<string>();
  for (const symbol of existing) {
    const old = new Set(topLevelConjuncts(before.symbol(symbol)?.dependsOn ?? ''));
    for (const c of topLevelConjuncts(after.symbol(symbol)?.dependsOn ?? '')) {
      if (old.has(c) && /^\w+$/.test(c)) context.add(c);
    }
  }
  // A plain conjunct every changed symbol has, in every tree it exists in, is their common
  // enclosing block (a renamed symbol exists in neither tree under both names).
  const conjunctSets = defined.flatMap((s) => infos(s).map((i) => topLevelConjuncts(i.dependsOn)));
  for (const c of conjunctSets[0] ?? []) {
    if (/^\w+$/.test(c) && conjunctSets.every((set) => set.includes(c))) context.add(c);
  }
  // A select ignores the selected symbol's dependencies: what those need is worth varying too,
  // so a configuration where the select forces it past them is evaluated.
  const selected = unique(
    sites
      .filter((s) => s.role === 'defines' && s.side === 'new')
      .flatMap((s) => /^\s*select\s+(\w+)/.exec(s.text)?.[1] ?? []),
  );
  const dependencies = (symbols: readonly string[]) =>
    symbols.flatMap((s) => infos(s).flatMap((i) => expressionSymbols(i.dependsOn)));
  const settable = (s: string) => isSettable(after.symbol(s) ?? before.symbol(s));
  const candidates = unique([
    ...dependencies(existing),
    ...dependencies(added),
    ...dependencies(selected),
    // A changed symbol another changed symbol depends on is varied too: that is the case a
    // patch making one option need another is about.
  ]).filter((s) => !context.has(s) && settable(s));
  const axes: MatrixAxis[] = candidates
    .slice(0, options.maxAxes)
    .map((s) => ({ name: s, symbols: [s] }));
  // What the axes themselves need (their plain conjuncts) is context too, so they can be set.
  const axisNames = new Set(axes.map((a) => a.name));
  for (const axis of axisNames) {
    for (const c of topLevelConjuncts(after.symbol(axis)?.dependsOn ?? '')) {
      if (/^\w+$/.test(c) && !axisNames.has(c) && !defined.includes(c)) context.add(c);
    }
  }
  const notVaried = candidates.slice(options.maxAxes).filter((s) => !context.has(s));
  if (notVaried.length > 0) {
    notes.push(`Axes capped at ${options.maxAxes}; not varied: ${notVaried.join(', ')}.`);
  }
  // Only what a user sets to y in menuconfig: a bool or tristate with a prompt.
  const requests = defined.filter(
    (s) => !axisNames.has(s) && infos(s).some((i) => i.prompts.length > 0 && SETTABLE.has(i.type)),
  );
  let observe = unique([...defined, ...tested]);
  if (observe.length > options.maxObserved) {
    notes.push(`Observed symbols capped at ${options.maxObserved} of ${observe.length}.`);
    observe = observe.slice(0, options.maxObserved);
  }
  const settings = [...context].filter(settable).sort();
  if (settings.length > 0) {
    notes.push(`Set in every case: ${settings.map((c) => `${c}=y`).join(', ')}.`);
  }
  return {
    name: 'derived',
    arches: options.arches,
    base: {
      target: 'defconfig',
      defconfigs: options.defconfigs,
      settings: Object.fromEntries(settings.map((c) => [c, 'y'])),
    },
    axes,
    requests,
    observe,
    notes,
  };
}

function isSettable(info: SymbolInfo | undefined): boolean {
  return info !== undefined && info.prompts.length > 0 && SETTABLE.has(info.type);
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

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

  // A conjunct that every changed symbol needs in both trees (the `if VFIO` around them, say)
  // is context: it is set y in the base instead of spending an axis on it.
  const changed = defined.filter((s) => infos(s).length > 0);
  const conjunctSets = changed.flatMap((s) =>
    infos(s).map((i) => new Set(topLevelConjuncts(i.dependsOn))),
  );
  const context =
    conjunctSets.length === 0
      ? []
      : [...conjunctSets[0]!].filter(
          (c) => /^\w+$/.test(c) && conjunctSets.every((set) => set.has(c)),
        );

  const candidates = unique(
    changed.flatMap((s) => infos(s).flatMap((i) => expressionSymbols(i.dependsOn))),
  ).filter(
    (s) =>
      !defined.includes(s) &&
      !context.includes(s) &&
      isSettable(after.symbol(s) ?? before.symbol(s)),
  );
  const axes: MatrixAxis[] = candidates
    .slice(0, options.maxAxes)
    .map((s) => ({ name: s, symbols: [s] }));
  if (candidates.length > axes.length) {
    notes.push(
      `Axes capped at ${options.maxAxes}; not varied: ${candidates.slice(options.maxAxes).join(', ')}.`,
    );
  }
  const requests = defined.filter((s) => infos(s).some((i) => i.prompts.length > 0));
  let observe = unique([...defined, ...tested]);
  if (observe.length > options.maxObserved) {
    notes.push(`Observed symbols capped at ${options.maxObserved} of ${observe.length}.`);
    observe = observe.slice(0, options.maxObserved);
  }
  if (context.length > 0)
    notes.push(`Set in every case: ${context.map((c) => `${c}=y`).join(', ')}.`);
  return {
    name: 'derived',
    arches: options.arches,
    base: {
      target: 'defconfig',
      defconfigs: options.defconfigs,
      settings: Object.fromEntries(
        context.filter((c) => isSettable(after.symbol(c))).map((c) => [c, 'y']),
      ),
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

// Check 2: a user's .config from before the series, run through olddefconfig on the new tree.
// Values set to y or m that change or vanish are what an upgrade silently loses. Only values a
// user could have set count (the symbol's prompt was visible in that old configuration): a
// promptless symbol that goes away is the tree's bookkeeping, not a user's choice lost.
import type { Finding, Observation } from '../../domain/finding.ts';
import { readConfigValues } from '../matrix/config-text.ts';
import { expressionSymbols, topLevelConjuncts } from '../matrix/dependency-text.ts';
import type { SymbolSite } from '../matrix/touched-symbols.ts';
import { anchorForSymbol } from './anchor.ts';
import type { ArchRun, Check, CheckContext } from './context.ts';
import { orList, replacementsOf } from './replacement.ts';

/** One user value that olddefconfig on the new tree did not keep. */
export interface LostValue {
  readonly symbol: string;
  readonly from: string;
  /** The new value, or undefined when no Kconfig defines the symbol any more. */
  readonly to: string | undefined;
}

/** The y/m values of `oldConfig` that `newConfig` (its olddefconfig on the new tree) lost. */
export function lostValues(
  oldConfig: string,
  newConfig: string,
  defined: (symbol: string) => boolean,
): LostValue[] {
  const after = readConfigValues(newConfig);
  const lost: LostValue[] = [];
  for (const [symbol, from] of readConfigValues(oldConfig)) {
    if (from !== 'y' && from !== 'm') continue;
    if (!defined(symbol)) lost.push({ symbol, from, to: undefined });
    else {
      const to = after.get(symbol) ?? 'n';
      if (to !== from) lost.push({ symbol, from, to });
    }
  }
  return lost.sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
}

/** An old configuration to upgrade, and how to name it. */
interface OldConfig {
  readonly arch: string;
  readonly config: string;
  readonly name: string;
  readonly case?: number;
  readonly text: string;
}

export const lostOnUpgradeCheck: Check = {
  id: 'lost-on-upgrade',
  title: 'user settings an upgrade loses',
  run: (cx) => lostOnUpgrade(cx),
};

/** One finding per symbol whose user-set value some old configuration loses on upgrade. */
export function lostOnUpgrade(cx: Pick<CheckContext, 'arches' | 'outputs' | 'sites'>): Finding[] {
  const bySymbol = new Map<string, { value: LostValue; old: OldConfig }[]>();
  for (const run of cx.arches) {
    for (const old of oldConfigs(run, cx)) {
      const upgraded = run.after.run('olddefconfig', { config: old.text }).config;
      const lost = lostValues(old.text, upgraded, (s) => run.after.symbol(s) !== undefined);
      if (lost.length === 0) continue;
      const visible = run.before.promptVisible(
        old.text,
        lost.map((l) => l.symbol),
      );
      for (const value of lost) {
        if (visible.get(value.symbol) !== true) continue;
        bySymbol.set(value.symbol, [...(bySymbol.get(value.symbol) ?? []), { value, old }]);
      }
    }
  }
  const existedBefore = (s: string) => cx.arches.some((r) => r.before.symbol(s) !== undefined);
  return [...bySymbol]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([symbol, list]) =>
      finding(symbol, list, cx.sites, {
        replacements: replacementsOf(symbol, cx.sites, existedBefore),
        ...addedDependency(symbol, cx.arches),
      }),
    );
}

const NAMED_DEPENDENCY = 60;

// The conjuncts of the symbol's dependency the series adds ("CRYPTO", "!VFIO_GROUP || …"), when
// short enough to name in a sentence, and the symbols in them the series adds to the tree.
function addedDependency(
  symbol: string,
  arches: readonly ArchRun[],
): Pick<Upgrade, 'dependsOn' | 'newSymbols' | 'added'> {
  for (const run of arches) {
    const after = run.after.symbol(symbol)?.dependsOn;
    if (after === undefined) continue;
    const before = new Set(topLevelConjuncts(run.before.symbol(symbol)?.dependsOn ?? 'y'));
    const added = topLevelConjuncts(after).filter((c) => !before.has(c) && c !== 'y');
    if (added.length === 0) continue;
    const text = added.join(' && ');
    const newSymbols = [...new Set(added.flatMap((c) => expressionSymbols(c)))]
      .filter((s) => run.before.symbol(s) === undefined && run.after.symbol(s) !== undefined)
      .sort();
    return {
      dependsOn: text.length <= NAMED_DEPENDENCY ? text : undefined,
      newSymbols,
      added: added.length,
    };
  }
  return { dependsOn: undefined, newSymbols: [], added: 0 };
}

/** What the advice rests on: the symbols that may replace a removed one, or its new dependency. */
interface Upgrade {
  readonly replacements: readonly string[];
  /** The dependency the series adds to it, when it adds one short enough to name. */
  readonly dependsOn: string | undefined;
  /** Symbols in that dependency that the series adds to the tree. */
  readonly newSymbols: readonly string[];
  /** How many conditions (top-level conjuncts) the series adds to its dependency. */
  readonly added?: number;
}

/** Why losing the value matters and what keeps it, from what the series did to the symbol. */
export function upgradeAdvice(
  symbol: string,
  from: string,
  to: string | undefined,
  facts: Upgrade,
): string {
  if (to === undefined) {
    const lose = 'Nothing tells the users who had it enabled: the kernel they build next lacks it.';
    return facts.replacements.length > 0
      ? `${lose} Keep the old name, or keep ${symbol} as it was and add \`default ${symbol}\` to ${orList(facts.replacements)}, so existing configs keep it.`
      : `${lose} If it was renamed, keep ${symbol} and add \`default ${symbol}\` to the new symbol; if it is dropped on purpose, say so in the commit message.`;
  }
  const change = `Nothing asks the users who had ${from}: the kernel they build next has ${to}.`;
  if (to === 'n' && facts.dependsOn !== undefined)
    return facts.newSymbols.length > 0
      ? `${change} If they should keep it, give ${orList(facts.newSymbols)}, which it now depends on, a default that holds in their configs; if not, say so in the commit message.`
      : `${change} It now also depends on ${facts.dependsOn}, which configs without it do not meet: if that is intended, say so in the commit message, else relax the new dependency.`;
  const added = facts.added ?? 0;
  if (to === 'n' && added > 0)
    return `${change} It now also depends on the ${added === 1 ? 'condition' : `${added} conditions`} the series adds, which those configs do not meet: if that is intended, say so in the commit message, else relax ${added === 1 ? 'it' : 'them'}.`;
  return `${change} If that is not intended, look at what the series changes in ${symbol}'s type, dependencies and selects; if it is, say so in the commit message.`;
}

function oldConfigs(run: ArchRun, cx: Pick<CheckContext, 'outputs'>): OldConfig[] {
  const olds: OldConfig[] = run.targets.map((t) => ({
    arch: run.arch,
    config: t.target,
    name: `${run.arch} ${t.target}`,
    text: t.before.config,
  }));
  for (const m of cx.outputs.filter((o) => o.arch === run.arch)) {
    m.before.forEach((output, i) => {
      olds.push({
        arch: run.arch,
        config: m.spec.name,
        name: `${run.arch} ${m.spec.name} case ${i + 1}`,
        case: i + 1,
        text: output.config,
      });
    });
  }
  return olds;
}

function finding(
  symbol: string,
  list: readonly { value: LostValue; old: OldConfig }[],
  sites: readonly SymbolSite[],
  facts: Upgrade,
): Finding {
  const removed = list.every((l) => l.value.to === undefined);
  const from = [...new Set(list.map((l) => l.value.from))].join(' or ');
  const to = [...new Set(list.map((l) => l.value.to ?? 'undefined'))].join(' or ');
  const lines = list.map(
    (l) => `  ${l.old.name}: ${l.value.from} -> ${l.value.to ?? '(no longer defined)'}`,
  );
  const observations: Observation[] = list.map((l) => ({
    arch: l.old.arch,
    config: l.old.config,
    ...(l.old.case === undefined ? {} : { case: l.old.case }),
    changes: [{ symbol, before: l.value.from, after: l.value.to ?? 'absent' }],
  }));
  const arches = [...new Set(list.map((l) => l.old.arch))].join(', ');
  return {
    check: 'lost-on-upgrade',
    severity: 'warning',
    anchor: anchorForSymbol(symbol, sites),
    title: removed
      ? `CONFIG_${symbol}=${from} is dropped on upgrade: no Kconfig defines it any more (${arches})`
      : `CONFIG_${symbol}=${from} becomes ${to} on upgrade (${arches})`,
    advice: upgradeAdvice(symbol, from, removed ? undefined : to, facts),
    detail: [
      `A .config made before the series, with ${symbol} set where its prompt was visible, run through olddefconfig after it:`,
      '',
      ...(lines.length > 12
        ? [...lines.slice(0, 12), `  ... and ${lines.length - 12} more`]
        : lines),
    ].join('\n'),
    facts: { symbols: [symbol], observations },
  };
}

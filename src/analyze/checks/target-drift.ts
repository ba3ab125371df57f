// Check 7: what the series changes in the standard targets' .config (defconfig, allnoconfig,
// allmodconfig per evaluated architecture), said symbol by symbol: "x86_64 defconfig: KERNEL_XZ
// n -> y, KERNEL_GZIP y -> n" is what a reviewer asks first of a changed default.
import type { Finding } from '../../domain/finding.ts';
import { configDiff } from '../matrix/config-diff.ts';
import { readConfigValues } from '../matrix/config-text.ts';
import type { SymbolSite } from '../matrix/touched-symbols.ts';
import { anchorForSymbols } from './anchor.ts';
import type { Check } from './context.ts';

/** One symbol whose line differs: its value before and after (undefined when absent). */
export interface Drift {
  readonly symbol: string;
  readonly before: string | undefined;
  readonly after: string | undefined;
}

/**
 * The symbols whose value differs between two .config texts, sorted. A line that appears or
 * goes as "is not set" is no change of value (absent and n read the same to the build).
 */
export function configDrift(before: string, after: string): Drift[] {
  const [b, a] = [readConfigValues(before), readConfigValues(after)];
  const symbols = [...new Set([...b.keys(), ...a.keys()])].sort();
  return symbols
    .filter((s) => (b.get(s) ?? 'n') !== (a.get(s) ?? 'n'))
    .map((symbol) => ({ symbol, before: b.get(symbol), after: a.get(symbol) }));
}

const SHOWN = 40;
const IN_TITLE = 3;

export const targetDriftCheck: Check = {
  id: 'target-drift',
  title: 'changes to defconfig, allnoconfig and allmodconfig',
  run: (cx) =>
    cx.arches.flatMap((run) =>
      run.targets.flatMap((t) =>
        targetDrift(
          `${run.arch} ${t.target}`,
          // A symbol only one tree defines is another finding's fact: new-symbol describes a
          // new one, targets and all; lost-on-upgrade and undefined-symbol a removed one.
          configDrift(t.before.config, t.after.config).filter(
            (d) =>
              run.before.symbol(d.symbol) !== undefined && run.after.symbol(d.symbol) !== undefined,
          ),
          cx.sites,
          { arch: run.arch, config: t.target },
          () => configDiff(`${run.arch} ${t.target}`, t.before.config, t.after.config),
        ),
      ),
    ),
};

/** One finding per target whose .config changed; long lists are cut at 40 lines, and say so. */
export function targetDrift(
  label: string,
  drift: readonly Drift[],
  sites: readonly SymbolSite[],
  where?: { arch: string; config: string },
  diff?: () => string | undefined,
): Finding[] {
  if (drift.length === 0) return [];
  // Made only for a target that drifted: most do not, and a diff of a .config is not free.
  const lines = diff?.();
  const value = (v: string | undefined) => v ?? 'n';
  const shown = drift
    .slice(0, SHOWN)
    .map((d) => `  CONFIG_${d.symbol}: ${d.before ?? '(absent)'} -> ${d.after ?? '(absent)'}`);
  if (drift.length > SHOWN) shown.push(`  ... and ${drift.length - SHOWN} more`);
  // The symbols the series itself changed lead the title; the rest follow from them.
  const touched = new Set(sites.map((s) => s.symbol));
  const ordered = [
    ...drift.filter((d) => touched.has(d.symbol)),
    ...drift.filter((d) => !touched.has(d.symbol)),
  ];
  const named = ordered
    .slice(0, IN_TITLE)
    .map((d) => `${d.symbol} ${value(d.before)} -> ${value(d.after)}`);
  const more = drift.length > IN_TITLE ? `, and ${drift.length - IN_TITLE} more` : '';
  return [
    {
      check: 'target-drift',
      severity: 'info',
      anchor: anchorForSymbols(
        ordered.map((d) => d.symbol),
        sites,
      ),
      title: `${label}: ${named.join(', ')}${more}`,
      detail: [`The ${label} .config before and after the series differs in:`, '', ...shown].join(
        '\n',
      ),
      ...(where === undefined
        ? {}
        : {
            facts: {
              symbols: drift.map((d) => d.symbol),
              observations: [
                {
                  ...where,
                  changes: drift.map((d) => ({
                    symbol: d.symbol,
                    before: d.before ?? 'absent',
                    after: d.after ?? 'absent',
                  })),
                },
              ],
              ...(lines === undefined ? {} : { configDiff: lines }),
            },
          }),
    },
  ];
}

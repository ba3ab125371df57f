// Check 7: what the series changes in the standard targets' .config (allnoconfig, allmodconfig,
// defconfig per architecture), as the lines that differ before → after.
import type { Finding } from '../../domain/finding.ts';
import { readConfigValues } from '../matrix/config-text.ts';
import type { SymbolSite } from '../matrix/touched-symbols.ts';
import { anchorForSymbols } from './anchor.ts';

/** One symbol whose line differs: its value before and after (undefined when absent). */
export interface Drift {
  readonly symbol: string;
  readonly before: string | undefined;
  readonly after: string | undefined;
}

/** The symbols whose assignment differs between two .config texts, sorted. */
export function configDrift(before: string, after: string): Drift[] {
  const [b, a] = [readConfigValues(before), readConfigValues(after)];
  const symbols = [...new Set([...b.keys(), ...a.keys()])].sort();
  return symbols
    .filter((s) => b.get(s) !== a.get(s))
    .map((symbol) => ({ symbol, before: b.get(symbol), after: a.get(symbol) }));
}

const SHOWN = 40;

/** One finding per target whose .config drifted; long lists are cut at 40 lines, and say so. */
export function targetDrift(
  label: string,
  drift: readonly Drift[],
  sites: readonly SymbolSite[],
): Finding[] {
  if (drift.length === 0) return [];
  const shown = drift
    .slice(0, SHOWN)
    .map((d) => `  CONFIG_${d.symbol}: ${d.before ?? '(absent)'} -> ${d.after ?? '(absent)'}`);
  if (drift.length > SHOWN) shown.push(`  ... and ${drift.length - SHOWN} more`);
  return [
    {
      check: 'target-drift',
      severity: 'info',
      anchor: anchorForSymbols(
        drift.map((d) => d.symbol),
        sites,
      ),
      title: `${label} changes ${drift.length} line${drift.length === 1 ? '' : 's'}`,
      detail: [`The ${label} .config before and after the series differs in:`, '', ...shown].join(
        '\n',
      ),
    },
  ];
}

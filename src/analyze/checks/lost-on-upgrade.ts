// Check 2: a user's .config from before the series, run through olddefconfig on the new tree.
// Values the user set to y or m that change or vanish are what an upgrade silently loses;
// newer conf reports the changed ones with KCONFIG_WARN_CHANGED_INPUT, in the same form.
import type { Finding } from '../../domain/finding.ts';
import { readConfigValues } from '../matrix/config-text.ts';
import type { SymbolSite } from '../matrix/touched-symbols.ts';
import { anchorForSymbol } from './anchor.ts';

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

/** Findings for the values lost from one old configuration (`label` says which one). */
export function lostOnUpgrade(
  label: string,
  lost: readonly LostValue[],
  sites: readonly SymbolSite[],
): Finding[] {
  return lost.map((value) => ({
    check: 'lost-on-upgrade',
    severity: 'warning',
    anchor: anchorForSymbol(value.symbol, sites),
    title:
      value.to === undefined
        ? `CONFIG_${value.symbol}=${value.from} is dropped on upgrade: no Kconfig defines it any more`
        : `CONFIG_${value.symbol}=${value.from} becomes ${value.to} on upgrade`,
    detail: [
      `The ${label}, made before the series and run through olddefconfig after it:`,
      '',
      value.to === undefined
        ? `  CONFIG_${value.symbol}: ${value.from} -> (undefined symbol, ignored)`
        : `  CONFIG_${value.symbol}: ${value.from} -> ${value.to}`,
      '',
      value.to === undefined
        ? 'Users who had it enabled lose the option silently; if it was renamed, the new symbol could default to the old one so upgrades keep working.'
        : 'conf reports this with KCONFIG_WARN_CHANGED_INPUT=1 as a user-provided value changed by Kconfig.',
    ].join('\n'),
  }));
}

// Findings are written under the diff lines they concern; these pick those lines.
import type { Anchor } from '../../domain/finding.ts';
import type { SymbolSite } from '../matrix/touched-symbols.ts';

/** The series as a whole: the summary reply to the cover letter. */
export const SERIES_ANCHOR: Anchor = {
  patch: 0,
  file: undefined,
  line: undefined,
  side: undefined,
};

/** The anchor of one symbol site. */
export function siteAnchor(site: SymbolSite): Anchor {
  return { patch: site.patch, file: site.file, line: site.line, side: site.side };
}

/**
 * Where a finding about `symbol` belongs: its `config` line on the side the series leaves
 * behind (new side first), else the last Kconfig line changed inside its entry, else any line
 * that names it, else the series as a whole.
 */
export function anchorForSymbol(symbol: string, sites: readonly SymbolSite[]): Anchor {
  const named = sites.filter((s) => s.symbol === symbol);
  const defines = named.filter((s) => s.role === 'defines');
  const header = (s: SymbolSite) => /^\s*(?:menu)?config\s/.test(s.text);
  // A symbol no changed entry defines may still be named by a changed line of another entry
  // (`select GENERIC_LIB_ASHLDI3` added to SUPERH): that line is what changed it.
  const word = new RegExp(`(^|[^A-Za-z0-9_])${symbol}($|[^A-Za-z0-9_])`);
  const mentions = sites.filter((s) => s.role === 'defines' && word.test(s.text));
  const pick =
    defines.find((s) => s.side === 'new' && header(s)) ??
    lastOf(defines.filter((s) => s.side === 'new')) ??
    defines.find(header) ??
    lastOf(defines) ??
    lastOf(named) ??
    mentions.find((s) => s.side === 'new') ??
    mentions[0];
  return pick === undefined ? SERIES_ANCHOR : siteAnchor(pick);
}

/** The first anchor of several symbols that has a line, else the series. */
export function anchorForSymbols(symbols: readonly string[], sites: readonly SymbolSite[]): Anchor {
  for (const symbol of symbols) {
    const anchor = anchorForSymbol(symbol, sites);
    if (anchor.line !== undefined) return anchor;
  }
  return SERIES_ANCHOR;
}

function lastOf<T>(items: readonly T[]): T | undefined {
  return items[items.length - 1];
}

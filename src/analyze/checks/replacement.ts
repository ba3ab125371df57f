// What a removed symbol may have been renamed to: the symbols the same patch starts to define
// with a `config` line of their own. Advice names them only when the diff shows them; a guess
// from names alone would send an author after the wrong symbol.
import type { SymbolSite } from '../matrix/touched-symbols.ts';

const HEADER = /^\s*(?:menu)?config\s+(\w+)/;

/**
 * Symbols whose `config` line the patch that removes `symbol` adds, and that `existedBefore`
 * says are new to the tree, sorted.
 */
export function replacementsOf(
  symbol: string,
  sites: readonly SymbolSite[],
  existedBefore: (symbol: string) => boolean,
): string[] {
  const removedIn = new Set(
    sites
      .filter((s) => s.symbol === symbol && s.side === 'old' && HEADER.exec(s.text)?.[1] === symbol)
      .map((s) => s.patch),
  );
  const found = new Set<string>();
  for (const s of sites) {
    if (s.side !== 'new' || s.symbol === symbol || !removedIn.has(s.patch)) continue;
    if (HEADER.exec(s.text)?.[1] !== s.symbol || existedBefore(s.symbol)) continue;
    found.add(s.symbol);
  }
  return [...found].sort();
}

/** "A", "A or B", "A, B or C": the names as a reviewer lists alternatives. */
export function orList(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

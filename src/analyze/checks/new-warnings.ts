// Check 3: Kconfig warnings (unmet direct dependencies, recursive dependencies, …) that conf
// prints after the series but not before, for the same configuration.
import type { Finding } from '../../domain/finding.ts';
import type { SymbolSite } from '../matrix/touched-symbols.ts';
import { anchorForSymbols } from './anchor.ts';

/** Splits conf's stderr into warnings: a line at column 0 starts one, indented lines continue it. */
export function warningBlocks(stderr: string): string[] {
  const blocks: string[] = [];
  for (const line of stderr.split('\n')) {
    if (line.trim() === '') continue;
    if (/^\s/.test(line) && blocks.length > 0) blocks[blocks.length - 1] += `\n${line}`;
    else blocks.push(line);
  }
  return blocks;
}

/** Warnings of `after` that `before` does not have, each once, in the order conf printed them. */
export function newWarnings(before: string, after: string): string[] {
  const known = new Set(warningBlocks(before));
  return [...new Set(warningBlocks(after))].filter((block) => !known.has(block));
}

/** Findings for new warnings seen while evaluating `label` (e.g. "x86_64 defconfig"). */
export function newWarningFindings(
  label: string,
  warnings: readonly string[],
  sites: readonly SymbolSite[],
): Finding[] {
  return warnings.map((warning) => {
    const symbols = [...warning.matchAll(/\b([A-Z][A-Z0-9_]{2,})\b/g)].map((m) => m[1] ?? '');
    const first = warning.split('\n')[0] ?? warning;
    return {
      check: 'new-kconfig-warning',
      severity: 'warning',
      anchor: anchorForSymbols(symbols, sites),
      title: `New Kconfig warning for ${label}: ${first.replace(/^WARNING:\s*/i, '')}`,
      detail: [
        `conf prints this for ${label} after the series, and did not before:`,
        '',
        ...warning.split('\n').map((l) => `  ${l}`),
      ].join('\n'),
    };
  });
}

// Check 6: a symbol the series adds or changes that no case of the matrix can enable, or that
// is y in every case, whatever was asked (forced by a select or a default without prompt).
import type { Finding } from '../../domain/finding.ts';
import type { MatrixRun } from '../../domain/matrix.ts';
import type { SymbolSite } from '../matrix/touched-symbols.ts';
import { anchorForSymbol } from './anchor.ts';

/** Findings for defined-or-changed symbols the after-matrix observed as constant. */
export function enablement(sites: readonly SymbolSite[], runs: readonly MatrixRun[]): Finding[] {
  const symbols = [
    ...new Set(sites.filter((s) => s.role === 'defines' && s.side === 'new').map((s) => s.symbol)),
  ].sort();
  const findings: Finding[] = [];
  for (const symbol of symbols) {
    const observed = runs.filter(
      (run) => run.cells.length > 0 && run.cells.every((c) => symbol in c.values),
    );
    if (observed.length === 0) continue;
    const values = observed.flatMap((run) => run.cells.map((c) => c.values[symbol]));
    const arches = observed.map((r) => r.arch).join(', ');
    if (values.every((v) => v === 'n')) {
      findings.push({
        check: 'symbol-never-enabled',
        severity: 'warning',
        anchor: anchorForSymbol(symbol, sites),
        title: `No case enables ${symbol}`,
        detail: `${symbol} is n in every case of the matrix on ${arches}, even where it is asked for: its dependencies are never met there.`,
      });
    } else if (values.every((v) => v === 'y') && observed.some((run) => run.cells.length > 1)) {
      findings.push({
        check: 'symbol-always-forced',
        severity: 'info',
        anchor: anchorForSymbol(symbol, sites),
        title: `${symbol} is y in every case`,
        detail: `${symbol} is y in every case of the matrix on ${arches}; if it is meant to be optional, something forces it.`,
      });
    }
  }
  return findings;
}

// The checks a review runs, in the order they are listed in summaries. Adding a check is one
// file under analyze/checks exporting a `Check`, and one line here.
import type { Finding } from '../../domain/finding.ts';
import { SERIES_ANCHOR } from './anchor.ts';
import { commandMacrosCheck } from './command-macros.ts';
import type { Check, CheckContext } from './context.ts';
import { alwaysForcedCheck, neverEnabledCheck } from './enablement.ts';
import { guardCombinationsCheck } from './guard-combinations.ts';
import { lostOnUpgradeCheck } from './lost-on-upgrade.ts';
import { matrixChangesCheck } from './matrix-changes.ts';
import { newSymbolCheck } from './new-symbol.ts';
import { newWarningsCheck } from './new-warnings.ts';
import { targetDriftCheck } from './target-drift.ts';
import { leftBehindCheck, undefinedInChangesCheck } from './undefined-symbols.ts';

export const CHECKS: readonly Check[] = [
  matrixChangesCheck,
  lostOnUpgradeCheck,
  newWarningsCheck,
  targetDriftCheck,
  newSymbolCheck,
  guardCombinationsCheck,
  neverEnabledCheck,
  alwaysForcedCheck,
  commandMacrosCheck,
  undefinedInChangesCheck,
  leftBehindCheck,
];

/** What running the checks gave: their findings, and the ids of the checks that ran. */
export interface CheckResults {
  readonly findings: readonly Finding[];
  readonly ran: readonly string[];
}

/**
 * Runs each check on the context. A check that throws is one `check-failed` finding naming it
 * (and is logged): one broken check must not cost the review the others' findings.
 */
export function runChecks(
  checks: readonly Check[],
  cx: CheckContext,
  log: (message: string) => void,
): CheckResults {
  const findings: Finding[] = [];
  const ran: string[] = [];
  for (const check of checks) {
    try {
      findings.push(...check.run(cx));
      if (!ran.includes(check.id)) ran.push(check.id);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      log(`check ${check.id} failed: ${reason}`);
      findings.push({
        check: 'check-failed',
        severity: 'info',
        anchor: SERIES_ANCHOR,
        title: `kreview's ${check.id} check failed; its findings are missing`,
        detail: `The check "${check.title}" stopped with: ${reason}\n\nThis is a fault in kreview, not in the series; the other checks ran.`,
        facts: { check: check.id },
      });
    }
  }
  return { findings: oneFindingPerRemoval(findings), ran };
}

/**
 * A removed or renamed symbol is one fact: users lose it on upgrade and the tree still names
 * it. The two checks that see each half are read as one finding under the removal.
 */
function oneFindingPerRemoval(findings: readonly Finding[]): Finding[] {
  const removed = (f: Finding) =>
    f.check === 'undefined-symbol' && f.facts?.references !== undefined;
  const lost = (f: Finding, symbol: string) =>
    f.check === 'lost-on-upgrade' &&
    f.facts?.symbols?.[0] === symbol &&
    f.facts.observations?.every((o) => o.changes?.[0]?.after === 'absent') === true;
  const merged = new Set<Finding>();
  const out: Finding[] = [];
  for (const f of findings) {
    const symbol = f.facts?.symbols?.[0];
    if (!removed(f) || symbol === undefined) continue;
    const upgrade = findings.find((g) => lost(g, symbol));
    if (upgrade === undefined) continue;
    merged.add(f);
    merged.add(upgrade);
    const count = f.facts?.references?.length ?? 0;
    out.push({
      ...f,
      title: `${symbol} is removed, but ${count} reference${count === 1 ? ' remains' : 's remain'}, and CONFIG_${symbol} is dropped on upgrade`,
      // The upgrade first (what users lose), then the lines left (what the tree loses).
      advice: [upgrade.advice, f.advice].filter((a) => a !== undefined).join(' '),
      detail: `${f.detail}\n\n${upgrade.detail}`,
      facts: { ...f.facts, observations: upgrade.facts?.observations ?? [] },
    });
  }
  return [...findings.filter((f) => !merged.has(f)), ...out];
}

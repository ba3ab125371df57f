// The checks that compare conf's outputs before and after for one architecture: standard
// targets (drift and new warnings), and old configurations carried over (lost on upgrade).
import type { Finding } from '../../domain/finding.ts';
import type { Kconfig } from '../kconfig/engine.ts';
import type { ConfOutput } from '../matrix/run.ts';
import type { SymbolSite } from '../matrix/touched-symbols.ts';
import { lostOnUpgrade, lostValues } from './lost-on-upgrade.ts';
import { newWarningFindings, newWarnings } from './new-warnings.ts';
import { configDrift, targetDrift } from './target-drift.ts';

const TARGETS = ['allnoconfig', 'allmodconfig', 'defconfig'] as const;

/** Drift and new warnings of allnoconfig, allmodconfig and defconfig, and what defconfig loses. */
export function standardTargets(
  arch: string,
  before: Kconfig,
  after: Kconfig,
  sites: readonly SymbolSite[],
): Finding[] {
  const findings: Finding[] = [];
  for (const target of TARGETS) {
    const [b, a] = [before.run(target), after.run(target)];
    const label = `${arch} ${target}`;
    findings.push(...targetDrift(label, configDrift(b.config, a.config), sites));
    findings.push(...newWarningFindings(label, newWarnings(b.stderr, a.stderr), sites));
  }
  findings.push(
    ...upgradeFindings(`${arch} allmodconfig`, [before.run('allmodconfig')], after, sites),
  );
  return findings;
}

/** Each old .config through olddefconfig on the new tree: the user values that do not survive. */
export function upgradeFindings(
  label: string,
  outputs: readonly Pick<ConfOutput, 'config'>[],
  after: Kconfig,
  sites: readonly SymbolSite[],
): Finding[] {
  const seen = new Set<string>();
  const findings: Finding[] = [];
  outputs.forEach((old, i) => {
    const upgraded = after.run('olddefconfig', { config: old.config }).config;
    const lost = lostValues(old.config, upgraded, (s) => after.symbol(s) !== undefined);
    const fresh = lost.filter((l) => !seen.has(`${l.symbol}:${l.from}:${l.to}`));
    for (const l of fresh) seen.add(`${l.symbol}:${l.from}:${l.to}`);
    const where = outputs.length > 1 ? `${label} ${i + 1}` : label;
    findings.push(...lostOnUpgrade(`.config of ${where}`, fresh, sites));
  });
  return findings;
}

/** New warnings of matrix cells (same order before and after), each reported once. */
export function warningFindings(
  label: string,
  before: readonly Pick<ConfOutput, 'stderr'>[],
  after: readonly Pick<ConfOutput, 'stderr'>[],
  sites: readonly SymbolSite[],
): Finding[] {
  const known = before.map((b) => b.stderr).join('\n');
  const fresh = [...new Set(after.flatMap((a) => newWarnings(known, a.stderr)))];
  return newWarningFindings(label, fresh, sites);
}

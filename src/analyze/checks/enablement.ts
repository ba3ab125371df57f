// Check 6: a symbol the series adds or changes that no configuration on an arch can enable, or
// that is on even when every option is off. Each claim rests on conf's own extremes, not on the
// matrix (whose base may simply not have set the dependencies): "never" needs allyesconfig and
// allmodconfig to leave it n, and names the dependency that blocks it; "forced" needs
// allnoconfig to leave it on, and names what forces it.
import type { Finding } from '../../domain/finding.ts';
import { readConfigValues } from '../matrix/config-text.ts';
import { topLevelConjuncts } from '../matrix/dependency-text.ts';
import type { SymbolSite } from '../matrix/touched-symbols.ts';
import { anchorForSymbol } from './anchor.ts';
import type { ArchRun, Check, CheckContext } from './context.ts';

export const neverEnabledCheck: Check = {
  id: 'symbol-never-enabled',
  title: 'symbols no configuration can enable',
  run: (cx) => neverEnabled(cx),
};

export const alwaysForcedCheck: Check = {
  id: 'symbol-always-forced',
  title: 'options that are on even in allnoconfig',
  run: (cx) => alwaysForced(cx),
};

function changedSymbols(sites: readonly SymbolSite[]): string[] {
  return [
    ...new Set(sites.filter((s) => s.role === 'defines' && s.side === 'new').map((s) => s.symbol)),
  ].sort();
}

const on = (v: string | undefined) => v === 'y' || v === 'm';

/** Symbols n in allyesconfig and allmodconfig on an arch, with a dependency that explains it. */
export function neverEnabled(cx: Pick<CheckContext, 'arches' | 'sites'>): Finding[] {
  const findings: Finding[] = [];
  for (const symbol of changedSymbols(cx.sites)) {
    const blocked: { arch: string; why: string }[] = [];
    for (const run of cx.arches) {
      const why = blocker(run, symbol);
      if (why !== undefined) blocked.push({ arch: run.arch, why });
    }
    const [first] = blocked;
    if (first === undefined) continue;
    findings.push({
      check: 'symbol-never-enabled',
      severity: 'info',
      anchor: anchorForSymbol(symbol, cx.sites),
      title: `${symbol} cannot be enabled on ${blocked.map((b) => b.arch).join(', ')}`,
      detail: [
        `${symbol} is n even in allyesconfig and allmodconfig after the series:`,
        '',
        ...blocked.map((b) => `  ${b.arch}: ${b.why}`),
        '',
        'If it is meant for these architectures, its dependencies need another look.',
      ].join('\n'),
      facts: {
        symbols: [symbol],
        observations: blocked.map((b) => ({ arch: b.arch, config: 'allyesconfig' })),
      },
    });
  }
  return findings;
}

function blocker(run: ArchRun, symbol: string): string | undefined {
  const info = run.after.symbol(symbol);
  if (info === undefined || info.inChoice === true) return undefined;
  if (info.type !== 'bool' && info.type !== 'tristate') return undefined;
  const yes = readConfigValues(run.after.run('allyesconfig').config);
  const mod = readConfigValues(run.after.run('allmodconfig').config);
  if (on(yes.get(symbol)) || on(mod.get(symbol))) return undefined;
  for (const conjunct of topLevelConjuncts(info.dependsOn)) {
    if (!/^\w+$/.test(conjunct)) continue;
    if (on(yes.get(conjunct))) continue;
    const dep = run.after.symbol(conjunct);
    if (dep === undefined)
      return `it depends on ${conjunct}, which no Kconfig defines on ${run.arch}`;
    if (dep.prompts.length === 0)
      return `it depends on ${conjunct}, which has no prompt and is n in allyesconfig on ${run.arch}`;
  }
  return undefined;
}

/** Options with a prompt that allnoconfig still leaves on, with what forces them. */
export function alwaysForced(cx: Pick<CheckContext, 'arches' | 'sites'>): Finding[] {
  const findings: Finding[] = [];
  for (const symbol of changedSymbols(cx.sites)) {
    const forced: { arch: string; value: string; by: string }[] = [];
    for (const run of cx.arches) {
      const info = run.after.symbol(symbol);
      if (info === undefined || info.prompts.length === 0 || info.inChoice === true) continue;
      const noTarget = run.targets.find((t) => t.target === 'allnoconfig');
      const value = readConfigValues(noTarget?.after.config ?? '').get(symbol);
      if (!on(value)) continue;
      const before = readConfigValues(noTarget?.before.config ?? '').get(symbol);
      if (on(before)) continue; // on before the series too: not the series' doing
      forced.push({ arch: run.arch, value: value ?? 'y', by: info.selectedBy });
    }
    const [first] = forced;
    if (first === undefined) continue;
    findings.push({
      check: 'symbol-always-forced',
      severity: 'info',
      anchor: anchorForSymbol(symbol, cx.sites),
      title: `${symbol} is ${first.value} even in allnoconfig (${forced.map((f) => f.arch).join(', ')})`,
      detail: [
        `${symbol} has a prompt, but allnoconfig after the series leaves it on${first.by === '' ? '' : `: it is selected by ${first.by}`}.`,
        'If it is meant to be optional, something forces it.',
      ].join('\n'),
      facts: {
        symbols: [symbol],
        observations: forced.map((f) => ({ arch: f.arch, config: 'allnoconfig' })),
      },
    });
  }
  return findings;
}

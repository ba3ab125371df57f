// A symbol the series adds is described as new, not as "changed from n": its type and prompt,
// what it depends on and selects, and the value each standard target gives it. That is what a
// reviewer checks of a new option: is it on by default, and does allmodconfig build it.
import type { Finding, Observation } from '../../domain/finding.ts';
import { readConfigValues } from '../matrix/config-text.ts';
import type { SymbolSite } from '../matrix/touched-symbols.ts';
import { anchorForSymbol } from './anchor.ts';
import type { Check, CheckContext } from './context.ts';

export const newSymbolCheck: Check = {
  id: 'new-symbol',
  title: 'what new symbols default to',
  run: (cx) => newSymbols(cx),
};

const SELECT = /^\s*(select|imply)\s+(\w+)/;

export function newSymbols(cx: Pick<CheckContext, 'arches' | 'sites'>): Finding[] {
  const defined = [
    ...new Set(
      cx.sites.filter((s) => s.role === 'defines' && s.side === 'new').map((s) => s.symbol),
    ),
  ].sort();
  const findings: Finding[] = [];
  for (const symbol of defined) {
    const runs = cx.arches.filter((r) => r.after.symbol(symbol) !== undefined);
    if (runs.length === 0 || runs.some((r) => r.before.symbol(symbol) !== undefined)) continue;
    const info = runs[0]?.after.symbol(symbol);
    if (info === undefined) continue;
    const observations: Observation[] = runs.flatMap((r) =>
      r.targets.map((t) => ({
        arch: r.arch,
        config: t.target,
        changes: [
          {
            symbol,
            before: 'absent',
            after: readConfigValues(t.after.config).get(symbol) ?? 'absent',
          },
        ],
      })),
    );
    const values = runs.map(
      (r) =>
        `  ${r.arch}: ${r.targets.map((t) => `${t.target} ${readConfigValues(t.after.config).get(symbol) ?? 'n'}`).join(', ')}`,
    );
    const selects = selectLines(symbol, cx.sites);
    findings.push({
      check: 'new-symbol',
      severity: 'info',
      anchor: anchorForSymbol(symbol, cx.sites),
      title: `New ${info.type} ${symbol}: ${summary(observations)}`,
      detail: [
        `${symbol} is new${info.prompts[0] === undefined ? ', without a prompt' : ` ("${info.prompts[0]}")`}; it depends on ${info.dependsOn === 'y' ? 'nothing' : info.dependsOn}${selects.length > 0 ? ` and ${selects.join(', ')}` : ''}.`,
        '',
        'Its value in the standard targets after the series:',
        ...values,
      ].join('\n'),
      facts: { symbols: [symbol], observations },
    });
  }
  return findings;
}

// "y in defconfig on x86_64, m in allmodconfig": the targets that turn it on, else "off by default".
function summary(observations: readonly Observation[]): string {
  const on = observations.filter((o) => ['y', 'm'].includes(o.changes?.[0]?.after ?? ''));
  if (on.length === 0) return 'n in every standard target';
  const by = new Map<string, string[]>();
  for (const o of on) {
    const k = `${o.changes?.[0]?.after} in ${o.config}`;
    by.set(k, [...(by.get(k) ?? []), o.arch]);
  }
  return [...by].map(([k, arches]) => `${k} (${arches.join(', ')})`).join(', ');
}

function selectLines(symbol: string, sites: readonly SymbolSite[]): string[] {
  return [
    ...new Set(
      sites
        .filter((s) => s.symbol === symbol && s.side === 'new')
        .flatMap((s) => {
          const m = SELECT.exec(s.text);
          return m === null ? [] : [`${m[1]}s ${m[2]}`];
        }),
    ),
  ];
}

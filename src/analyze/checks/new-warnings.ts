// Check 3: Kconfig warnings conf prints after the series and not before. Two kinds are the
// tree's doing and so the series': a select that forces a symbol past its direct dependencies
// (for a configuration evaluated on both sides), and a warning about the Kconfig text itself.
// Warnings about the .config read (an invalid or repeated value) are about the input kreview
// made, never the series, and are not reported.

import type { Finding, Observation } from '../../domain/finding.ts';
import type { ConfWarning } from '../kconfig/engine.ts';
import type { SymbolSite } from '../matrix/touched-symbols.ts';
import { anchorForSymbols, siteAnchor } from './anchor.ts';
import type { ArchRun, Check, CheckContext } from './context.ts';

export const newWarningsCheck: Check = {
  id: 'new-kconfig-warning',
  title: 'new Kconfig warnings',
  run: (cx) => [...unmetDependencies(cx), ...parseWarnings(cx.arches, cx.sites)],
};

/** The symbols a select of `warning.symbol` names as selecting it ("  - T [=y] && …"). */
export function selectors(warning: ConfWarning): string[] {
  return [...warning.text.matchAll(/^ {2}- (\w+)/gm)].map((m) => m[1] ?? '');
}

// Same warning, whatever values the configuration gives: which symbol, forced by which ones.
function key(w: ConfWarning): string {
  return `${w.symbol}:${selectors(w).sort().join(',')}`;
}

interface Seen {
  readonly warning: ConfWarning;
  readonly where: Observation;
}

/** Unmet-dependency warnings new after the series, one finding per forced symbol. */
export function unmetDependencies(
  cx: Pick<CheckContext, 'arches' | 'outputs' | 'sites'>,
): Finding[] {
  const fresh = new Map<string, Seen[]>();
  const add = (
    before: readonly (readonly ConfWarning[])[],
    after: readonly (readonly ConfWarning[])[],
    where: (i: number) => Observation,
  ) => {
    const known = new Set(before.flat().filter(isUnmet).map(key));
    after.forEach((warnings, i) => {
      for (const w of warnings.filter(isUnmet)) {
        if (known.has(key(w)) || w.symbol === undefined) continue;
        fresh.set(w.symbol, [...(fresh.get(w.symbol) ?? []), { warning: w, where: where(i) }]);
      }
    });
  };
  for (const run of cx.arches) {
    for (const t of run.targets)
      add([t.before.warnings], [t.after.warnings], () => ({ arch: run.arch, config: t.target }));
  }
  for (const m of cx.outputs) {
    add(
      m.before.map((o) => o.warnings),
      m.after.map((o) => o.warnings),
      (i) => ({ arch: m.arch, config: m.spec.name, case: i + 1 }),
    );
  }
  return [...fresh]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([symbol, seen]) => unmetFinding(symbol, seen, cx.sites));
}

/** `OTHER && !FOO` from conf's "  Depends on [n]: OTHER [=n] && !FOO [=y]" line, if any. */
export function unmetDependency(text: string): string | undefined {
  const line = /^\s*Depends on \[[nmy]\]: (.+)$/m.exec(text)?.[1];
  const bare = line?.replace(/ \[=[^\]]*\]/g, '').trim();
  return bare === undefined || bare === '' ? undefined : bare;
}

/** Why a select past a dependency matters and the two ways out, naming what is missing. */
export function selectAdvice(
  symbol: string,
  by: readonly string[],
  needs: string | undefined,
): string {
  const why = `A select sets ${symbol} even where its own dependencies are not met, so those configurations build ${symbol} where it was never meant to be (and may not build).`;
  const selector = by.length === 1 ? (by[0] ?? '') : 'the selecting symbols';
  if (needs === undefined)
    return `${why} Make ${selector} depend on what ${symbol} needs, or use \`depends on ${symbol}\` instead of the select.`;
  const cond = /^\w+$/.test(needs) ? needs : `(${needs})`;
  return `${why} Make ${selector} \`depends on ${needs}\`, or \`select ${symbol} if ${cond}\`.`;
}

function isUnmet(w: ConfWarning): boolean {
  return w.kind === 'unmet-dependency';
}

function unmetFinding(
  symbol: string,
  seen: readonly Seen[],
  sites: readonly SymbolSite[],
): Finding {
  const by = [...new Set(seen.flatMap((s) => selectors(s.warning)))].sort();
  const where = [
    ...new Set(
      seen.map(
        (s) =>
          `${s.where.arch} ${s.where.config}${s.where.case === undefined ? '' : ` case ${s.where.case}`}`,
      ),
    ),
  ];
  // The line to read is the select that forces it, when the series wrote that line.
  const select = sites.find(
    (s) =>
      s.side === 'new' &&
      by.includes(s.symbol) &&
      new RegExp(`^\\s*select\\s+${symbol}\\b`).test(s.text),
  );
  const [first] = seen;
  const needs = unmetDependency(first?.warning.text ?? '');
  return {
    check: 'new-kconfig-warning',
    severity: 'warning',
    anchor: select === undefined ? anchorForSymbols([...by, symbol], sites) : siteAnchor(select),
    title: `${by.join(', ')} select${by.length === 1 ? 's' : ''} ${symbol} without its dependencies (${[...new Set(seen.map((s) => s.where.arch))].join(', ')})`,
    advice: selectAdvice(symbol, by, needs),
    detail: [
      `After the series conf warns, for ${where.length === 1 ? where[0] : `${where.length} configurations (${where.slice(0, 6).join(', ')}${where.length > 6 ? ', …' : ''})`}:`,
      '',
      ...(first?.warning.text ?? '').split('\n').map((l) => `  ${l}`),
    ].join('\n'),
    facts: { symbols: [symbol, ...by], observations: seen.map((s) => s.where) },
  };
}

// A warning keeps its text when the lines above it move: compare without line numbers.
function unnumbered(text: string): string {
  return text.replace(/^([^:\s]+):\d+:/, '$1:');
}

/** Parse warnings of the patched tree that the base tree does not print, once each. */
export function parseWarnings(
  arches: readonly Pick<ArchRun, 'arch' | 'before' | 'after'>[],
  sites: readonly SymbolSite[],
): Finding[] {
  const fresh = new Map<string, string[]>();
  for (const run of arches) {
    const known = new Set(run.before.warnings.map(unnumbered));
    for (const text of run.after.warnings) {
      if (known.has(unnumbered(text))) continue;
      fresh.set(text, [...(fresh.get(text) ?? []), run.arch]);
    }
  }
  return [...fresh].map(([text, on]) => {
    const at = /^([^:\s]+):(\d+):/.exec(text);
    const file = at?.[1];
    const line = Number(at?.[2]);
    const touched = sites.find((s) => s.file === file && s.side === 'new');
    return {
      check: 'new-kconfig-warning',
      severity: 'warning',
      anchor:
        touched === undefined || file === undefined
          ? anchorForSymbols([], sites)
          : { patch: touched.patch, file, line, side: 'new' },
      title: `Kconfig warns while parsing the patched tree: ${text.replace(/^[^:\s]+:\d+:\s*/, '').replace(/^warning:\s*/, '')}`,
      advice: `conf prints it on every configuration of the tree after the series, so everyone who configures a kernel sees it. Change ${file === undefined ? 'the Kconfig' : `${file}${Number.isNaN(line) ? '' : `:${line}`}`} so conf reads it without the warning.`,
      detail: `conf prints this when it reads the Kconfig after the series (${on.join(', ')}), and did not before:\n\n  ${text}`,
      facts: { observations: on.map((arch) => ({ arch, config: 'parse' })) },
    } satisfies Finding;
  });
}

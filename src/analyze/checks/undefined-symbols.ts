// Check 4: CONFIG_ symbols that no Kconfig defines after the series, like the kernel's
// scripts/checkkconfigsymbols.py: in the lines the series adds, and anywhere in the tree for
// symbols the series removes or renames (the references it leaves behind).
import type { Finding } from '../../domain/finding.ts';
import type { Patch } from '../../domain/series.ts';
import type { TreeReference } from '../../domain/tree-reference.ts';
import { addedKconfigLines, isKconfigFile, type SymbolSite } from '../matrix/touched-symbols.ts';
import { siteAnchor } from './anchor.ts';
import type { Check } from './context.ts';
import { nearestName } from './nearest-name.ts';
import { orList, replacementsOf } from './replacement.ts';

export const undefinedInChangesCheck: Check = {
  id: 'undefined-symbol',
  title: 'references to undefined symbols',
  run: (cx) =>
    undefinedInChanges(
      [...cx.sites, ...kconfigReferences(cx.series.patches)],
      (s) => cx.tree.definedAfter.has(s),
      cx.tree.definedAfter,
    ),
};

export const leftBehindCheck: Check = {
  id: 'undefined-symbol',
  title: 'references left to removed symbols',
  run: (cx) =>
    leftBehind(cx.tree.removed, cx.tree.references, (symbol) =>
      replacementsOf(symbol, cx.sites, (s) =>
        cx.arches.some((r) => r.before.symbol(s) !== undefined),
      ),
    ),
};

// Host tools, scripts and documentation have CONFIG_ names of their own (tools/ builds define
// them itself; Documentation quotes them; scripts/kconfig/tests holds Kconfig no tree sources):
// only what the kernel's own Kconfig and sources read is held to the tree's Kconfig.
function outsideKconfig(file: string): boolean {
  if (/^(tools|Documentation)\/|^scripts\/kconfig\/tests\//.test(file)) return true;
  return file.startsWith('scripts/') && !/(^|\/)Kconfig[^/]*$/.test(file);
}

export type { TreeReference } from '../../domain/tree-reference.ts';

const KCONFIG_EXPRESSION =
  /^\s*(?:depends\s+on|select|imply|default|def_bool|def_tristate|visible\s+if|range|if)\b(.*)$/;

/** Symbols named by the expressions of the Kconfig lines a series adds. */
export function kconfigReferences(patches: readonly Patch[]): SymbolSite[] {
  return addedKconfigLines(patches).flatMap((added) => {
    const expression = KCONFIG_EXPRESSION.exec(added.text)?.[1];
    if (expression === undefined) return [];
    // Strings and macros are not symbols (a macro's arguments nest parentheses: "%rbx" in
    // $(as-instr64,…(%rbx)…) is assembler); neither are the tristate constants.
    const bare = withoutMacros(expression).replace(/"[^"]*"|'[^']*'|#.*$/g, ' ');
    return [...bare.matchAll(/\b([A-Za-z0-9_]+)\b/g)]
      .map((match) => match[1] ?? '')
      .filter((symbol) => !/^(y|m|n|if|on|[0-9]+|0x[0-9a-fA-F]+)$/.test(symbol))
      .map((symbol): SymbolSite => ({ ...added, symbol, side: 'new', role: 'tests' }));
  });
}

// A line that makes the build depend on the symbol: not documentation, a defconfig or a comment.
function isCode(ref: TreeReference): boolean {
  if (/^(Documentation|tools)\/|^arch\/[^/]+\/configs\/|\.(rst|txt|md)$/.test(ref.file))
    return false;
  return !/^\s*(\*|\/\/|\/\*)/.test(ref.text);
}

/** The text with every `$(…)` call removed, nested parentheses and all. */
export function withoutMacros(text: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '(') {
      depth++;
      i++;
    } else if (depth > 0 && text[i] === '(') depth++;
    else if (depth > 0 && text[i] === ')') {
      depth--;
      if (depth === 0) out += ' ';
    } else if (depth === 0) out += text[i];
  }
  return out;
}

// What a reference to a symbol that is always n does, by the kind of line it is on.
function effect(site: SymbolSite): string {
  if (isKconfigFile(site.file)) {
    if (/^\s*depends\s+on\b/.test(site.text)) return 'what depends on it can never be enabled';
    if (/^\s*(select|imply)\b/.test(site.text))
      return `the ${/^\s*(\w+)/.exec(site.text)?.[1]} does nothing`;
    return 'it always reads as n here';
  }
  if (/(^|\/)(Makefile|Kbuild)[^/]*$/.test(site.file)) return 'what it adds is never built';
  return 'the condition is always false';
}

/** Why an undefined reference matters and what to do, with the defined name it may be a typo of. */
export function undefinedAdvice(site: SymbolSite, near: string | undefined): string {
  const why = `An undefined symbol is always n, so ${effect(site)}.`;
  return near === undefined
    ? `${why} Correct the name, define ${site.symbol} in this series, or drop the reference.`
    : `${why} ${near} is defined and differs by a letter or two: if it is meant, use it; else define ${site.symbol} in this series or drop the reference.`;
}

/** Findings for added references to undefined symbols; `_MODULE` forms of defined ones are fine. */
export function undefinedInChanges(
  sites: readonly SymbolSite[],
  defined: (symbol: string) => boolean,
  names: Iterable<string> = [],
): Finding[] {
  const known = (symbol: string) =>
    defined(symbol) || (symbol.endsWith('_MODULE') && defined(symbol.slice(0, -7)));
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const site of sites) {
    const key = `${site.patch}:${site.file}:${site.line}:${site.symbol}`;
    if (site.side !== 'new' || site.role !== 'tests' || known(site.symbol) || seen.has(key))
      continue;
    if (outsideKconfig(site.file)) continue;
    seen.add(key);
    findings.push({
      check: 'undefined-symbol',
      severity: 'error',
      anchor: siteAnchor(site),
      title: `${site.symbol} is not defined by any Kconfig after the series`,
      advice: undefinedAdvice(site, nearestName(site.symbol, names)),
      detail: `No Kconfig file of the patched tree defines ${site.symbol}, on any architecture (the test scripts/checkkconfigsymbols.py makes).`,
    });
  }
  return findings;
}

/**
 * Findings for symbols the series stops defining but the tree still names; `references` holds
 * the tree's remaining references per symbol (found by git grep on the result).
 */
export function leftBehind(
  removedSites: readonly SymbolSite[],
  references: ReadonlyMap<string, readonly TreeReference[]>,
  replacements: (symbol: string) => readonly string[] = () => [],
): Finding[] {
  const findings: Finding[] = [];
  const done = new Set<string>();
  for (const site of removedSites) {
    // In Kconfig only an expression uses a symbol; its name in help text or a comment is prose.
    const refs = (references.get(site.symbol) ?? []).filter(
      (r) => !isKconfigFile(r.file) || KCONFIG_EXPRESSION.test(r.text),
    );
    if (done.has(site.symbol) || refs.length === 0) continue;
    done.add(site.symbol);
    const at = removalSite(site.symbol, removedSites) ?? site;
    // Code that still tests it is broken by the removal; a stale defconfig line, document or
    // comment is not, and is said as a warning.
    const inCode = refs.some((r) => isCode(r));
    const shown = refs.slice(0, 20).map((r) => `  ${r.file}:${r.line}: ${r.text.trim()}`);
    if (refs.length > 20) shown.push(`  ... and ${refs.length - 20} more`);
    findings.push({
      check: 'undefined-symbol',
      severity: inCode ? 'error' : 'warning',
      anchor: siteAnchor(at),
      title: `${site.symbol} is no longer defined, but ${refs.length} reference${refs.length === 1 ? ' remains' : 's remain'}`,
      advice: leftBehindAdvice(inCode, replacements(site.symbol)),
      detail: [
        `After the series no Kconfig defines ${site.symbol}; these lines still use it:`,
        '',
        ...shown,
      ].join('\n'),
      facts: { symbols: [site.symbol], references: refs.slice(0, 100) },
    });
  }
  return findings;
}

// Where the symbol goes: the deleted `config` line of the last patch that deletes one (an earlier
// patch may only have changed the entry), else the last patch's site.
function removalSite(symbol: string, sites: readonly SymbolSite[]): SymbolSite | undefined {
  const own = sites.filter((s) => s.symbol === symbol);
  const header = new RegExp(`^\\s*(?:menu)?config\\s+${symbol}\\b`);
  const deleted = own.filter((s) => s.side === 'old' && header.test(s.text));
  const last = (list: readonly SymbolSite[]) =>
    list.reduce<SymbolSite | undefined>(
      (a, b) => (a === undefined || b.patch >= a.patch ? b : a),
      undefined,
    );
  return last(deleted) ?? last(own);
}

// Code that tests a removed symbol is compiled out for good; a defconfig, document or comment
// that names it only misleads. Either way the patch that removes it is where to update them.
function leftBehindAdvice(inCode: boolean, replacements: readonly string[]): string {
  const to = replacements.length > 0 ? ` to ${orList(replacements)}` : '';
  return inCode
    ? `These lines test a symbol that no longer exists, so their conditions are always false. Rename them${to} or remove them in the patch that removes the symbol.`
    : `Only defconfigs, documents or comments still name it, so nothing breaks, but they name an option that no longer exists. Update them${to} in the patch that removes the symbol.`;
}

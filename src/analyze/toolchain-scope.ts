// What the recorded toolchain cannot answer, said as scope: with no rustc, no clang or no GCC
// plugins on the host, options needing them are n in every configuration kreview evaluates,
// and a series about them is reviewed only as far as that allows.
import type { ArchRun } from './checks/context.ts';
import { readConfigValues } from './matrix/config-text.ts';
import { expressionSymbols } from './matrix/dependency-text.ts';
import type { SymbolSite } from './matrix/touched-symbols.ts';

const CAPABILITIES: readonly { symbol: string; needs: string; lacks?: string }[] = [
  { symbol: 'CC_IS_CLANG', needs: 'clang' },
  { symbol: 'RUST_IS_AVAILABLE', needs: 'Rust', lacks: 'a usable Rust toolchain' },
  { symbol: 'GCC_PLUGINS', needs: 'GCC plugins', lacks: 'GCC plugins' },
];

function either(items: readonly string[], word: string): string {
  return items.length === 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} ${word} ${items.at(-1)}`;
}

/** One note on what the toolchain lacks on the first arch, and the series symbols it hides. */
export function toolchainScope(
  run: ArchRun | undefined,
  sites: readonly SymbolSite[],
): string | undefined {
  if (run === undefined) return undefined;
  const yes = readConfigValues(run.after.run('allyesconfig').config);
  const missing = CAPABILITIES.filter(
    (c) => run.after.symbol(c.symbol) !== undefined && (yes.get(c.symbol) ?? 'n') === 'n',
  );
  if (missing.length === 0) return undefined;
  const names = new Set(missing.map((m) => m.symbol));
  // A symbol of the series that depends on one of them (directly or through RUST, CC_IS_CLANG's
  // users, …) and is n even in allyesconfig is one the review cannot see switched on.
  const hidden = [
    ...new Set(sites.filter((s) => s.role === 'defines').map((s) => s.symbol)),
  ].filter((symbol) => {
    const info = run.after.symbol(symbol);
    if (info === undefined || (yes.get(symbol) ?? 'n') !== 'n') return false;
    const deps = expressionSymbols(info.dependsOn);
    return deps.some((d) => names.has(d) || d === 'RUST' || /^GCC_PLUGIN/.test(d));
  });
  const compiler = (yes.get('CC_IS_CLANG') ?? 'n') === 'n' ? 'gcc' : 'clang';
  const lacks = missing.flatMap((m) => (m.lacks === undefined ? [] : [m.lacks]));
  const needs = missing.map((m) => m.needs);
  const what = lacks.length === 0 ? compiler : `${compiler} without ${either(lacks, 'or')}`;
  return `The toolchain recorded on ${run.arch} is ${what}: options that need ${either(needs, 'or')} are n in every configuration evaluated${hidden.length > 0 ? `, so nothing is said of ${hidden.sort().join(', ')} switched on` : ''}.`;
}

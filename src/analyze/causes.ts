// Which patch of a series causes a finding. The checks compare the base with the head of the
// applied series; a finding about a symbol two patches touch would otherwise land under
// whichever patch names it first. Here each applied prefix (1, 1-2, …) is evaluated the way the
// finding's own observation was made, and the finding goes to the first prefix where it holds:
// "patch 1 changes nothing; patch 2 makes VFIO_NOIOMMU n" is then what the replies say.
import type { Finding, Observation } from '../domain/finding.ts';
import { anchorForSymbol } from './checks/anchor.ts';
import type { CheckContext } from './checks/context.ts';
import type { Kconfig } from './kconfig/engine.ts';
import { readConfigValues } from './matrix/config-text.ts';
import { isKconfigFile } from './matrix/touched-symbols.ts';

/** An applied patch and the commit the series reaches with it. */
export interface Prefix {
  readonly patch: number;
  readonly commit: string;
}

const MAX_PREFIXES = 8;
const ATTRIBUTED = new Set(['matrix-cell-changed', 'lost-on-upgrade', 'target-drift']);

/**
 * The findings, each re-anchored on the first patch whose prefix already shows it. Only runs
 * when more than one applied patch changes Kconfig; a finding it cannot re-evaluate keeps its
 * anchor.
 */
export async function attributeCauses(
  findings: readonly Finding[],
  cx: CheckContext,
  prefixes: readonly Prefix[],
  load: (commit: string, arch: string) => Promise<Kconfig>,
): Promise<Finding[]> {
  const kconfigPatches = cx.series.patches.filter((p) =>
    p.files.some((f) => isKconfigFile(f.newPath) || isKconfigFile(f.oldPath)),
  );
  // The last prefix is the head itself: only the earlier ones need evaluating.
  const earlier = prefixes.slice(0, -1);
  if (kconfigPatches.length < 2 || earlier.length === 0 || earlier.length > MAX_PREFIXES)
    return [...findings];
  const out: Finding[] = [];
  for (const finding of findings) {
    const symbol = finding.facts?.symbols?.[0];
    const seen = finding.facts?.observations?.[0];
    if (!ATTRIBUTED.has(finding.check) || symbol === undefined || seen === undefined) {
      out.push(finding);
      continue;
    }
    const cause = await firstHolding(earlier, (k) => holds(finding, symbol, seen, cx, k, load));
    const patch = cause ?? prefixes.at(-1)?.patch;
    if (patch === undefined || patch === finding.anchor.patch) {
      out.push(patch === undefined ? finding : withPatch(finding, patch));
      continue;
    }
    const site = anchorForSymbol(
      symbol,
      cx.sites.filter((s) => s.patch === patch),
    );
    const anchor =
      site.patch === patch ? site : { patch, file: undefined, line: undefined, side: undefined };
    out.push({ ...withPatch(finding, patch), anchor });
  }
  return out;
}

function withPatch(finding: Finding, patch: number): Finding {
  return { ...finding, facts: { ...finding.facts, patch } };
}

async function firstHolding(
  prefixes: readonly Prefix[],
  test: (commit: string) => Promise<boolean | undefined>,
): Promise<number | undefined> {
  for (const prefix of prefixes) {
    if ((await test(prefix.commit)) === true) return prefix.patch;
  }
  return undefined;
}

// The observation re-made on a prefix: the same conf run on the same input, and the same
// value for the symbol as after the whole series. Undefined when it cannot be re-made.
async function holds(
  finding: Finding,
  symbol: string,
  seen: Observation,
  cx: CheckContext,
  commit: string,
  load: (commit: string, arch: string) => Promise<Kconfig>,
): Promise<boolean | undefined> {
  const want = seen.changes?.find((c) => c.symbol === symbol)?.after;
  if (want === undefined) return undefined;
  const run = cx.arches.find((a) => a.arch === seen.arch);
  if (run === undefined) return undefined;
  const input = inputOf(finding, seen, cx);
  if (input === undefined) return undefined;
  const kconfig = await load(commit, seen.arch);
  const config =
    input.kind === 'target'
      ? kconfig.run(input.target).config
      : kconfig.run('olddefconfig', { config: input.config }).config;
  // Lost on upgrade to "absent" means no Kconfig defines it; in a .config, absent reads as n.
  if (finding.check === 'lost-on-upgrade' && want === 'absent')
    return kconfig.symbol(symbol) === undefined;
  const value = readConfigValues(config).get(symbol) ?? 'n';
  return value === (want === 'absent' ? 'n' : want);
}

type Input =
  | { kind: 'target'; target: 'defconfig' | 'allnoconfig' | 'allmodconfig' }
  | { kind: 'config'; config: string };

function inputOf(finding: Finding, seen: Observation, cx: CheckContext): Input | undefined {
  const target = cx.arches
    .find((a) => a.arch === seen.arch)
    ?.targets.find((t) => t.target === seen.config);
  const matrix = cx.outputs.find((o) => o.arch === seen.arch && o.spec.name === seen.config);
  const i = (seen.case ?? 0) - 1;
  if (finding.check === 'lost-on-upgrade') {
    // The old .config, upgraded on the prefix.
    if (target !== undefined) return { kind: 'config', config: target.before.config };
    const old = matrix?.before[i]?.config;
    return old === undefined ? undefined : { kind: 'config', config: old };
  }
  if (target !== undefined) return { kind: 'target', target: target.target };
  const cell = matrix?.after[i]?.input;
  return cell === undefined ? undefined : { kind: 'config', config: cell };
}

// The analysis of one applied series: matrices before and after, and every check's findings.
// Pure apart from the ports it is handed (loading a tree's Kconfig, searching a tree).

import { KreviewError } from '../domain/errors.ts';
import { compareFindings, type Finding } from '../domain/finding.ts';
import { KconfigError } from '../domain/kconfig-error.ts';
import type { MatrixReport, MatrixSpec } from '../domain/matrix.ts';
import type { Series } from '../domain/series.ts';
import { type ArchProfile, chooseArches, DEFAULT_PROFILES, label } from './arch-choice.ts';
import { attributeCauses, type Prefix } from './causes.ts';
import { SERIES_ANCHOR } from './checks/anchor.ts';
import {
  type ArchRun,
  type CheckContext,
  type MatrixOutputs,
  STANDARD_TARGETS,
  type TargetRun,
} from './checks/context.ts';
import { CHECKS, runChecks } from './checks/registry.ts';
import { configDrift } from './checks/target-drift.ts';
import type { TreeReference } from './checks/undefined-symbols.ts';
import { archesTouched } from './evaluated-arches.ts';
import type { Kconfig } from './kconfig/engine.ts';
import { blockSites } from './matrix/block-sites.ts';
import { expressionSymbols } from './matrix/dependency-text.ts';
import { deriveSpec } from './matrix/derive.ts';
import { runMatrix } from './matrix/run.ts';
import { isTreeKconfigPath, type SymbolSite, touchedSymbols } from './matrix/touched-symbols.ts';
import { toolchainScope } from './toolchain-scope.ts';

export type { MatrixOutputs } from './checks/context.ts';

/** What the analysis needs from the outside world. */
export interface ReviewPorts {
  /** The Kconfig of a commit for an architecture (cached by the caller: called often). */
  load(commit: string, arch: string): Promise<Kconfig>;
  /** Every symbol some Kconfig file of the commit defines, for any architecture. */
  definedSymbols(commit: string): Promise<ReadonlySet<string>>;
  /** Lines of the commit's tree that name each symbol (CONFIG_<symbol>, or bare in Kconfig). */
  references(
    commit: string,
    symbols: readonly string[],
  ): Promise<ReadonlyMap<string, readonly TreeReference[]>>;
  /**
   * The Kconfig of a commit with the commands its base profile cannot answer answered as
   * succeeding (never run): what the tree would be were the new commands to pass.
   */
  loadPassing?(commit: string, arch: string): Promise<Kconfig>;
  /** A file of a commit's tree, undefined when absent. */
  readFile(commit: string, path: string): Promise<string | undefined>;
  progress(message: string): void;
}

export interface ReviewRequest {
  readonly series: Series;
  readonly base: string;
  readonly head: string;
  readonly presets: readonly MatrixSpec[];
  readonly derive: boolean;
  /** Architectures to try for the derived matrix, in order; default DEFAULT_PROFILES. */
  readonly profiles?: readonly ArchProfile[];
  /** Architectures the user chose (--arch): the derived matrix runs on exactly these. */
  readonly arches?: readonly string[];
  /** The commit after each applied patch, in order: findings go to the patch that causes them. */
  readonly prefixes?: readonly Prefix[];
}

export interface Analysis {
  readonly matrices: readonly MatrixReport[];
  readonly outputs: readonly MatrixOutputs[];
  readonly findings: readonly Finding[];
  readonly notes: readonly string[];
  /** The architectures evaluated, in order, and the checks that ran. */
  readonly arches: readonly string[];
  readonly checks: readonly string[];
}

/**
 * Runs the matrices and all checks for a series applied as base..head. When the series leaves
 * Kconfig that does not parse (a syntax error, a runaway macro, or a command only the patched
 * tree runs), that is the finding, and nothing else can be evaluated.
 */
export async function analyzeSeries(request: ReviewRequest, ports: ReviewPorts): Promise<Analysis> {
  try {
    return await analyzeParsed(request, ports);
  } catch (error) {
    if (!(error instanceof KreviewError) || !KCONFIG_ERRORS.has(error.code)) throw error;
    // The base tree must parse: if it does not, nothing can be said of the series on it, and
    // nothing is blamed on it (a newer kernel's Kconfig, or one this conf itself rejects).
    const arch = request.profiles?.[0]?.arch ?? request.presets[0]?.arches[0] ?? 'x86_64';
    try {
      await ports.load(request.base, arch);
    } catch (baseError) {
      if (!(baseError instanceof KreviewError) || !KCONFIG_ERRORS.has(baseError.code))
        throw baseError;
      return {
        matrices: [],
        outputs: [],
        findings: [],
        notes: [
          `kreview cannot read this tree's Kconfig for ${arch} (${baseError instanceof KconfigError ? baseError.confText : baseError.message}), so nothing was evaluated.`,
        ],
        arches: [],
        checks: [],
      };
    }
    const sites = touchedSymbols(request.series.patches);
    return {
      matrices: [],
      outputs: [],
      findings: [unparsable(error, request.series, sites)],
      notes: [],
      arches: [],
      checks: ['kconfig-does-not-parse'],
    };
  }
}

const KCONFIG_ERRORS = new Set(['KCONFIG_PARSE', 'KCONFIG_LIMIT']);

async function analyzeParsed(request: ReviewRequest, ports: ReviewPorts): Promise<Analysis> {
  const { series, base, head } = request;
  // Kconfig no top-level Kconfig sources (scripts/kconfig/tests, Documentation) is not the tree's.
  const named = touchedSymbols(series.patches).filter((s) => isTreeKconfigPath(s.file));
  const sites = [
    ...named,
    ...(await blockSites(series.patches, named, (file) => ports.readFile(head, file))),
  ];
  const notes: string[] = [];
  // Searching the whole tree runs in git while the matrices are evaluated here.
  const search = treeSearch(sites, base, head, ports);
  search.catch(() => {}); // Awaited below; this only keeps an early failure from going unhandled.
  const baseArch = request.arches?.[0] ?? request.profiles?.[0]?.arch ?? 'x86_64';
  const touched = archesTouched(series.patches).filter((a) => a.arch !== baseArch);
  const specs = [...request.presets];
  if (request.derive) {
    const extra = request.arches === undefined ? touched.map((t) => t.arch) : [];
    const derived = await derive(request, sites, ports, notes, extra);
    if (derived !== undefined) specs.push(derived);
  }

  // Every Kconfig change runs the standard targets on the base arch, on each arch whose own
  // Kconfig or defconfigs the series touches, and on each arch a matrix runs on.
  const why = new Map<string, string>([[baseArch, 'the base architecture']]);
  for (const t of touched) if (!why.has(t.arch)) why.set(t.arch, t.why);
  for (const spec of specs)
    for (const arch of spec.arches) if (!why.has(arch)) why.set(arch, `the ${spec.name} matrix`);

  const matrices: MatrixReport[] = [];
  const outputs: MatrixOutputs[] = [];
  const arches: ArchRun[] = [];
  const unanswered = new Set<string>();
  for (const [arch, reason] of why) {
    ports.progress(`evaluating ${arch} before and after`);
    const loaded = await loadBoth(ports, base, head, arch, reason !== 'the base architecture');
    if (loaded === undefined) {
      notes.push(`${arch} (${reason}) was not evaluated: kreview cannot read its Kconfig here.`);
      continue;
    }
    const [before, after] = loaded;
    for (const command of after.unansweredCommands) {
      if (!before.unansweredCommands.includes(command)) unanswered.add(command);
    }
    for (const spec of specs.filter((s) => s.arches.includes(arch))) {
      const defconfig = spec.base.defconfigs[arch];
      if (defconfig !== undefined)
        await Promise.all([before.loadDefconfig(defconfig), after.loadDefconfig(defconfig)]);
      const [b, a] = [runMatrix(spec, arch, before), runMatrix(spec, arch, after)];
      matrices.push({ spec, arch, before: b.run, after: a.run });
      outputs.push({ spec, arch, before: b.outputs, after: a.outputs });
    }
    const targets = standardTargets(before, after, arch, notes);
    arches.push({ arch, why: reason, before, after, targets });
  }
  if (arches.length > 0)
    notes.push(
      `Evaluated on ${arches.map((a) => `${a.arch} (${a.why})`).join(', ')}: defconfig, allnoconfig and allmodconfig before and after${matrices.length > 0 ? ', and the matrices below' : ''}.`,
    );

  const scope = toolchainScope(arches[0], sites);
  if (scope !== undefined) notes.push(scope);
  const tools = kconfigToolFiles(series);
  if (tools.length > 0)
    notes.push(
      `This series changes the Kconfig tools themselves (${tools.join(', ')}): kreview reads each tree with its own engine and the language rules it knows, not with the patched conf, so what the new code does is not evaluated.`,
    );

  const cx: CheckContext = {
    series,
    base,
    head,
    sites,
    arches,
    matrices,
    outputs,
    unansweredCommands: [...unanswered].sort(),
    tree: await search,
  };
  const results = runChecks(CHECKS, cx, ports.progress);
  const unsure = await commandDependent(arches, head, ports);
  if (unsure.size > 0)
    notes.push(
      `kreview does not run the commands this series adds to Kconfig; what ${[...unsure].sort().join(', ')} come to depends on them, so nothing is claimed about ${unsure.size === 1 ? 'it' : 'them'}.`,
    );
  const claimed = results.findings.filter((f) => !dependsOnCommands(f, unsure));
  const attributed = await attributeCauses(claimed, cx, request.prefixes ?? [], (c, a) =>
    ports.load(c, a),
  );
  return {
    matrices,
    outputs,
    findings: dedupe(attributed),
    notes,
    arches: arches.map((a) => a.arch),
    checks: results.ran,
  };
}

// scripts/kconfig's C, lexer and parser sources (its tests are Kconfig files, not the tool).
function kconfigToolFiles(series: Series): string[] {
  const paths = series.patches.flatMap((p) => p.files.map((f) => f.newPath));
  return [...new Set(paths.filter((p) => /^scripts\/kconfig\/[^/]+\.[chly]$/.test(p)))].sort();
}

const VALUE_CHECKS = new Set([
  'matrix-cell-changed',
  'lost-on-upgrade',
  'new-kconfig-warning',
  'target-drift',
  'new-symbol',
  'symbol-never-enabled',
  'symbol-always-forced',
  'guard-combinations',
]);

function dependsOnCommands(finding: Finding, unsure: ReadonlySet<string>): boolean {
  if (!VALUE_CHECKS.has(finding.check)) return false;
  return (finding.facts?.symbols ?? []).some((s) => unsure.has(s));
}

// A command only the patched Kconfig runs is evaluated as failing. Where the standard targets
// give a symbol another value with those commands passing, its value is the toolchain's, not
// the series': no value claim about it is one conf would confirm.
async function commandDependent(
  arches: readonly ArchRun[],
  head: string,
  ports: ReviewPorts,
): Promise<Set<string>> {
  const unsure = new Set<string>();
  for (const run of arches) {
    if (ports.loadPassing === undefined) break;
    if (!run.after.unansweredCommands.some((c) => !run.before.unansweredCommands.includes(c)))
      continue;
    const passing = await ports.loadPassing(head, run.arch);
    for (const t of run.targets) {
      const other = passing.run(t.target).config;
      for (const d of configDrift(t.after.config, other)) unsure.add(d.symbol);
    }
  }
  return unsure;
}

// A tree without what a target reads (no arch/$SRCARCH/configs/defconfig, say) is evaluated on
// the other targets, and the note says so.
function standardTargets(
  before: Kconfig,
  after: Kconfig,
  arch: string,
  notes: string[],
): TargetRun[] {
  const runs: TargetRun[] = [];
  for (const target of STANDARD_TARGETS) {
    try {
      runs.push({ target, before: before.run(target), after: after.run(target) });
    } catch (error) {
      if (!(error instanceof KreviewError) || error.code !== 'INPUT_NOT_FOUND') throw error;
      notes.push(`${target} was not evaluated on ${arch}: ${error.message}.`);
    }
  }
  return runs;
}

// The base arch must load (its failure is the environment's); another arch that kreview cannot
// read is a note, not a failed review.
async function loadBoth(
  ports: ReviewPorts,
  base: string,
  head: string,
  arch: string,
  optional: boolean,
): Promise<[Kconfig, Kconfig] | undefined> {
  let before: Kconfig;
  try {
    before = await ports.load(base, arch);
  } catch (error) {
    if (optional && error instanceof KreviewError) return undefined;
    throw error;
  }
  return [before, await ports.load(head, arch)];
}

async function derive(
  request: ReviewRequest,
  sites: readonly SymbolSite[],
  ports: ReviewPorts,
  notes: string[],
  extraArches: readonly string[],
): Promise<MatrixSpec | undefined> {
  const profiles = request.profiles ?? DEFAULT_PROFILES;
  const first = request.arches?.[0] ?? profiles[0]?.arch ?? 'x86_64';
  const [before, after] = [
    await ports.load(request.base, first),
    await ports.load(request.head, first),
  ];
  // Dependencies nobody can set (no prompt) are what differs between architectures.
  const changed = [...new Set(sites.filter((s) => s.role === 'defines').map((s) => s.symbol))];
  const fixed = [
    ...new Set(
      changed.flatMap((s) =>
        [before.symbol(s), after.symbol(s)].flatMap((i) =>
          i === undefined ? [] : expressionSymbols(i.dependsOn),
        ),
      ),
    ),
  ].filter((s) => {
    const info = after.symbol(s) ?? before.symbol(s);
    return (
      info !== undefined &&
      info.prompts.length === 0 &&
      (info.type === 'bool' || info.type === 'tristate')
    );
  });
  const { chosen, reason } =
    request.arches === undefined
      ? await chooseArches(
          fixed,
          profiles,
          async (p) => {
            // A profile this tree cannot evaluate (no such arch or defconfig) is not a candidate.
            try {
              const k = await ports.load(request.head, p.arch);
              if (p.defconfig !== undefined) await k.loadDefconfig(p.defconfig);
              return k.run('defconfig', p.defconfig === undefined ? {} : { defconfig: p.defconfig })
                .config;
            } catch (error) {
              if (error instanceof KreviewError && p !== profiles[0]) return undefined;
              throw error;
            }
          },
          2,
        )
      : {
          chosen: request.arches.map((arch) => ({ arch, defconfig: undefined })),
          reason: 'chosen with --arch',
        };
  // An arch whose own Kconfig the series changes is one the matrix must see.
  for (const arch of extraArches) {
    if (chosen.length >= 3) break;
    if (!chosen.some((p) => p.arch === arch)) chosen.push({ arch, defconfig: undefined });
  }
  const defconfigs = Object.fromEntries(
    chosen.flatMap((p) => (p.defconfig === undefined ? [] : [[p.arch, p.defconfig]])),
  );
  const spec = deriveSpec(sites, before, after, {
    arches: chosen.map((p) => p.arch),
    defconfigs,
    maxAxes: 4,
    maxObserved: 16,
  });
  if (spec === undefined) return undefined;
  // The promptless dependencies that differ between arches are what a title must name
  // ("on arches with GENERIC_ATOMIC64"): every cell reports them.
  const observe = [...new Set([...spec.observe, ...fixed])];
  notes.push(`Derived matrix on ${chosen.map(label).join(', ')} (${reason}).`, ...spec.notes);
  return { ...spec, observe };
}

async function treeSearch(
  sites: readonly SymbolSite[],
  base: string,
  head: string,
  ports: ReviewPorts,
): Promise<CheckContext['tree']> {
  const [definedBefore, definedAfter] = await Promise.all([
    ports.definedSymbols(base),
    ports.definedSymbols(head),
  ]);
  const removed = sites.filter(
    (s) => s.role === 'defines' && definedBefore.has(s.symbol) && !definedAfter.has(s.symbol),
  );
  const references = await ports.references(
    head,
    [...new Set(removed.map((s) => s.symbol))].sort(),
  );
  return { definedAfter, removed, references };
}

// Anchored at the file and line the error names when the series touches that file.
function unparsable(error: KreviewError, series: Series, sites: readonly SymbolSite[]): Finding {
  const message = error instanceof KconfigError ? error.confText : error.message;
  const { file, line } =
    error instanceof KconfigError ? error : { file: undefined, line: undefined };
  const patch = [...series.patches].reverse().find((p) => p.files.some((f) => f.newPath === file));
  const anchor =
    patch === undefined || file === undefined || line === undefined
      ? sites[0] === undefined
        ? SERIES_ANCHOR
        : { ...SERIES_ANCHOR, patch: sites[0].patch }
      : { patch: patch.index, file, line, side: 'new' as const };
  return {
    check: 'kconfig-does-not-parse',
    severity: 'error',
    anchor,
    title: 'Kconfig does not parse after the series',
    advice: `Every make *config stops there, so nobody can configure a kernel with the series. Fix ${file === undefined ? 'the line conf names' : `${file}${line === undefined ? '' : `:${line}`}`}.`,
    detail: `Reading the Kconfig of the patched tree stops with: ${message}\n\nNo configuration could be evaluated after the series.`,
  };
}

function dedupe(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return [...findings].sort(compareFindings).filter((f) => {
    const key = JSON.stringify([f.check, f.anchor, f.title]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

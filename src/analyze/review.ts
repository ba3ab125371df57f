// The analysis of one applied series: matrices before and after, and every check's findings.
// Pure apart from the ports it is handed (loading a tree's Kconfig, searching a tree).

import { KreviewError } from '../domain/errors.ts';
import { compareFindings, type Finding } from '../domain/finding.ts';
import type { MatrixReport, MatrixSpec } from '../domain/matrix.ts';
import type { Series } from '../domain/series.ts';
import { type ArchProfile, chooseArches, DEFAULT_PROFILES, label } from './arch-choice.ts';
import { SERIES_ANCHOR } from './checks/anchor.ts';
import { commandMacros } from './checks/command-macros.ts';
import { enablement } from './checks/enablement.ts';
import { guardCombinations } from './checks/guard-combinations.ts';
import { matrixChanges } from './checks/matrix-changes.ts';
import { standardTargets, upgradeFindings, warningFindings } from './checks/per-arch.ts';
import {
  kconfigReferences,
  leftBehind,
  type TreeReference,
  undefinedInChanges,
} from './checks/undefined-symbols.ts';
import type { Kconfig } from './kconfig/engine.ts';
import { expressionSymbols } from './matrix/dependency-text.ts';
import { deriveSpec } from './matrix/derive.ts';
import { type ConfOutput, runMatrix } from './matrix/run.ts';
import { type SymbolSite, touchedSymbols } from './matrix/touched-symbols.ts';

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
}

/** The conf outputs behind a matrix report, cell by cell (for the oracle tests and checks). */
export interface MatrixOutputs {
  readonly spec: MatrixSpec;
  readonly arch: string;
  readonly before: readonly ConfOutput[];
  readonly after: readonly ConfOutput[];
}

export interface Analysis {
  readonly matrices: readonly MatrixReport[];
  readonly outputs: readonly MatrixOutputs[];
  readonly findings: readonly Finding[];
  readonly notes: readonly string[];
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
    // The base tree must parse: if it does not, the environment is broken, not the series.
    const arch = request.profiles?.[0]?.arch ?? request.presets[0]?.arches[0] ?? 'x86_64';
    await ports.load(request.base, arch);
    const sites = touchedSymbols(request.series.patches);
    return {
      matrices: [],
      outputs: [],
      findings: [unparsable(error, request.series, sites)],
      notes: [],
    };
  }
}

const KCONFIG_ERRORS = new Set(['KCONFIG_PARSE', 'KCONFIG_LIMIT']);

/** The checks an analysis of an applied tree runs (`evaluated.checks` in the JSON). */
export const ANALYSIS_CHECKS: readonly string[] = [
  'matrix-cell-changed',
  'lost-on-upgrade',
  'new-kconfig-warning',
  'target-drift',
  'guard-combinations',
  'symbol-never-enabled',
  'symbol-always-forced',
  'command-macro-added',
  'undefined-symbol',
  'kconfig-does-not-parse',
];

async function analyzeParsed(request: ReviewRequest, ports: ReviewPorts): Promise<Analysis> {
  const { series, base, head } = request;
  const sites = touchedSymbols(series.patches);
  const notes: string[] = [];
  // Searching the whole tree runs in git while the matrices are evaluated here.
  const leftovers = removedSymbols(sites, base, head, ports);
  leftovers.catch(() => {}); // Awaited below; this only keeps an early failure from going unhandled.
  const specs = [...request.presets];
  if (request.derive) {
    const derived = await derive(request, sites, ports, notes);
    if (derived !== undefined) specs.push(derived);
  }

  const findings: Finding[] = [];
  const matrices: MatrixReport[] = [];
  const outputs: MatrixOutputs[] = [];
  const arches = [...new Set(specs.flatMap((s) => s.arches))];
  const unanswered = new Set<string>();
  for (const arch of arches) {
    ports.progress(`evaluating ${arch} before and after`);
    const [before, after] = [await ports.load(base, arch), await ports.load(head, arch)];
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
      findings.push(...upgradeFindings(`${arch} ${spec.name} case`, b.outputs, after, sites));
      findings.push(...warningFindings(`${arch} ${spec.name}`, b.outputs, a.outputs, sites));
    }
    findings.push(...standardTargets(arch, before, after, sites));
  }

  findings.push(...matrixChanges(matrices, sites));
  const afterRuns = matrices.map((m) => m.after);
  findings.push(...guardCombinations(sites, afterRuns));
  findings.push(...enablement(sites, afterRuns));
  findings.push(...commandMacros(series.patches, [...unanswered].sort()));

  const { definedAfter, removed, references } = await leftovers;
  findings.push(
    ...undefinedInChanges([...sites, ...kconfigReferences(series.patches)], (s) =>
      definedAfter.has(s),
    ),
  );
  findings.push(...leftBehind(removed, references));
  return { matrices, outputs, findings: dedupe(findings), notes };
}

async function derive(
  request: ReviewRequest,
  sites: readonly SymbolSite[],
  ports: ReviewPorts,
  notes: string[],
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
            const k = await ports.load(request.head, p.arch);
            if (p.defconfig !== undefined) await k.loadDefconfig(p.defconfig);
            return k.run('defconfig', p.defconfig === undefined ? {} : { defconfig: p.defconfig })
              .config;
          },
          2,
        )
      : {
          chosen: request.arches.map((arch) => ({ arch, defconfig: undefined })),
          reason: 'chosen with --arch',
        };
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
  notes.push(`Derived matrix on ${chosen.map(label).join(', ')} (${reason}).`, ...spec.notes);
  return spec;
}

async function removedSymbols(
  sites: readonly SymbolSite[],
  base: string,
  head: string,
  ports: ReviewPorts,
) {
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
  const message = error.message.replace(/^Cannot [^:]*: /, '');
  const at = /([\w./+-]*Kconfig[\w.+-]*):(\d+)/.exec(message);
  const file = at?.[1];
  const patch = [...series.patches].reverse().find((p) => p.files.some((f) => f.newPath === file));
  const anchor =
    patch === undefined || file === undefined
      ? sites[0] === undefined
        ? SERIES_ANCHOR
        : { ...SERIES_ANCHOR, patch: sites[0].patch }
      : { patch: patch.index, file, line: Number(at?.[2]), side: 'new' as const };
  return {
    check: 'kconfig-does-not-parse',
    severity: 'error',
    anchor,
    title: 'Kconfig does not parse after the series',
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

// One differential case: ask the kernel's conf (through the cached oracle) and the engine the same
// question, and describe where their answers differ.
import {
  CONF_TARGETS,
  type ConfResult,
  type ConfTarget,
  type Kconfig,
} from '../../src/analyze/kconfig/engine.ts';
import type { NamedDefconfig } from './conf-runner.ts';
import { describeDifference, describeDifferences, type Stream } from './first-difference.ts';
import { withoutHostToolchain, withoutMergeConfig } from './make-output.ts';
import type { Oracle, OracleCase, OracleResult, OracleTarget } from './oracle-cache.ts';

/** The architectures the engine is proven on. */
export const DIFFERENTIAL_ARCHES = ['x86_64', 'arm64', 'arm', 'riscv'] as const;

/** Every target, in the order reports list them. */
export const DIFFERENTIAL_TARGETS: readonly OracleTarget[] = CONF_TARGETS;

/** What is compared: the written file and conf's stderr (its warnings) and stdout (messages). */
export const COMPARED_STREAMS: readonly Stream[] = ['config', 'stderr', 'stdout'];

/**
 * A hand-edited .config that makes conf warn while reading it (no standard target or random
 * configuration of 6.12 makes conf print anything on stderr on these arches): values invalid for
 * their type, an unterminated string, a symbol assigned twice, an unknown symbol, a value out of
 * range, two members of one choice, a hex value for an int, an unquoted string.
 */
export const EDITED_CONFIG = [
  'CONFIG_NR_CPUS=abc',
  'CONFIG_MODULES=m',
  'CONFIG_LOCALVERSION="abc',
  'CONFIG_SMP=y',
  '# CONFIG_SMP is not set',
  'CONFIG_NOT_A_SYMBOL=y',
  'CONFIG_LOG_BUF_SHIFT=99',
  'CONFIG_HZ_100=y',
  'CONFIG_HZ_250=y',
  'CONFIG_KERNEL_GZIP=y',
  'CONFIG_KERNEL_XZ=y',
  'CONFIG_PANIC_TIMEOUT=0x10',
  'CONFIG_DEFAULT_HOSTNAME=unquoted',
  'CONFIG_64BIT=m',
  'CONFIG_PHYSICAL_START=0xzz',
  '',
].join('\n');

/**
 * The cases of one arch: every target, an edited .config, the named defconfigs given, then for
 * each of `seeds` seeds conf's random configuration as is, thinned to about half of its
 * assignments, and minimised by savedefconfig.
 */
export function differentialCases(
  seeds: number,
  defconfigs: readonly NamedDefconfig[] = [],
): OracleCase[] {
  const cases: OracleCase[] = DIFFERENTIAL_TARGETS.map((target) => ({ kind: 'target', target }));
  cases.push({ kind: 'olddefconfig', input: EDITED_CONFIG, label: 'edited' });
  for (const name of defconfigs) cases.push({ kind: 'defconfig', name });
  for (let seed = 1; seed <= seeds; seed++) {
    cases.push(
      { kind: 'random', seed },
      { kind: 'random', seed, variant: 'thin' },
      { kind: 'random', seed, variant: 'savedefconfig' },
    );
  }
  return cases;
}

/** The name a case goes by in test names, reports and known-differences.json: "arm64 seed-7". */
export function caseName(arch: string, c: OracleCase): string {
  if (c.kind === 'target') return `${arch} ${c.target}`;
  if (c.kind === 'defconfig') return `${arch} ${c.name}`;
  if (c.kind === 'random')
    return `${arch} seed-${c.seed}${c.variant === undefined ? '' : `-${c.variant}`}`;
  return `${arch} olddefconfig-${c.label ?? 'given'}`;
}

/** The kind of a case, for the per-target agreement table. */
export function caseKind(c: OracleCase): string {
  if (c.kind === 'target') return c.target;
  if (c.kind === 'defconfig') return 'named defconfigs';
  if (c.kind === 'random') return c.variant === undefined ? 'random' : `random, ${c.variant}`;
  return c.label?.startsWith('warn-') === true ? `made to warn (${c.label})` : 'edited .config';
}

/** Every kind, in the order the agreement table lists them. */
export const CASE_KINDS: readonly string[] = [
  ...DIFFERENTIAL_TARGETS,
  'edited .config',
  'made to warn (warn-values)',
  'named defconfigs',
  'random',
  'random, thin',
  'random, savedefconfig',
];

/** Runs the engine on the same input conf was given for `c`. */
export function runEngine(kconfig: Kconfig, c: OracleCase, oracle: OracleResult): ConfResult {
  if (c.kind === 'defconfig') return kconfig.run('defconfig', { defconfig: c.name });
  if (c.kind === 'random' && c.variant === 'savedefconfig') {
    return kconfig.run('savedefconfig', { config: oracle.input });
  }
  if (c.kind === 'random' || c.kind === 'olddefconfig') {
    return kconfig.run('olddefconfig', { config: oracle.input });
  }
  const target: ConfTarget = c.target;
  if (target === 'olddefconfig') return kconfig.run('olddefconfig', { config: '' });
  if (target === 'savedefconfig') return kconfig.run('savedefconfig', { config: oracle.input });
  // defconfig without a name: the engine must find KBUILD_DEFCONFIG itself, as make does.
  return kconfig.run(target);
}

/** The outcome of one case: agreement, or the first difference of each stream that differs. */
export interface CaseOutcome {
  readonly name: string;
  readonly agrees: boolean;
  /** make could not run conf on this case here: not compared, counted apart (make's message). */
  readonly confFailed?: string;
  readonly differences: readonly string[];
  readonly engineMs: number;
  readonly oracleCached: boolean;
}

/** Compares the engine with conf on one case; an engine exception counts as a difference. */
export async function compareCase(
  oracle: Oracle,
  kconfig: Kconfig,
  arch: string,
  c: OracleCase,
): Promise<CaseOutcome> {
  const want = await oracle.run(arch, c);
  const name = caseName(arch, c);
  if (want.failed !== undefined) {
    return {
      name,
      agrees: false,
      confFailed: want.failed,
      differences: [],
      engineMs: 0,
      oracleCached: want.cached,
    };
  }
  const started = performance.now();
  let got: ConfResult;
  try {
    got = runEngine(kconfig, c, want);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const engineMs = performance.now() - started;
    return {
      name,
      agrees: false,
      differences: [`engine threw: ${text}`],
      engineMs,
      oracleCached: want.cached,
    };
  }
  const engineMs = performance.now() - started;
  // make's own output around conf (merge_config.sh, the host compiler on the arch Makefile)
  const confOnly = {
    config: want.config,
    stdout: withoutMergeConfig(want.stdout),
    stderr: withoutHostToolchain(want.stderr),
  };
  const differences = describeDifferences(confOnly, got, COMPARED_STREAMS);
  // conf's randconfig output is the case's input: the engine must draw the same configuration
  // from the same KCONFIG_SEED (glibc's random(), random-config.ts).
  if (c.kind === 'random' && c.variant === undefined) {
    const drawn = kconfig.run('randconfig', { seed: c.seed }).config;
    const d = describeDifference('config', want.input, drawn);
    if (d !== undefined) differences.push(`randconfig: ${d}`);
  }
  return {
    name,
    agrees: differences.length === 0,
    differences,
    engineMs,
    oracleCached: want.cached,
  };
}

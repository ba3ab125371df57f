// The full differential run: the kreview engine against the kernel's own conf on the 6.12 tree:
// every target, an edited .config, every named defconfig and N random configurations (each as
// is, thinned and minimised) per arch, printing the agreement per arch and per kind of case and
// the first difference of each disagreement.
//
//   npm run kconfig:differential -- [--seeds 50] [--arch x86_64,arm64] [--defconfigs all|N] [--jobs 2]
//
// conf's answers are cached under ~/.cache/kreview/oracle, so only the first run pays for make.
import path from 'node:path';
import process from 'node:process';
import { parseArgs } from 'node:util';
import type { Kconfig } from '../src/analyze/kconfig/engine.ts';
import { namedDefconfigs, spread } from '../src/oracle/defconfigs.ts';
import {
  CASE_KINDS,
  type CaseOutcome,
  caseKind,
  caseName,
  compareCase,
  DIFFERENTIAL_ARCHES,
  differentialCases,
} from '../src/oracle/differential.ts';
import { openEngine } from '../src/oracle/engine-for-tree.ts';
import { kernelSetup } from '../src/oracle/kernel-setup.ts';
import { mapLimit } from '../src/oracle/map-limit.ts';
import { type OracleCase, openOracle } from '../src/oracle/oracle-cache.ts';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: process.env.KREVIEW_DIFF_SEEDS ?? '50' },
    arch: { type: 'string', default: DIFFERENTIAL_ARCHES.join(',') },
    defconfigs: { type: 'string', default: 'all' },
    jobs: { type: 'string', default: '2' },
  },
});
const seeds = Number.parseInt(values.seeds, 10);
const arches = values.arch.split(',').filter((a) => a !== '');
const jobs = Number.parseInt(values.jobs, 10);
const log = (line: string) => process.stderr.write(`${line}\n`);

const repoRoot = path.resolve(import.meta.dirname, '..');
const { tree } = await kernelSetup(repoRoot);
const oracle = await openOracle(tree);
const cases = new Map<string, OracleCase[]>();
for (const arch of arches) {
  const all = await namedDefconfigs(tree, arch);
  const named =
    values.defconfigs === 'all' ? all : spread(all, Number.parseInt(values.defconfigs, 10));
  cases.set(arch, differentialCases(seeds, named));
}
const casesOf = (arch: string) => cases.get(arch) ?? [];
log(
  `kconfig-differential: tree ${oracle.commit}, ${arches.map((a) => `${a} (${casesOf(a).length} cases)`).join(', ')}`,
);

// conf first (make is the slow part, a few arches in parallel), then the engine, one arch at a time.
let ran = 0;
const warmStart = performance.now();
await mapLimit(arches, jobs, async (arch) => {
  for (const c of casesOf(arch)) {
    const r = await oracle.run(arch, c).catch((error: unknown) => {
      log(`conf failed on ${caseName(arch, c)}: ${String(error)}`);
      return undefined;
    });
    if (r !== undefined && !r.cached) ran++;
  }
});
const warmS = ((performance.now() - warmStart) / 1000).toFixed(1);
log(`conf: ${ran} cases run with make in ${warmS} s, the rest cached`);

const outcomes = new Map<string, CaseOutcome[]>();
const byKind = new Map<string, { agree: number; total: number }>();
for (const arch of arches) {
  const started = performance.now();
  let kconfig: Kconfig | undefined;
  let loadError = '';
  try {
    const defconfigs = casesOf(arch).flatMap((c) => (c.kind === 'defconfig' ? [c.name] : []));
    kconfig = await openEngine(tree, arch, { defconfigs });
    log(`engine: ${arch} loaded in ${(performance.now() - started).toFixed(0)} ms`);
  } catch (error) {
    loadError = error instanceof Error ? error.message : String(error);
    log(`engine failed to load ${arch}: ${loadError}`);
  }
  const list: CaseOutcome[] = [];
  for (const c of casesOf(arch)) {
    const failed = (why: string): CaseOutcome => ({
      name: caseName(arch, c),
      agrees: false,
      differences: [why],
      engineMs: 0,
      oracleCached: true,
    });
    const outcome =
      kconfig === undefined
        ? failed(`engine did not load: ${loadError}`)
        : await compareCase(oracle, kconfig, arch, c).catch((error: unknown) =>
            failed(`conf failed: ${String(error)}`),
          );
    list.push(outcome);
    const k = byKind.get(caseKind(c)) ?? { agree: 0, total: 0 };
    k.total++;
    if (outcome.agrees) k.agree++;
    byKind.set(caseKind(c), k);
  }
  outcomes.set(arch, list);
}

const out: string[] = [];
out.push(
  `kconfig differential: kreview engine vs conf of ${oracle.commit.slice(0, 12)} (Linux 6.12)`,
);
out.push(
  `compared: .config bytes, conf's stderr, conf's stdout; ${seeds} random configurations per arch, each as is, thinned and minimised`,
);
out.push('');
out.push('Disagreements (first difference of each stream):');
let disagreements = 0;
for (const list of outcomes.values()) {
  for (const o of list) {
    if (o.agrees) continue;
    disagreements++;
    out.push(`- ${o.name}`);
    for (const d of o.differences) out.push(...d.split('\n').map((l) => `    ${l}`));
  }
}
if (disagreements === 0) out.push('  (none)');
out.push('');
out.push('Agreement per arch:');
let agreeAll = 0;
let totalAll = 0;
for (const [arch, list] of outcomes) {
  const agree = list.filter((o) => o.agrees).length;
  agreeAll += agree;
  totalAll += list.length;
  const ms = list.map((o) => o.engineMs).sort((a, b) => a - b);
  const median = ms[Math.floor(ms.length / 2)] ?? 0;
  out.push(
    `  ${arch.padEnd(8)} ${String(agree).padStart(4)}/${list.length}  (engine median ${median.toFixed(1)} ms per run)`,
  );
}
out.push('Agreement per kind of case (all arches):');
for (const k of CASE_KINDS) {
  const v = byKind.get(k);
  if (v !== undefined) out.push(`  ${k.padEnd(22)} ${String(v.agree).padStart(4)}/${v.total}`);
}
out.push(`Total: ${agreeAll}/${totalAll} cases agree`);
process.stdout.write(`${out.join('\n')}\n`);

// The full differential run: the kreview engine against the kernel's own conf, on both trees
// (6.12 and 7.3) × every ARCH of each: every target, an edited .config, .configs made to warn,
// every named defconfig and N random configurations (each as is, thinned and minimised), printing
// a table per tree × arch and the first difference of each disagreement.
//
//   npm run kconfig:differential -- [--tree 6.12,7.3] [--arch all|x86_64,um] [--seeds 2]
//       [--kinds targets,edited,warn,defconfigs,random] [--defconfigs all|N] [--jobs 2] [--conf-only]
//
// conf's answers are cached under ~/.cache/kreview/oracle, so only the first run pays for make
// (~2.5 s per case here). Run it under `nice -n 10` on a shared machine.
import path from 'node:path';
import process from 'node:process';
import { parseArgs } from 'node:util';
import type { Kconfig } from '../src/analyze/kconfig/engine.ts';
import { pickArches, type TreeArch, treeArches } from '../tools/oracle/arches.ts';
import { makeDefconfigTargets, spread } from '../tools/oracle/defconfigs.ts';
import {
  CASE_KINDS,
  type CaseOutcome,
  caseKind,
  caseName,
  compareCase,
  differentialCases,
} from '../tools/oracle/differential.ts';
import { openEngine } from '../tools/oracle/engine-for-tree.ts';
import { kernelSetup } from '../tools/oracle/kernel-setup.ts';
import { mapLimit } from '../tools/oracle/map-limit.ts';
import { type OracleCase, openOracle } from '../tools/oracle/oracle-cache.ts';
import { differentialTable } from '../tools/oracle/table.ts';
import { warningCases } from '../tools/oracle/warning-configs.ts';

const KINDS = ['targets', 'edited', 'warn', 'defconfigs', 'random'] as const;
const { values } = parseArgs({
  options: {
    tree: { type: 'string', default: '6.12,7.3' },
    arch: { type: 'string', default: 'all' },
    seeds: { type: 'string', default: process.env.KREVIEW_DIFF_SEEDS ?? '2' },
    kinds: { type: 'string', default: KINDS.join(',') },
    defconfigs: { type: 'string', default: 'all' },
    jobs: { type: 'string', default: '2' },
    // only fill conf's cache (a warm-up run beside another), no engine and no table
    'conf-only': { type: 'boolean', default: false },
  },
});
const kinds = new Set(values.kinds.split(','));
for (const k of kinds) {
  if (!(KINDS as readonly string[]).includes(k)) {
    process.stderr.write(`kconfig-differential: unknown kind "${k}" (${KINDS.join(', ')})\n`);
    process.exit(2);
  }
}
const seeds = kinds.has('random') ? Number.parseInt(values.seeds, 10) : 0;
const jobs = Number.parseInt(values.jobs, 10);
const log = (line: string) => process.stderr.write(`${line}\n`);

const repoRoot = path.resolve(import.meta.dirname, '..');
const setup = await kernelSetup(repoRoot);
const trees: Record<string, string | undefined> = { '6.12': setup.tree, '7.3': setup.tree73 };

// A case is kept when its kind was asked for; made-to-warn cases are added once conf has
// answered allyesconfig (their inputs are built from it).
function wanted(c: OracleCase): boolean {
  if (c.kind === 'target') return kinds.has('targets');
  if (c.kind === 'defconfig') return kinds.has('defconfigs');
  if (c.kind === 'random') return kinds.has('random');
  return kinds.has('edited');
}

async function casesOf(tree: string, a: TreeArch): Promise<OracleCase[]> {
  let named: Awaited<ReturnType<typeof makeDefconfigTargets>> = [];
  if (a.primary && kinds.has('defconfigs')) {
    const all = await makeDefconfigTargets(tree, a.arch);
    named = values.defconfigs === 'all' ? all : spread(all, Number.parseInt(values.defconfigs, 10));
  }
  return differentialCases(seeds, named).filter(wanted);
}

const sections: string[] = [];
const byKind = new Map<string, { agree: number; total: number }>();
for (const version of values.tree.split(',')) {
  const tree = trees[version];
  if (tree === undefined) {
    log(`kconfig-differential: no ${version} tree (scripts/kernel-setup.sh printed none)`);
    process.exit(1);
  }
  const oracle = await openOracle(tree);
  const arches = pickArches(await treeArches(tree), values.arch);
  const cases = new Map<string, OracleCase[]>();
  for (const a of arches) cases.set(a.arch, await casesOf(tree, a));
  const total = [...cases.values()].reduce((n, l) => n + l.length, 0);
  log(
    `kconfig-differential: ${version} (${oracle.commit.slice(0, 12)}), ${arches.length} arches, ${total} cases`,
  );

  // conf first (make is the slow part, a few arches in parallel), then the engine, one arch at a time.
  let ran = 0;
  const warmStart = performance.now();
  await mapLimit(arches, jobs, async (a) => {
    const mine = cases.get(a.arch) ?? [];
    for (const c of mine) {
      const r = await oracle.run(a.arch, c);
      if (!r.cached) ran++;
    }
    // Made-to-warn inputs are built from conf's allyesconfig, so they come after it.
    if (!kinds.has('warn')) return;
    for (const c of await warningCases(oracle, a.arch)) {
      mine.push(c);
      const r = await oracle.run(a.arch, c);
      if (!r.cached) ran++;
    }
  });
  log(
    `conf ${version}: ${ran} cases run with make in ${((performance.now() - warmStart) / 1000).toFixed(1)} s`,
  );

  if (values['conf-only']) continue;
  const outcomes = new Map<string, CaseOutcome[]>();
  for (const a of arches) {
    const list: CaseOutcome[] = [];
    const started = performance.now();
    let kconfig: Kconfig | undefined;
    let loadError = '';
    const mine = cases.get(a.arch) ?? [];
    try {
      const defconfigs = mine.flatMap((c) => (c.kind === 'defconfig' ? [c.name] : []));
      kconfig = await openEngine(tree, a.arch, { defconfigs });
      log(`engine ${version} ${a.arch}: loaded in ${(performance.now() - started).toFixed(0)} ms`);
    } catch (error) {
      loadError = error instanceof Error ? error.message : String(error);
      log(`engine ${version} ${a.arch}: failed to load: ${loadError}`);
    }
    for (const c of mine) {
      const failed = (why: string): CaseOutcome => ({
        name: caseName(a.arch, c),
        agrees: false,
        differences: [why],
        engineMs: 0,
        oracleCached: true,
      });
      const outcome =
        kconfig === undefined
          ? failed(`engine did not load: ${loadError}`)
          : await compareCase(oracle, kconfig, a.arch, c);
      list.push(outcome);
      if (outcome.confFailed !== undefined) continue;
      const k = byKind.get(caseKind(c)) ?? { agree: 0, total: 0 };
      k.total++;
      if (outcome.agrees) k.agree++;
      byKind.set(caseKind(c), k);
    }
    outcomes.set(a.arch, list);
  }
  sections.push(differentialTable(`Linux ${version} (${oracle.commit.slice(0, 12)})`, outcomes));
}

const out = [
  "kconfig differential: kreview engine vs the kernel's conf, .config, stderr and stdout byte for byte",
  `${seeds} random configurations per arch, each as is, thinned and minimised`,
  '',
  ...sections,
  'Agreement per kind of case (all trees and arches, cases conf could run):',
];
for (const k of CASE_KINDS) {
  const v = byKind.get(k);
  if (v !== undefined) out.push(`  ${k.padEnd(22)} ${String(v.agree).padStart(5)}/${v.total}`);
}
process.stdout.write(`${out.join('\n')}\n`);

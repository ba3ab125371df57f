// bench:review — the whole `kreview review` of the VFIO example's v6 (3 patches touching
// drivers/vfio/Kconfig, fixtures/mbox/vfio-noiommu.mbox) with the vfio-noiommu preset on the
// full Debian 6.12 tree, end to end in a child process (Node start, ingest, apply, both trees'
// Kconfig, every matrix and check, JSON out), beside the same matrices done the way a person
// would without kreview: the kernel's conf once per cell, plus the defconfig runs that make
// each base configuration, on both trees.
//
//   npm run bench:review [-- --runs N] [-- --no-conf]      (default 5 runs; conf once)
//
// The conf side runs once (it takes minutes): cell inputs come from analyzeSeries in this
// process, the after-tree is extracted with git archive (not timed), and conf runs one cell at
// a time, directly (test/helpers/base-conf.ts, no make). Peak RSS is GNU time's %M.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runBaseConf } from '../test/helpers/base-conf.ts';
import { analyzeVfioRevision, extractKconfigTree } from '../test/helpers/vfio-review.ts';
import { srcarchOf } from '../tools/oracle/defconfigs.ts';
import { kernelSetup } from '../tools/oracle/kernel-setup.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const MBOX = path.join(ROOT, 'fixtures/mbox/vfio-noiommu.mbox');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'no-conf': { type: 'boolean' },
    // Node flags for the timed CLI, e.g. --node-flag=--max-semi-space-size=16 (npm run example's).
    'node-flag': { type: 'string', multiple: true, default: [] },
  },
});
const RUNS = Number(values.runs);
const flags = values['node-flag'];

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

const { tree, conf } = await kernelSetup(ROOT);
// One revision's review, as before revisions were compared (with v5 it would be two reviews).
const reviewArgs = [
  'review',
  MBOX,
  '--tree',
  tree,
  '--preset',
  'vfio-noiommu',
  '--json',
  '--no-previous',
];

// kreview: the CLI as a user runs it, N times; every run must print the same JSON.
const walls: number[] = [];
const rss: number[] = [];
let json = '';
for (let run = 0; run < RUNS; run++) {
  const node = [process.execPath, ...flags, path.join(ROOT, 'src/cli.ts'), ...reviewArgs];
  const argv = TIME === undefined ? node : [TIME, '-f', '%M', ...node];
  const start = performance.now();
  const r = spawnSync(argv[0] ?? '', argv.slice(1), {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  walls.push((performance.now() - start) / 1000);
  if (r.status !== 0) throw new Error(`kreview review failed: ${r.stderr}`);
  if (TIME !== undefined) rss.push(Number(r.stderr.trim().split('\n').pop()));
  if (run > 0 && r.stdout !== json) throw new Error('kreview review gave different JSON runs');
  json = r.stdout;
  process.stderr.write(`kreview run ${run + 1}/${RUNS}: ${walls[run]?.toFixed(2)} s\n`);
}
const printed = JSON.parse(json) as { applied: boolean; matrices: { before: unknown[] }[] };
if (!printed.applied) throw new Error('the VFIO v6 series did not apply');
const cellsPerTree = printed.matrices.reduce((n, m) => n + m.before.length, 0);
const reviewMedian = median(walls);

// The same review in this process, for the cells' inputs (ingest, apply and analysis, timed once).
const analyzeStart = performance.now();
const { analysis, head } = await analyzeVfioRevision(tree, 6);
const analyzeSeconds = (performance.now() - analyzeStart) / 1000;

// conf per cell: every cell of every matrix on both trees, plus one defconfig run per
// (tree, arch, defconfig) to make the base configuration the cells start from.
const confTimes: number[] = [];
let confWall = 0;
if (values['no-conf'] !== true) {
  const after = mkdtempSync(path.join(tmpdir(), 'kreview-bench-after-'));
  try {
    extractKconfigTree(tree, head, after);
    const timed = async (run: () => Promise<unknown>) => {
      const start = performance.now();
      await run();
      const seconds = (performance.now() - start) / 1000;
      confTimes.push(seconds);
      process.stderr.write(`conf run ${confTimes.length}: ${seconds.toFixed(2)} s\n`);
    };
    const confStart = performance.now();
    const made = new Set<string>();
    for (const matrix of analysis.outputs) {
      const named = matrix.spec.base.defconfigs[matrix.arch] ?? kbuildDefconfig(matrix.arch);
      for (const [srctree, cells] of [
        [tree, matrix.before],
        [after, matrix.after],
      ] as const) {
        const key = `${srctree} ${matrix.arch} ${named}`;
        if (!made.has(key)) {
          made.add(key);
          const file = path.join(srctree, 'arch', srcarchOf(matrix.arch), 'configs', named);
          await timed(() =>
            runBaseConf(conf, srctree, matrix.arch, `defconfig=${file}`, undefined),
          );
        }
        for (const cell of cells)
          await timed(() => runBaseConf(conf, srctree, matrix.arch, 'olddefconfig', cell.input));
      }
    }
    confWall = (performance.now() - confStart) / 1000;
  } finally {
    rmSync(after, { recursive: true, force: true });
  }
}

// The arch's default defconfig, as its Makefile names it (KBUILD_DEFCONFIG).
function kbuildDefconfig(arch: string): string {
  const makefile = readFileSync(path.join(tree, 'arch', srcarchOf(arch), 'Makefile'), 'utf8');
  const named = /^\s*KBUILD_DEFCONFIG\s*:?=\s*(\S+)/m.exec(makefile)?.[1] ?? 'defconfig';
  return named.replace('$(ARCH)', arch);
}

const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;
const lines = [
  `review: VFIO v6 (3 patches, drivers/vfio/Kconfig) on Linux 6.12, preset vfio-noiommu + derived;`,
  `${printed.matrices.length} matrices, ${cellsPerTree} cells a tree (${2 * cellsPerTree} evaluations)`,
  `node ${[...flags, 'src/cli.ts', ...reviewArgs.map((a) => a.replace(`${ROOT}/`, ''))].join(' ')}`,
  `${''.padEnd(44)} ${'median'.padStart(9)} ${'peak RSS'.padStart(9)}`,
  `${`kreview review, whole CLI (${RUNS} runs)`.padEnd(44)} ${`${reviewMedian.toFixed(2)} s`.padStart(9)} ${(rss.length > 0 ? mib(median(rss)) : 'n/a').padStart(9)}`,
  `${'apply + analysis, in this process (1 run)'.padEnd(44)} ${`${analyzeSeconds.toFixed(2)} s`.padStart(9)}`,
];
if (confTimes.length > 0) {
  const defconfigRuns = confTimes.length - 2 * cellsPerTree;
  lines.push(
    `${`conf per cell, sequential (1 run)`.padEnd(44)} ${`${confWall.toFixed(1)} s`.padStart(9)}`,
    `  ${confTimes.length} conf runs (${2 * cellsPerTree} olddefconfig + ${defconfigRuns} defconfig), median ${median(confTimes).toFixed(2)} s each`,
    `ratio (conf per cell / kreview CLI): ${(confWall / reviewMedian).toFixed(1)}x`,
    `targets: under 5 s: ${reviewMedian < 5 ? 'met' : 'not met'}; at least 20x: ${confWall / reviewMedian >= 20 ? 'met' : 'not met'}`,
  );
}
process.stdout.write(`${lines.join('\n')}\n`);

// bench:review — the whole `kreview review` of the VFIO example's v6 (3 patches, the
// vfio-noiommu preset and the derived matrix on x86_64 and arm, the standard targets, the upgrade
// check, each applied prefix re-evaluated to find the patch behind a finding), end to end as a
// user runs it: `bin/kreview.js` in a child process, Node start included. Side by side in the
// same run, its baseline: one `make olddefconfig` of the kernel's own conf on the same tree
// (x86_64, from its defconfig), which is one cell of the matrices kreview evaluates 60+ of.
// Runs alternate (make, kreview, make, …) so machine noise falls on both alike.
//
//   npm run bench:review [-- --runs N] [-- --cells]
//
// Targets (issue 16): kreview faster than one make olddefconfig, and at most 250 MiB peak RSS.
// --cells adds the old comparison: conf run directly once per matrix cell (minutes).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runBaseConf } from '../test/helpers/base-conf.ts';
import { analyzeVfioRevision, extractKconfigTree } from '../test/helpers/vfio-review.ts';
import { runConf } from '../tools/oracle/conf-runner.ts';
import { kernelSetup } from '../tools/oracle/kernel-setup.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const MBOX = path.join(ROOT, 'fixtures/mbox/vfio-noiommu.mbox');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, cells: { type: 'boolean' } },
});
const RUNS = Number(values.runs);
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`--runs must be a positive integer`);

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

const { tree, conf } = await kernelSetup(ROOT);
const reviewArgs = ['review', MBOX, '--tree', tree, '--preset', 'vfio-noiommu', '--json'];

// One timed child: wall seconds, peak RSS in KiB (GNU time's %M), stdout.
function timedChild(argv: readonly string[]): { seconds: number; kib: number; stdout: string } {
  const full = TIME === undefined ? argv : [TIME, '-f', '%M', ...argv];
  const start = performance.now();
  const r = spawnSync(full[0] ?? '', full.slice(1), {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const seconds = (performance.now() - start) / 1000;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed: ${r.stderr}`);
  const kib = TIME === undefined ? Number.NaN : Number(r.stderr.trim().split('\n').pop());
  return { seconds, kib, stdout: r.stdout };
}

// make's side: a builddir of its own with conf already built (the first runConf builds it,
// untimed), a .config from x86_64 defconfig, then `make olddefconfig` timed.
const builddir = mkdtempSync(path.join(tmpdir(), 'kreview-bench-make-'));
const options = { tree, builddir, arch: 'x86_64' };
const defconfig = (await runConf(options, 'defconfig')).config;

const kreview = { walls: [] as number[], rss: [] as number[], json: '' };
const oneRevision = { walls: [] as number[], rss: [] as number[] };
const make: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const start = performance.now();
  await runConf(options, 'olddefconfig', { config: defconfig });
  make.push((performance.now() - start) / 1000);

  const node = [process.execPath, path.join(ROOT, 'bin/kreview.js')];
  const full = timedChild([...node, ...reviewArgs]);
  if (run > 0 && full.stdout !== kreview.json) throw new Error('kreview gave different JSON runs');
  kreview.json = full.stdout;
  kreview.walls.push(full.seconds);
  kreview.rss.push(full.kib);
  // The same review of v6 alone, without comparing it with v5 (as the issue first measured it).
  const alone = timedChild([...node, ...reviewArgs, '--no-previous']);
  oneRevision.walls.push(alone.seconds);
  oneRevision.rss.push(alone.kib);
  process.stderr.write(
    `run ${run + 1}/${RUNS}: make olddefconfig ${make[run]?.toFixed(2)} s, kreview ${full.seconds.toFixed(2)} s (v6 alone ${alone.seconds.toFixed(2)} s)\n`,
  );
}
rmSync(builddir, { recursive: true, force: true });

const printed = JSON.parse(kreview.json) as {
  applied: boolean;
  matrices: { before: unknown[] }[];
};
if (!printed.applied) throw new Error('the VFIO v6 series did not apply');
const cellsPerTree = printed.matrices.reduce((n, m) => n + m.before.length, 0);

const mib = (kib: number) => (Number.isNaN(kib) ? 'n/a' : `${(kib / 1024).toFixed(0)} MiB`);
const row = (label: string, seconds: number, rss = '') =>
  `${label.padEnd(52)} ${`${seconds.toFixed(2)} s`.padStart(9)} ${rss.padStart(9)}`;
const makeMedian = median(make);
const reviewMedian = median(kreview.walls);
const aloneMedian = median(oneRevision.walls);
const peak = median(kreview.rss);
const lines = [
  `review: VFIO v6 (3 patches) on Linux 6.12 with the vfio-noiommu preset and the derived matrix;`,
  `${printed.matrices.length} matrices, ${cellsPerTree} rows a tree; medians of ${RUNS} alternating runs`,
  `${''.padEnd(52)} ${'median'.padStart(9)} ${'peak RSS'.padStart(9)}`,
  row('baseline: make olddefconfig (x86_64, kernel conf)', makeMedian),
  row('kreview review (v6, compared with v5), bin/kreview.js', reviewMedian, mib(peak)),
  row('kreview review --no-previous (v6 alone)', aloneMedian, mib(median(oneRevision.rss))),
  `ratio kreview / make olddefconfig: ${(reviewMedian / makeMedian).toFixed(2)} (v6 alone ${(aloneMedian / makeMedian).toFixed(2)})`,
  `targets: faster than one make olddefconfig: ${aloneMedian < makeMedian ? 'met' : 'not met'}; at most 250 MiB: ${peak <= 250 * 1024 ? 'met' : 'not met'}`,
];

if (values.cells === true) {
  // The cells the way a person would without kreview: conf once per cell, on both trees.
  const { analysis, head } = await analyzeVfioRevision(tree, 6);
  const after = mkdtempSync(path.join(tmpdir(), 'kreview-bench-after-'));
  let runs = 0;
  const start = performance.now();
  try {
    extractKconfigTree(tree, head, after);
    for (const matrix of analysis.outputs)
      for (const [srctree, cells] of [
        [tree, matrix.before],
        [after, matrix.after],
      ] as const)
        for (const cell of cells) {
          await runBaseConf(conf, srctree, matrix.arch, 'olddefconfig', cell.input);
          runs++;
        }
  } finally {
    rmSync(after, { recursive: true, force: true });
  }
  const seconds = (performance.now() - start) / 1000;
  lines.push(
    row(`conf directly, once per cell (${runs} runs, 1 pass)`, seconds),
    `ratio conf per cell / kreview: ${(seconds / reviewMedian).toFixed(1)}x`,
  );
}
process.stdout.write(`${lines.join('\n')}\n`);

// Benchmark of the Kconfig engine on the 6.12 tree, side by side with the kernel's conf:
//   1. parse x86_64 straight from git objects (a fresh cat-file reader and parse cache per run),
//   2. olddefconfig of 16 configurations on the loaded tree,
//   3. `make olddefconfig` (the kernel's conf) on the first few of them — ~2–6 s each, so only
//      --make of them (default 4) are run, not all 16.
// Prints both sides, the ratio, and the peak RSS of this process (the engine; make runs outside).
//
//   npm run bench:kconfig -- [--runs 5] [--make 4]      (node --expose-gc, to collect between parses)
import path from 'node:path';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { loadKconfig } from '../src/analyze/kconfig/engine.ts';
import { ParseCache } from '../src/analyze/kconfig/parse-cache.ts';
import { runConf } from '../tools/oracle/conf-runner.ts';
import { baseProfile, withGitFiles } from '../tools/oracle/engine-for-tree.ts';
import { kernelSetup } from '../tools/oracle/kernel-setup.ts';
import { type OracleResult, openOracle, oracleRoot } from '../tools/oracle/oracle-cache.ts';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, make: { type: 'string', default: '4' } },
});
const runs = Number.parseInt(values.runs, 10);
const makeRuns = Number.parseInt(values.make, 10);
const ARCH = 'x86_64';
const CONFIGS = 16;

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;
const log = (line: string) => process.stderr.write(`${line}\n`);

const repoRoot = path.resolve(import.meta.dirname, '..');
const { tree } = await kernelSetup(repoRoot);
const oracle = await openOracle(tree);
// The profile is recorded once and then read from ~/.cache/kreview/toolchain: not part of a parse.
const profile = await withGitFiles(tree, oracle.commit, (files) => baseProfile(tree, ARCH, files));

// The 16 configurations: conf's random configurations (seeds 1–16) thinned to about half of their
// assignments, so olddefconfig has to work them out again (see tools/oracle/thin-config.ts).
const cases = Array.from(
  { length: CONFIGS },
  (_, i) => ({ kind: 'random', seed: i + 1, variant: 'thin' }) as const,
);
const wants: OracleResult[] = [];
for (const c of cases) wants.push(await oracle.run(ARCH, c));
const inputs = wants.map((w) => w.input);

// A fresh cat-file reader and parse cache each time: the blobs are read and parsed every time.
const parse = () =>
  withGitFiles(tree, oracle.commit, (files) =>
    loadKconfig(files, { arch: ARCH }, profile, new ParseCache()),
  );
const gc = (globalThis as { gc?: () => void }).gc;

// 1. Parse once, 2. olddefconfig of the 16 on that tree: the peak RSS of one loaded tree.
const parseMs: number[] = [];
let started = performance.now();
const kconfig = await parse();
parseMs.push(performance.now() - started);
const engineMs: number[] = [];
let agree = 0;
for (const [i, config] of inputs.entries()) {
  started = performance.now();
  const result = kconfig.run('olddefconfig', { config });
  engineMs.push(performance.now() - started);
  const want = wants[i];
  if (result.config === want?.config && result.stderr === want?.stderr) agree++;
}
const rssOneMb = process.resourceUsage().maxRSS / 1024;
// The other parses, for the median; collected between runs when node runs with --expose-gc.
for (let i = 1; i < runs; i++) {
  gc?.();
  started = performance.now();
  await parse();
  parseMs.push(performance.now() - started);
}
log(`parses: ${parseMs.map(ms).join(', ')}`);

// 3. The kernel's conf through make, on the first few of the same inputs, in a builddir of its own.
const builddir = path.join(oracleRoot(process.env), `bench-${ARCH}`);
await runConf({ tree, builddir, arch: ARCH }, 'allnoconfig'); // builds conf once, not timed
const makeMs: number[] = [];
for (const config of inputs.slice(0, makeRuns)) {
  const started = performance.now();
  await runConf({ tree, builddir, arch: ARCH }, 'olddefconfig', { config });
  makeMs.push(performance.now() - started);
  log(`make olddefconfig ${makeMs.length}/${makeRuns}: ${ms(makeMs.at(-1) ?? 0)}`);
}

const rssMb = process.resourceUsage().maxRSS / 1024;
const lines = [
  `bench:kconfig on Linux 6.12 (${oracle.commit.slice(0, 12)}), ARCH=${ARCH}, Node ${process.versions.node}`,
  `parse from git objects     median ${ms(median(parseMs))} of ${runs} (min ${ms(Math.min(...parseMs))}, max ${ms(Math.max(...parseMs))})  target <= 1000 ms`,
  `engine olddefconfig        median ${ms(median(engineMs))} of ${CONFIGS} (first ${ms(engineMs[0] ?? 0)}, max ${ms(Math.max(...engineMs))})  target <= 30 ms; ${agree}/${CONFIGS} byte-identical to conf`,
  `make olddefconfig (conf)   median ${ms(median(makeMs))} of ${makeMs.length} (of the same ${CONFIGS}; ~2-6 s each, so only ${makeMs.length} run)`,
  `ratio make/engine          ${(median(makeMs) / median(engineMs)).toFixed(0)}x per configuration; first configuration incl. parse: ${(median(makeMs) / (median(parseMs) + median(engineMs))).toFixed(1)}x`,
  `peak RSS                   ${rssOneMb.toFixed(0)} MB with one parsed tree and its 16 runs (target <= 300 MB); ${rssMb.toFixed(0)} MB after all ${runs} parses${gc === undefined ? ' (no --expose-gc)' : ''}`,
];
process.stdout.write(`${lines.join('\n')}\n`);

// Benchmark: the whole 2023 linux-kbuild corpus into series, side by side with Python's mailbox +
// email parsing the same file (what b4 uses). Each run is a fresh process so peak RSS is its own.
// Usage: npm run bench:ingest [-- --runs 5]
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { readMbox } from '../src/sources/mbox-file.ts';

interface Run {
  readonly messages: number;
  readonly seconds: number;
  readonly peakRssKiB: number;
  readonly series?: number;
}

const repoRoot = path.resolve(import.meta.dirname, '..');
const corpus = path.resolve(repoRoot, '../shared/corpus/linux-kbuild-2023.mbox.gz');

async function child(): Promise<void> {
  const start = performance.now();
  const result = await readMbox(corpus, process.stdin);
  const seconds = (performance.now() - start) / 1000;
  const run: Run = {
    messages: result.messages.length,
    seconds,
    peakRssKiB: process.resourceUsage().maxRSS,
    series: result.series.length,
  };
  process.stdout.write(`${JSON.stringify(run)}\n`);
}

function spawnRun(command: string, args: readonly string[]): Run {
  const out = spawnSync(command, args, {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (out.status !== 0)
    throw new Error(`Cannot run benchmark child "${command}": exit ${out.status}`);
  return JSON.parse(out.stdout.trim().split('\n').at(-1) ?? '{}') as Run;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function summary(
  name: string,
  runs: readonly Run[],
): { name: string; seconds: number; rate: number; rssMiB: number; messages: number } {
  const seconds = median(runs.map((r) => r.seconds));
  const messages = runs[0]?.messages ?? 0;
  const rssMiB = Math.max(...runs.map((r) => r.peakRssKiB)) / 1024;
  return { name, seconds, rate: messages / seconds, rssMiB, messages };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { child: { type: 'boolean' }, runs: { type: 'string', default: '5' } },
  });
  if (values.child === true) return child();
  const n = Number(values.runs);
  const kreview: Run[] = [];
  const smallYoung: Run[] = [];
  const python: Run[] = [];
  const script = path.join(repoRoot, 'bench/ingest.ts');
  for (let i = 0; i < n; i++) {
    // Interleaved, so all see the same machine load.
    kreview.push(spawnRun(process.execPath, [script, '--child']));
    // V8 grows its young generation up to 3 x 64 MiB on a large machine; most of the peak RSS is
    // that, not what ingest keeps. Shown for comparison with a smaller cap.
    smallYoung.push(spawnRun(process.execPath, ['--max-semi-space-size=16', script, '--child']));
    python.push(spawnRun('python3', [path.join(repoRoot, 'bench/ingest-baseline.py'), corpus]));
  }
  const rows = [
    summary('kreview (node)', kreview),
    summary('  semi-space 16 MiB', smallYoung),
    summary('python mailbox+email', python),
  ];
  const lines = [
    `corpus: ${path.relative(repoRoot, corpus)} (${rows[0]?.messages} messages, ${kreview[0]?.series} series), ${n} runs each`,
    `${'reader'.padEnd(22)} ${'median s'.padStart(9)} ${'msg/s'.padStart(8)} ${'peak RSS MiB'.padStart(13)}`,
    ...rows.map(
      (r) =>
        `${r.name.padEnd(22)} ${r.seconds.toFixed(3).padStart(9)} ${r.rate.toFixed(0).padStart(8)} ${r.rssMiB.toFixed(1).padStart(13)}`,
    ),
    `speed-up over python: ${((rows[2]?.seconds ?? 0) / (rows[0]?.seconds ?? 1)).toFixed(2)}x`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();

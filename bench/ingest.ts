// Benchmark: `kreview show` of the whole 2023 linux-kbuild corpus as a user runs it (bin/kreview.js,
// whole process: start, gunzip, split, decode, series, output), side by side with Python's
// mailbox + email parsing the same file (what b4 uses). Every run is a fresh process under GNU
// time, so wall time and peak RSS (%M) are its own; runs are interleaved so all see the same load.
// Targets (issue 16): ≥ 3x faster than Python, ≤ 128 MiB peak RSS.
// Usage: npm run bench:ingest [-- --runs 5]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { parseArgs } from 'node:util';

interface Run {
  readonly seconds: number;
  readonly peakKiB: number;
  /** For Python: the seconds of the reading alone, as its script times it (no start, no gunzip). */
  readonly innerSeconds?: number;
  readonly messages?: number;
}

const repoRoot = path.resolve(import.meta.dirname, '..');
const corpus = path.resolve(repoRoot, '../shared/corpus/linux-kbuild-2023.mbox.gz');
const TARGET_RATIO = 3;
const TARGET_MIB = 128;

// GNU time writes its line last on stderr: "<wall seconds> <max RSS KiB>".
function timed(
  command: string,
  args: readonly string[],
  extraEnv: Readonly<Record<string, string>> = {},
): { run: Run; stdout: string } {
  const out = spawnSync('/usr/bin/time', ['-f', 'TIME %e %M', command, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    // bin/kreview.js starts `node` from PATH through its #! line: the Node running this bench.
    env: {
      ...process.env,
      ...extraEnv,
      PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? ''}`,
    },
  });
  const line = /^TIME (\S+) (\d+)$/m.exec(out.stderr ?? '');
  if (out.status !== 0 || line === null)
    throw new Error(`Cannot run "${command} ${args.join(' ')}": exit ${out.status}\n${out.stderr}`);
  return { run: { seconds: Number(line[1]), peakKiB: Number(line[2]) }, stdout: out.stdout };
}

function kreviewShow(): Run {
  const { run, stdout } = timed(path.join(repoRoot, 'bin/kreview.js'), ['show', corpus]);
  const head = /^(\d+) series in (\d+) messages$/m.exec(stdout);
  if (head === null) throw new Error('kreview show printed no "N series in M messages" line');
  return { ...run, messages: Number(head[2]) };
}

// What-if, not the target: bin/kreview.js with Node's compile cache on (warm) and an 8 MiB young
// generation, two changes to how Node is started. Node's type stripping keeps ~30 MiB of RSS for
// the source it strips, which a warm cache skips; the young generation is 2 x the semi-space.
function cachedShow(cache: string): Run {
  const bin = path.join(repoRoot, 'bin/kreview.js');
  const env = { NODE_COMPILE_CACHE: cache };
  return timed(process.execPath, ['--max-semi-space-size=8', bin, 'show', corpus], env).run;
}

function python(): Run {
  const script = path.join(repoRoot, 'bench/ingest-baseline.py');
  const { run, stdout } = timed('python3', [script, corpus]);
  const inner = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
    seconds: number;
    messages: number;
  };
  return { ...run, innerSeconds: inner.seconds, messages: inner.messages };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function main(): void {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
  const n = Number(values.runs);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--runs must be a whole number ≥ 1, not "${values.runs}"`);
  const kreview: Run[] = [];
  const cached: Run[] = [];
  const py: Run[] = [];
  const cache = mkdtempSync(path.join(tmpdir(), 'kreview-bench-cache-'));
  try {
    cachedShow(cache); // fills the cache
    for (let i = 0; i < n; i++) {
      kreview.push(kreviewShow());
      cached.push(cachedShow(cache));
      py.push(python());
    }
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
  const k = {
    seconds: median(kreview.map((r) => r.seconds)),
    mib: Math.max(...kreview.map((r) => r.peakKiB)) / 1024,
  };
  const p = {
    seconds: median(py.map((r) => r.seconds)),
    inner: median(py.map((r) => r.innerSeconds ?? 0)),
    mib: Math.max(...py.map((r) => r.peakKiB)) / 1024,
  };
  const messages = kreview[0]?.messages ?? 0;
  if (messages !== py[0]?.messages)
    throw new Error(
      `kreview read ${messages} messages, Python ${py[0]?.messages}: not the same work`,
    );
  // The ratio is against Python's reading alone (no interpreter start, no gunzip): kreview's
  // whole process must still be 3x faster than that.
  const ratio = p.inner / k.seconds;
  const row = (name: string, s: number, mib: number) =>
    `${name.padEnd(40)} ${s.toFixed(2).padStart(9)} ${(messages / s).toFixed(0).padStart(7)} ${mib.toFixed(1).padStart(13)}`;
  const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const lines = [
    `corpus: ${path.relative(repoRoot, corpus)} (${messages} messages), ${n} runs each, medians (peak: the highest run)`,
    `${'reader'.padEnd(40)} ${'wall s'.padStart(9)} ${'msg/s'.padStart(7)} ${'peak RSS MiB'.padStart(13)}`,
    row('kreview show (bin/kreview.js, process)', k.seconds, k.mib),
    row(
      '  what-if: compile cache, semi-space 8',
      median(cached.map((r) => r.seconds)),
      Math.max(...cached.map((r) => r.peakKiB)) / 1024,
    ),
    row('python mailbox+email (reading only)', p.inner, p.mib),
    row('python mailbox+email (process)', p.seconds, p.mib),
    `target ≥ ${TARGET_RATIO}x python's reading: ${ratio.toFixed(2)}x, ${met(ratio >= TARGET_RATIO)}`,
    `target ≤ ${TARGET_MIB} MiB peak: ${k.mib.toFixed(1)} MiB, ${met(k.mib <= TARGET_MIB)}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main();

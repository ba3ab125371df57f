// bench:watch — a month of the linux-kbuild corpus replayed through `kreview watch` as cron runs
// it: the month's mail lands day by day in a maildir (or, with --source lore, in a real
// public-inbox served on 127.0.0.1), and after each day one watch pass runs as its own process
// (`node src/cli.ts watch --once`, clock set to the end of that day, GNU time around it) on the
// Debian 6.12 tree, writing replies to an outbox. Prints what the README's scale section needs:
// the list's rate (series a day, the share with no Kconfig that is skipped), seconds per series
// reviewed (median over series; split by whether its Kconfig was evaluated or it stopped at the
// apply), series per minute of one watcher and per CPU-minute (per core), peak RSS (%M), and the
// series a day one machine reviews.
//
//   npm run bench:watch [-- --month 2024-04] [--months N] [--source maildir|lore] [--runs N]
//
// The corpus holds 2023-01 to 2024-06 (two files, read as the span needs). --months replays N
// months from --month in one state, for more series that apply: the archive is older than the
// 6.12 tree, and most of its Kconfig series are in it already. With --runs N the span is replayed
// N times, each from an empty state, and the medians are printed.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import { kernelTree } from '../test/helpers/kernel-series.ts';
import { CORPUS, CORPUS_2024H1 } from '../test/helpers/shared-data.ts';
import { type CorpusMail, corpusMail } from '../test/watch/corpus-batches.ts';
import {
  createInbox,
  importMessages,
  refreshInbox,
  serveInbox,
  stopInbox,
  type TestInbox,
} from '../test/watch/public-inbox.ts';
import { childPids, treeCpuSeconds } from './proc-cpu.ts';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'src/cli.ts');
const TIME = '/usr/bin/time';
const LIST = 'linux-kbuild';
const DAY = 86_400_000;
const { values } = parseArgs({
  options: {
    month: { type: 'string', default: '2024-04' },
    source: { type: 'string', default: 'maildir' },
    months: { type: 'string', default: '1' },
    runs: { type: 'string', default: '1' },
  },
});
const MONTH = values.month;
const SOURCE = values.source;
const RUNS = Number(values.runs);
if (SOURCE !== 'maildir' && SOURCE !== 'lore')
  throw new Error(`Cannot replay through --source "${SOURCE}": use maildir or lore`);
if (!Number.isInteger(RUNS) || RUNS < 1)
  throw new Error(`Cannot replay --runs "${values.runs}" times: give a whole number from 1`);
const start = Date.parse(`${MONTH}-01T00:00:00Z`);
if (!/^\d{4}-\d{2}$/.test(MONTH) || Number.isNaN(start))
  throw new Error(`Cannot replay --month "${MONTH}": not a month like 2024-04`);
const MONTHS = Number(values.months);
if (!Number.isInteger(MONTHS) || MONTHS < 1)
  throw new Error(`Cannot replay --months "${values.months}": give a whole number from 1`);
const endDate = new Date(start);
endDate.setUTCMonth(endDate.getUTCMonth() + MONTHS);
const end = endDate.getTime();
const days = (end - start) / DAY;
const YEAR_2024 = Date.parse('2024-01-01T00:00:00Z');
if (start < Date.parse('2023-01-01T00:00:00Z') || end > Date.parse('2024-07-01T00:00:00Z'))
  throw new Error(
    `Cannot replay ${MONTHS} month(s) from "${MONTH}": the corpus holds 2023-01 to 2024-06`,
  );
const corpora = [
  ...(start < YEAR_2024 ? [CORPUS] : []),
  ...(end > YEAR_2024 ? [CORPUS_2024H1] : []),
];
const SPAN = MONTHS === 1 ? MONTH : `${MONTH} + ${MONTHS - 1} month(s)`;

const dateOf = (m: CorpusMail) => Date.parse(m.message.headers.dateIso ?? '');
const tree = kernelTree();
const mails: CorpusMail[] = [];
for (const file of corpora)
  for (const m of await corpusMail([/./], file))
    if (dateOf(m) >= start && dateOf(m) < end) mails.push(m);
if (mails.length === 0) throw new Error(`The corpus has no mail dated ${SPAN}`);
// File names in archive order across both files (positions restart in each).
const order = new Map(mails.map((m, i) => [m, i]));

/** One watch pass as cron runs it: its process's wall, CPU (children included) and peak RSS. */
interface Pass {
  wallS: number;
  cpuS: number;
  rssMiB: number;
  summary: {
    reviewed: number;
    skipped: number;
    repeats: number;
    pending: number;
    replies: number;
    notes: string[];
  };
  /** Wall and CPU seconds of each series reviewed, keyed by `subject\0version`, in order, and
   * whether its review got as far as evaluating Kconfig (the applied patches, before and after). */
  series: { key: string; seconds: number; cpuSeconds: number; evaluated: boolean }[];
}

/** One replay of the month, from an empty state. */
interface Replay {
  passes: Pass[];
  /** What the policy made of each series revision (the state's `mail` column), with `applied`. */
  outcomes: { key: string; mail: string; applied: boolean }[];
  pendingAtEnd: number;
}

const replays: Replay[] = [];
const loadBefore = loadavg()[0] ?? 0;
for (let run = 0; run < RUNS; run++) replays.push(await replay(run));
const loadAfter = loadavg()[0] ?? 0;
report();

async function replay(run: number): Promise<Replay> {
  const dir = mkdtempSync(join(tmpdir(), 'kreview-bench-watch-'));
  const maildir = join(dir, 'maildir');
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(maildir, sub), { recursive: true });
  const config = join(dir, 'watch.json');
  const writeConfig = (source: Record<string, string>) =>
    writeFileSync(
      config,
      JSON.stringify({
        stateDir: 'state',
        tree,
        from: 'Kconfig Bot <kconfig-bot@example.org>',
        graceMinutes: 24 * 60,
        since: new Date(start).toISOString(),
        lists: [
          { name: LIST, ...source, base: 'v6.12', delivery: { mode: 'outbox', outbox: 'outbox' } },
        ],
      }),
    );
  if (SOURCE === 'maildir') writeConfig({ maildir: 'maildir' });
  let inbox: TestInbox | undefined;
  // The mail of one day reaches the source: files in the maildir, or commits in the inbox
  // (served once it holds mail, and told to look again after each import).
  const arrive = async (today: readonly CorpusMail[]) => {
    if (SOURCE === 'maildir') {
      for (const m of today)
        writeFileSync(join(maildir, 'new', `${String(order.get(m)).padStart(6, '0')}.eml`), m.raw);
      return;
    }
    const last = today.at(-1);
    if (last === undefined) return;
    const fresh = inbox === undefined;
    inbox ??= createInbox(join(dir, 'pi'), LIST);
    importMessages(
      inbox,
      today.map((m) => m.raw),
      new Date(),
    );
    if (fresh) writeConfig({ lore: await serveInbox(inbox) });
    else await refreshInbox(inbox, last.message.id);
  };
  const passes: Pass[] = [];
  try {
    for (let day = start; day < end; day += DAY) {
      await arrive(mails.filter((m) => dateOf(m) >= day && dateOf(m) < day + DAY));
      if (SOURCE === 'lore' && inbox === undefined) continue;
      passes.push(await watchPass(dir, config, new Date(day + DAY)));
      const p = passes.at(-1);
      process.stderr.write(
        `run ${run + 1}/${RUNS} ${new Date(day).toISOString().slice(0, 10)}: ${p?.summary.reviewed} reviewed, ${p?.summary.skipped} skipped, ${p?.wallS.toFixed(1)} s\n`,
      );
      for (const note of p?.summary.notes ?? []) process.stderr.write(`  note: ${note}\n`);
    }
    return { passes, ...stateOutcomes(join(dir, 'state', 'state.sqlite')) };
  } finally {
    if (inbox !== undefined) await stopInbox(inbox);
    rmSync(dir, { recursive: true, force: true });
  }
}

// The pass's stderr is read as it comes: a series' review lasts from its "reviewing" line to the
// next line of the pass itself (the list's next step, or the summary), so it is timed from here.
async function watchPass(cwd: string, config: string, now: Date): Promise<Pass> {
  const timeFile = join(cwd, 'time.txt');
  const child = spawn(
    TIME,
    [
      '-o',
      timeFile,
      '-f',
      '%e %U %S %M',
      process.execPath,
      '--max-semi-space-size=16',
      CLI,
      'watch',
      '--once',
      '--config',
      config,
      '--json',
      '--now',
      now.toISOString(),
    ],
    { cwd, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  const series: Pass['series'] = [];
  const tail: string[] = [];
  let open: { key: string; at: number; cpu: number; evaluated: boolean } | undefined;
  // GNU time's child is the watcher's node; its CPU (git children included) is read at each line.
  let node: number | undefined;
  const cpuNow = () => {
    node ??= child.pid === undefined ? undefined : childPids(child.pid)[0];
    return node === undefined ? Number.NaN : treeCpuSeconds(node);
  };
  const close = (at: number, cpu: number) => {
    if (open !== undefined)
      series.push({
        key: open.key,
        seconds: (at - open.at) / 1000,
        cpuSeconds: cpu - open.cpu,
        evaluated: open.evaluated,
      });
    open = undefined;
  };
  const lines = createInterface({ input: child.stderr });
  lines.on('line', (line) => {
    const at = performance.now();
    tail.push(line);
    if (tail.length > 20) tail.shift();
    // analyze/review.ts says this per arch once the applied patches' Kconfig is evaluated.
    if (open !== undefined && /^kreview: evaluating \S+ before and after/.test(line))
      open.evaluated = true;
    if (!/^kreview: (watch|note|fault): /.test(line) && !line.startsWith(`kreview: ${LIST}: `))
      return;
    const cpu = cpuNow();
    close(at, cpu);
    const m = /^kreview: [^:]+: reviewing "(.*)" v(\d+) \(/.exec(line);
    if (m !== null) open = { key: `${m[1]}\0${m[2]}`, at, cpu, evaluated: false };
  });
  const status = await new Promise<number | null>((done) => child.on('close', done));
  close(performance.now(), Number.NaN);
  if (status !== 0)
    throw new Error(`the watch pass at ${now.toISOString()} exited ${status}:\n${tail.join('\n')}`);
  const [wall, user, sys, rss] =
    readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)?.split(' ').map(Number) ?? [];
  return {
    wallS: wall ?? Number.NaN,
    cpuS: (user ?? Number.NaN) + (sys ?? Number.NaN),
    rssMiB: (rss ?? Number.NaN) / 1024,
    summary: JSON.parse(stdout),
    series,
  };
}

function stateOutcomes(file: string): Pick<Replay, 'outcomes' | 'pendingAtEnd'> {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const rows = db
      .prepare('SELECT subject, version, mail, applied FROM reviews ORDER BY seq')
      .all() as { subject: string; version: number; mail: string; applied: number }[];
    const pending = db.prepare('SELECT COUNT(*) AS n FROM pending').get() as { n: number };
    return {
      outcomes: rows.map((r) => ({
        key: `${r.subject}\0${r.version}`,
        mail: r.mail,
        applied: r.applied === 1,
      })),
      pendingAtEnd: pending.n,
    };
  } finally {
    db.close();
  }
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  if (s.length === 0) return Number.NaN;
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

function f1(x: number): string {
  return x.toFixed(1);
}

function report(): void {
  const per = replays.map((r) => {
    const reviewed = sum(r.passes.map((p) => p.summary.reviewed));
    const skipped = sum(r.passes.map((p) => p.summary.skipped));
    const wallMin = sum(r.passes.map((p) => p.wallS)) / 60;
    const cpuMin = sum(r.passes.map((p) => p.cpuS)) / 60;
    return {
      reviewed,
      skipped,
      replies: sum(r.passes.map((p) => p.summary.replies)),
      repeats: sum(r.passes.map((p) => p.summary.repeats)),
      wallMin,
      cpuMin,
      perWallMin: reviewed / wallMin,
      perCpuMin: reviewed / cpuMin,
      peakMiB: Math.max(...r.passes.map((p) => p.rssMiB)),
    };
  });
  const m = (pick: (x: (typeof per)[number]) => number) => median(per.map(pick));
  const first = replays[0];
  if (first === undefined) return;
  // Each reviewed series, over every run: one that evaluated Kconfig costs what a series on a
  // tree current for its list costs; one that stopped at the apply costs little.
  const timed = replays.flatMap((r) => r.passes.flatMap((p) => p.series));
  const onTree = timed.filter((t) => t.evaluated);
  const offTree = timed.filter((t) => !t.evaluated);
  const line = (what: string, xs: typeof timed) =>
    `${what} ${xs.length}: median ${f1(median(xs.map((t) => t.seconds)))} s wall, ${f1(median(xs.map((t) => t.cpuSeconds)))} s CPU (max ${f1(Math.max(...xs.map((t) => t.seconds)))} s wall)`;
  const counts = new Map<string, number>();
  for (const o of first.outcomes) {
    const k = o.applied || o.mail === 'not-kconfig' ? o.mail : `${o.mail} (not applied)`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const reviewed = m((x) => x.reviewed);
  const skipped = m((x) => x.skipped);
  const seen = reviewed + skipped;
  // A pass with nothing to review: what cron pays every 10 minutes (Node start, the listing).
  const idle = replays.flatMap((r) => r.passes.filter((p) => p.summary.reviewed === 0));
  const idleCpu = median(idle.map((p) => p.cpuS));
  const cores = cpus().length;
  const peak = m((x) => x.peakMiB);
  const byMemory = Math.floor(totalmem() / 2 ** 20 / peak);
  const watchers = Math.min(cores, byMemory);
  // On a tree current for the list nearly every series applies, so a day of one core is planned
  // with the applied review's CPU, less 144 idle passes (cron every 10 minutes).
  const appliedCpu = median(onTree.map((t) => t.cpuSeconds));
  const perCoreDay = (86_400 - 144 * idleCpu) / appliedCpu;
  const needed = reviewed / days;
  const corpusName = corpora.map((c) => c.split('/').at(-1)).join(' + ');
  const lines = [
    `bench:watch ${SPAN} (${SOURCE}, ${corpusName}), ${RUNS} run(s), ${cores} cores, load average ${f1(loadBefore)} before, ${f1(loadAfter)} after`,
    `  mail: ${mails.length} messages in ${days} days (${f1(mails.length / days)}/day); ${seen} series revisions (${f1(seen / days)}/day): ${reviewed} reviewed (${f1(needed)}/day), ${skipped} skipped with no Kconfig (${f1((100 * skipped) / seen)}%); ${m((x) => x.repeats)} repeats; ${first.pendingAtEnd} pending at the end`,
    `  outcomes (state): ${[...counts].map(([k, n]) => `${k} ${n}`).join(', ')}; ${m((x) => x.replies)} replies written`,
    `  per series reviewed: ${line('evaluated', onTree)}; ${line('stopped at the apply', offTree)}`,
    `  watcher: ${first.passes.length} passes, wall ${f1(m((x) => x.wallMin) * 60)} s, CPU ${f1(m((x) => x.cpuMin) * 60)} s (user+sys, children included), median pass ${f1(median(first.passes.map((p) => p.wallS)))} s, idle pass ${f1(idleCpu)} s CPU`,
    `  rate as replayed: ${m((x) => x.perWallMin).toFixed(2)} series/min of one watcher's wall, ${m((x) => x.perCpuMin).toFixed(2)} series/min per core (CPU)`,
    `  rate if every series applied: ${(60 / appliedCpu).toFixed(2)} series/min per core (CPU of a review that evaluated)`,
    `  peak RSS: ${peak.toFixed(0)} MiB (GNU time %M, the largest pass${RUNS > 1 ? ', median of the runs' : ''})`,
    `  one machine: ${perCoreDay.toFixed(0)} applied series/day per core; ${watchers} watchers here (${cores} cores, memory for ${byMemory}): ${(perCoreDay * watchers).toFixed(0)} series/day, ${f1((perCoreDay * watchers) / needed)}x the ${f1(needed)} series/day this list needs reviewed`,
  ];
  console.log(lines.join('\n'));
}

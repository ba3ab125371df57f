// bench:apply — a 10-patch series onto the full Debian 6.12 tree: `kreview apply` (the CLI, in
// memory, no checkout) side by side with what a user would do without it: `git worktree add`,
// `git am`, `git worktree remove`. Prints median wall time, peak RSS and the ratio.
//
//   npm run bench:apply [-- RUNS [BASELINE_RUNS]]     (default 5 and 3)
//
// kreview is timed twice: the whole CLI as a user runs it (`bin/kreview.js`: Node start, loading
// the command, reading the mbox), and the apply itself in this process (readMbox + applySeries).
// The CLI gets a compile cache of its own in the bench's temp dir: its first run fills it (printed
// as "cold"), the timed runs use it, as every run after a user's first does.
// Issue 16's target: the whole CLI ≤ 1 s and ≥ 20x faster than the baseline, medians of one run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { applySeries } from '../src/git/apply.ts';
import { gitEnvironment, gitProcessPort } from '../src/git/process-port.ts';
import { openRepo } from '../src/git/repo.ts';
import { readMbox } from '../src/sources/mbox-file.ts';
import { runGit, testGitEnv } from '../test/helpers/git-repo.ts';
import { kernelSeries, kernelTree, scratchClone } from '../test/helpers/kernel-series.ts';

const ROOT = resolve(import.meta.dirname, '..');
const RUNS = Number(process.argv[2] ?? 5);
const BASELINE_RUNS = Number(process.argv[3] ?? 3);
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const TARGET_SECONDS = 1;
const TARGET_RATIO = 20;

interface Sample {
  readonly seconds: number;
  /** Peak resident set of the biggest process, in KiB; undefined without /usr/bin/time. */
  readonly rssKiB: number | undefined;
}

// Runs a command (under /usr/bin/time when there is one) and returns wall time, peak RSS, stdout.
function measure(
  cmd: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Sample & { stdout: string } {
  const argv = TIME === undefined ? [cmd, ...args] : [TIME, '-f', '%M', cmd, ...args];
  const start = performance.now();
  const r = spawnSync(argv[0] ?? cmd, argv.slice(1), {
    cwd,
    env,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const seconds = (performance.now() - start) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  const rss = TIME === undefined ? undefined : Number(r.stderr.trim().split('\n').pop());
  return { seconds, rssKiB: rss, stdout: r.stdout };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

// Other work on the machine slows both sides; the load is printed so a run can be judged.
const load = loadavg()
  .map((l) => l.toFixed(1))
  .join(' ');
const tree = kernelTree();
const files = runGit(tree, ['ls-tree', '-r', '--name-only', 'v6.12']).split('\n').length - 1;
const scratch = scratchClone(tree);
const work = mkdtempSync(join(tmpdir(), 'kreview-bench-apply-'));
try {
  const base = runGit(tree, ['rev-parse', 'v6.12^{commit}']).trim();
  const { head, mbox } = kernelSeries(scratch, base, 10);
  const want = runGit(scratch, ['rev-parse', `${head}^{tree}`]).trim();
  const mboxPath = join(work, 'series.mbox');
  writeFileSync(mboxPath, mbox);
  const env = { ...process.env, ...testGitEnv('2025-02-01T00:00:00Z') };
  const cliEnv = { ...env, NODE_COMPILE_CACHE: join(work, 'compile-cache') };
  const cliArgs = [join(ROOT, 'bin/kreview.js'), 'apply', mboxPath, '--tree', tree, '--json'];
  const cold = measure(process.execPath, cliArgs, ROOT, cliEnv);
  process.stderr.write(
    `kreview cold run (fills the compile cache): ${cold.seconds.toFixed(2)} s\n`,
  );

  const cli: Sample[] = [];
  const inProcess: Sample[] = [];
  for (let run = 0; run < RUNS; run++) {
    const k = measure(process.execPath, cliArgs, ROOT, cliEnv);
    const result = JSON.parse(k.stdout) as { ok: boolean; head: string };
    const got = runGit(tree, ['rev-parse', `${result.head}^{tree}`]).trim();
    if (!result.ok || got !== want) throw new Error(`kreview apply gave tree ${got}, want ${want}`);
    cli.push(k);

    const start = performance.now();
    const { series } = await readMbox(mboxPath, process.stdin);
    const first = series[0];
    if (first === undefined) throw new Error('the benchmark mbox holds no series');
    const genv = gitEnvironment(process.env);
    const outcome = await applySeries(gitProcessPort(tree, genv), await openRepo(tree, genv), {
      patches: first.patches,
      baseCommit: first.baseCommit,
      base: undefined,
    });
    if (outcome.head !== result.head) throw new Error('in-process apply differs from the CLI');
    inProcess.push({
      seconds: (performance.now() - start) / 1000,
      rssKiB: process.resourceUsage().maxRSS,
    });
    process.stderr.write(
      `kreview run ${run + 1}/${RUNS}: CLI ${k.seconds.toFixed(2)} s, in process ${inProcess[run]?.seconds.toFixed(2)} s\n`,
    );
  }

  const theirs: Sample[] = [];
  for (let run = 0; run < BASELINE_RUNS; run++) {
    const wt = join(work, `wt-${run}`);
    const add = measure('git', ['worktree', 'add', '-q', '--detach', wt, base], tree, env);
    const am = measure('git', ['am', '-q', '--3way', '--empty=drop', mboxPath], wt, env);
    const amTree = runGit(wt, ['rev-parse', 'HEAD^{tree}']).trim();
    const remove = measure('git', ['worktree', 'remove', '--force', wt], tree, env);
    if (amTree !== want) throw new Error(`git am gave tree ${amTree}, want ${want}`);
    const rss = [add, am, remove].map((s) => s.rssKiB ?? 0);
    theirs.push({
      seconds: add.seconds + am.seconds + remove.seconds,
      rssKiB: TIME === undefined ? undefined : Math.max(...rss),
    });
    const parts = [add, am, remove].map((s) => s.seconds.toFixed(2)).join(' + ');
    process.stderr.write(
      `baseline run ${run + 1}/${BASELINE_RUNS}: worktree add + am + remove = ${parts} s\n`,
    );
  }

  const row = (name: string, samples: Sample[]): string => {
    const wall = median(samples.map((s) => s.seconds));
    const rss = samples.every((s) => s.rssKiB !== undefined)
      ? `${(median(samples.map((s) => s.rssKiB ?? 0)) / 1024).toFixed(0)} MiB`
      : 'n/a';
    return `${name.padEnd(34)} ${`${wall.toFixed(3)} s`.padStart(10)} ${rss.padStart(10)}`;
  };
  const baseline = median(theirs.map((s) => s.seconds));
  const ratioOf = (samples: Sample[]): number => baseline / median(samples.map((s) => s.seconds));
  const ratio = (samples: Sample[]): string => ratioOf(samples).toFixed(1);
  const cliSeconds = median(cli.map((s) => s.seconds));
  const met = cliSeconds <= TARGET_SECONDS && ratioOf(cli) >= TARGET_RATIO;
  process.stdout.write(
    [
      `apply: 10 patches onto Linux 6.12 (${files} files); kreview ${RUNS} runs, baseline ${BASELINE_RUNS}; same result tree ${want.slice(0, 12)}`,
      `load average at the start ${load}, at the end ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} (${availableParallelism()} cores)`,
      `${''.padEnd(34)} ${'median'.padStart(10)} ${'peak RSS'.padStart(10)}`,
      row('kreview apply (whole CLI process)', cli),
      row('kreview apply, cold compile cache', [cold]),
      row('kreview readMbox + applySeries', inProcess),
      row('git worktree add + git am + remove', theirs),
      `ratio (baseline / kreview CLI): ${ratio(cli)}x; (baseline / in process): ${ratio(inProcess)}x`,
      `target (CLI ≤ ${TARGET_SECONDS} s and ≥ ${TARGET_RATIO}x the baseline): ${met ? 'met' : 'NOT met'} (${cliSeconds.toFixed(3)} s, ${ratio(cli)}x)`,
      '',
    ].join('\n'),
  );
} finally {
  rmSync(work, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
  runGit(tree, ['worktree', 'prune']);
}

// The kernel's conf as an oracle, with its answers kept on disk so that a second run costs nothing:
// <cache>/oracle/<tree commit>/<arch>/<case>/{config,stderr,stdout,input,toolchain}, and make's
// builddirs beside them, one per tree and arch: <cache>/oracle/build-<commit prefix>-<arch>. A case
// make cannot run is cached too (a file "failed" with make's message), so it is not retried.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleGit } from 'simple-git';
import { cachePaths } from '../../src/commands/cache-paths.ts';
import { KreviewError } from '../../src/domain/errors.ts';
import { runProcess } from '../../src/process/run.ts';
import { type MakeTarget, type NamedDefconfig, runConf } from './conf-runner.ts';
import { thinConfig } from './thin-config.ts';

/** The conf targets the engine is compared on. */
export type OracleTarget = Exclude<MakeTarget, 'randconfig'>;

/**
 * A case: a target (olddefconfig of an empty .config; savedefconfig of defconfig's output); a
 * named defconfig under arch/$SRCARCH/configs (`make <name>`); a random configuration
 * (randconfig with KCONFIG_SEED, then olddefconfig of it; variant `thin`: olddefconfig of about
 * half of its assignments, see thin-config.ts; variant `savedefconfig`: savedefconfig of it); or
 * olddefconfig of a given .config.
 */
export type OracleCase =
  | { readonly kind: 'target'; readonly target: OracleTarget }
  | { readonly kind: 'defconfig'; readonly name: NamedDefconfig }
  | { readonly kind: 'random'; readonly seed: number; readonly variant?: 'thin' | 'savedefconfig' }
  | { readonly kind: 'olddefconfig'; readonly input: string; readonly label?: string };

/** What conf answered; `input` is what the engine must be given to reproduce it. */
export interface OracleResult {
  readonly config: string;
  readonly stderr: string;
  readonly stdout: string;
  /** olddefconfig/savedefconfig: the .config conf started from; defconfigs: the file's name. */
  readonly input: string;
  readonly cached: boolean;
  /** Set when make could not run the case here (then the streams are empty): make's message. */
  readonly failed?: string;
}

/** Runs cases against the kernel's conf of one base tree, cached by commit, arch and case. */
export interface Oracle {
  readonly commit: string;
  run(arch: string, c: OracleCase): Promise<OracleResult>;
}

/** The directory name of a case inside the cache. */
export function caseKey(c: OracleCase): string {
  if (c.kind === 'target') return c.target;
  if (c.kind === 'defconfig') return `defconfig-${c.name}`;
  if (c.kind === 'random') return `seed-${c.seed}${c.variant === undefined ? '' : `-${c.variant}`}`;
  return `olddefconfig-${createHash('sha1').update(c.input).digest('hex').slice(0, 16)}`;
}

async function firstLine(cmd: string, args: string[]): Promise<string> {
  const stdout = await runProcess(cmd, args, { timeoutMs: 60_000 }).then(
    (r) => r.stdout.toString('utf8'),
    () => `${cmd}: absent`,
  );
  return stdout.split('\n')[0] ?? '';
}

// conf's answers depend on the compiler and linker through the Kconfig probes; a cached answer
// from another toolchain is stale.
async function toolchainIdentity(): Promise<string> {
  return `${await firstLine('gcc', ['--version'])}\n${await firstLine('ld', ['--version'])}\n`;
}

const FILES = ['config', 'stderr', 'stdout', 'input'] as const;
type Stored = Record<(typeof FILES)[number], string> & { failed?: string };

async function load(dir: string, toolchain: string): Promise<Stored | undefined> {
  const read = (name: string) => readFile(path.join(dir, name), 'utf8').catch(() => undefined);
  if ((await read('toolchain')) !== toolchain) return undefined;
  const failed = await read('failed');
  if (failed !== undefined) return { config: '', stderr: '', stdout: '', input: '', failed };
  const [config, stderr, stdout, input] = await Promise.all(FILES.map(read));
  if (config === undefined || stderr === undefined || stdout === undefined) return undefined;
  if (input === undefined) return undefined;
  return { config, stderr, stdout, input };
}

async function store(dir: string, toolchain: string, value: Stored): Promise<void> {
  // Written beside and renamed into place, so a reader never sees half a case.
  const tmp = `${dir}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  await mkdir(tmp, { recursive: true });
  await Promise.all(FILES.map((name) => writeFile(path.join(tmp, name), value[name])));
  if (value.failed !== undefined) await writeFile(path.join(tmp, 'failed'), value.failed);
  await writeFile(path.join(tmp, 'toolchain'), toolchain);
  await rm(dir, { recursive: true, force: true });
  await rename(tmp, dir).catch(() => rm(tmp, { recursive: true, force: true }));
}

// make exiting non-zero is an answer about this machine (a Makefile that needs a cross compiler,
// a target the arch lacks): kept with make's last lines. Anything else (no make) stays an error.
function failure(error: unknown): Stored {
  const makeFailed = (m: string) =>
    m.startsWith('Cannot run "make ') || m.startsWith('Cannot build conf');
  if (!(error instanceof KreviewError) || !makeFailed(error.message)) throw error;
  const failed = `${error.message}${error.hint === undefined ? '' : `\n${error.hint}`}\n`;
  return { config: '', stderr: '', stdout: '', input: '', failed };
}

/**
 * Where the oracle keeps its builddirs and answers: $KREVIEW_ORACLE_CACHE, or "oracle" under the
 * cache root that scripts/kernel-setup.sh uses ($KREVIEW_CACHE, default ~/.cache/kreview). The
 * variable of its own lets a cold run be timed without setting up the kernel tree again.
 */
export function oracleRoot(env: Readonly<Record<string, string | undefined>>): string {
  return env.KREVIEW_ORACLE_CACHE ?? path.join(cachePaths(env, process.cwd()).root, 'oracle');
}

/** Opens the oracle for the base tree `tree` (a git repository whose HEAD is the base). */
export async function openOracle(tree: string, root = oracleRoot(process.env)): Promise<Oracle> {
  const commit = (await simpleGit({ baseDir: tree }).revparse(['HEAD'])).trim();
  const toolchain = await toolchainIdentity();

  async function compute(arch: string, c: OracleCase): Promise<Stored> {
    // Per tree: a builddir's conf, built from one tree's sources, must never serve another tree.
    const builddir = path.join(root, `build-${commit.slice(0, 12)}-${arch}`);
    const options = { tree, builddir, arch };
    if (c.kind === 'random' && c.variant !== undefined) {
      const full = await oracle.run(arch, { kind: 'random', seed: c.seed });
      if (full.failed !== undefined) return { ...full };
      if (c.variant === 'savedefconfig') {
        return {
          ...(await runConf(options, 'savedefconfig', { config: full.config })),
          input: full.config,
        };
      }
      const input = thinConfig(full.input, c.seed);
      return { ...(await runConf(options, 'olddefconfig', { config: input })), input };
    }
    if (c.kind === 'defconfig') {
      const out = await runConf(options, c.name);
      return { config: out.config, stderr: out.stderr, stdout: out.stdout, input: c.name };
    }
    if (c.kind === 'random') {
      const random = await runConf(options, 'randconfig', { seed: c.seed });
      const out = await runConf(options, 'olddefconfig', { config: random.config });
      return { ...out, input: random.config };
    }
    if (c.kind === 'olddefconfig') {
      return { ...(await runConf(options, 'olddefconfig', { config: c.input })), input: c.input };
    }
    if (c.target === 'olddefconfig') {
      return { ...(await runConf(options, 'olddefconfig', { config: '' })), input: '' };
    }
    if (c.target === 'savedefconfig') {
      const full = await oracle.run(arch, { kind: 'target', target: 'defconfig' });
      if (full.failed !== undefined) return { ...full };
      const out = await runConf(options, 'savedefconfig', { config: full.config });
      return { ...out, input: full.config };
    }
    const out = await runConf(options, c.target);
    return {
      config: out.config,
      stderr: out.stderr,
      stdout: out.stdout,
      input: out.defconfigName ?? '',
    };
  }

  const oracle: Oracle = {
    commit,
    async run(arch, c) {
      const dir = path.join(root, commit, arch, caseKey(c));
      const hit = await load(dir, toolchain);
      if (hit !== undefined) return { ...hit, cached: true };
      const value = await compute(arch, c).catch((error: unknown) => failure(error));
      await store(dir, toolchain, value);
      return { ...value, cached: false };
    },
  };
  return oracle;
}

/**
 * The same oracle, answering each (arch, case) from one promise: a prefetcher and a test that
 * ask for the same case at once share one make run instead of running it twice.
 */
export function sharedOracle(oracle: Oracle): Oracle {
  const pending = new Map<string, Promise<OracleResult>>();
  return {
    commit: oracle.commit,
    run(arch, c) {
      const key = `${arch}/${caseKey(c)}`;
      let answer = pending.get(key);
      if (answer === undefined) {
        answer = oracle.run(arch, c);
        // Whoever awaits it sees the failure; the map's own copy must not count as unhandled.
        answer.catch(() => undefined);
        pending.set(key, answer);
      }
      return answer;
    },
  };
}

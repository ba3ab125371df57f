// Runs the kernel's own conf through the kernel's own make, in a builddir per arch (O=), for the
// trusted base tree only. Never point this at a tree built from a patch: make runs its Makefiles.
import { access, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { KreviewError } from '../../src/domain/errors.ts';
import { runProcess } from '../../src/process/run.ts';
import { withLock } from './dir-lock.ts';
import { confStdout } from './make-output.ts';

/** The targets conf is asked for; `randconfig` only to make inputs for olddefconfig. */
export type MakeTarget =
  | 'olddefconfig'
  | 'alldefconfig'
  | 'allnoconfig'
  | 'allyesconfig'
  | 'allmodconfig'
  | 'defconfig'
  | 'savedefconfig'
  | 'randconfig';

/** A file of arch/$SRCARCH/configs, which make takes as a target of its own. */
export type NamedDefconfig = `${string}_defconfig`;

const NAMED_DEFCONFIG = /^[A-Za-z0-9][A-Za-z0-9_.+-]*_defconfig$/;

/** Where to run: the base tree, a builddir owned by the oracle, and make's ARCH. */
export interface ConfRunnerOptions {
  readonly tree: string;
  readonly builddir: string;
  readonly arch: string;
}

/** One conf run: the file conf wrote, and what conf itself printed. */
export interface ConfRun {
  /** .config (or, for savedefconfig, the minimal defconfig) exactly as conf wrote it. */
  readonly config: string;
  readonly stderr: string;
  /** conf's stdout, with make's and kbuild's lines removed (see make-output.ts). */
  readonly stdout: string;
  /** For defconfig: the file under arch/$SRCARCH/configs that make chose. */
  readonly defconfigName?: string;
}

const MAKE_TIMEOUT_MS = 10 * 60_000;

interface Spawned {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(args: readonly string[], env: NodeJS.ProcessEnv): Promise<Spawned> {
  // conf's stderr is compared whole: it is kept up to the size of its stdout.
  const r = await runProcess('make', args, {
    env,
    timeoutMs: MAKE_TIMEOUT_MS,
    maxStderrBytes: 256 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr };
}

// make and conf read many variables from the environment (ARCH, O, CROSS_COMPILE, KCONFIG_*, CC);
// the oracle passes only what it means to.
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/',
    LC_ALL: 'C',
    ...extra,
  };
}

function makeArgs(options: ConfRunnerOptions, target: string): string[] {
  const { tree, builddir, arch } = options;
  return ['-C', tree, `O=${builddir}`, `ARCH=${arch}`, '--no-print-directory', target];
}

// The first make in a fresh builddir compiles conf; doing that in a run of its own keeps the
// compiler's output out of the runs whose stdout and stderr are compared.
async function ensureConf(options: ConfRunnerOptions): Promise<void> {
  const conf = path.join(options.builddir, 'scripts/kconfig/conf');
  if (
    await access(conf).then(
      () => true,
      () => false,
    )
  )
    return;
  await mkdir(options.builddir, { recursive: true });
  const built = await run(['-s', ...makeArgs(options, 'allnoconfig')], cleanEnv({}));
  if (built.code !== 0) {
    throw new KreviewError(`Cannot build conf in "${options.builddir}": make failed`, 'INTERNAL', {
      hint: built.stderr.trim().split('\n').slice(-5).join('\n'),
    });
  }
}

/**
 * Runs `make <target>` once. `config` is the .config conf starts from (olddefconfig,
 * savedefconfig); for every other target the builddir has no .config, as on a fresh checkout.
 */
export async function runConf(
  options: ConfRunnerOptions,
  target: MakeTarget | NamedDefconfig,
  input: { config?: string; seed?: number } = {},
): Promise<ConfRun> {
  // A name becomes a make target: only plain file names, never options or variable assignments.
  if (target.endsWith('_defconfig') && !NAMED_DEFCONFIG.test(target)) {
    throw new KreviewError(`Cannot run "make ${target}": not a defconfig name`, 'USAGE');
  }
  await mkdir(path.dirname(options.builddir), { recursive: true });
  return withLock(`${options.builddir}.lock`, async () => {
    await ensureConf(options);
    const dotConfig = path.join(options.builddir, '.config');
    const defconfigOut = path.join(options.builddir, 'defconfig');
    await rm(dotConfig, { force: true });
    await rm(`${dotConfig}.old`, { force: true });
    await rm(defconfigOut, { force: true });
    if (input.config !== undefined) await writeFile(dotConfig, input.config);
    const env = cleanEnv(input.seed === undefined ? {} : { KCONFIG_SEED: String(input.seed) });
    const made = await run(makeArgs(options, target), env);
    if (made.code !== 0) {
      throw new KreviewError(
        `Cannot run "make ${target}" for "${options.arch}": make exited with ${made.code}`,
        'INTERNAL',
        { hint: made.stderr.trim().split('\n').slice(-5).join('\n') },
      );
    }
    const written = target === 'savedefconfig' ? defconfigOut : dotConfig;
    const config = await readFile(written, 'utf8');
    const split = confStdout(made.stdout);
    return { config, stderr: made.stderr, ...split };
  });
}

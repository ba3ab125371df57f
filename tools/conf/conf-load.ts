// Loads a Kconfig tree for kreview-conf the way conf would see it: files under $srctree, the
// environment as given, and $(shell,…) answered by running the command, as conf itself does
// (kreview-conf is for trusted trees such as the kernel's own test suite, never for patches).
//   KREVIEW_KCONFIG_SOURCES=<kernel tree>: take the Kconfig language from that tree's conf sources.
import path from 'node:path';
import type { Kconfig, KconfigEnv } from '../../src/analyze/kconfig/engine.ts';
import { loadKconfig } from '../../src/analyze/kconfig/engine.ts';
import type { KconfigFiles } from '../../src/analyze/kconfig/files.ts';
import { languageOf } from '../../src/analyze/kconfig/load.ts';
import { KconfigError, KconfigParseError } from '../../src/analyze/kconfig/parse-error.ts';
import type { CommandIo } from '../../src/commands/command.ts';
import { KreviewError } from '../../src/domain/errors.ts';
import { ProcessError, runProcess } from '../../src/process/run.ts';
import { dirFiles } from '../../src/sources/dir-files.ts';

type Answer = { stdout: string; exitCode: number };

const MAX_ROUNDS = 20;
const MAX_OUTPUT = 1 << 20;

// conf's stderr is the user's terminal: what a command prints there is passed on.
async function sh(
  command: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  io: CommandIo,
): Promise<Answer> {
  try {
    const r = await runProcess('/bin/sh', ['-c', command], {
      cwd,
      env,
      maxOutputBytes: MAX_OUTPUT,
    });
    io.stderr.write(r.stderr);
    return { stdout: r.stdout.toString('utf8'), exitCode: r.status };
  } catch (error) {
    if (!(error instanceof ProcessError)) throw error;
    io.stderr.write(error.stderr);
    return { stdout: '', exitCode: 127 };
  }
}

// conf is started as `conf --mode <file>`; the engine starts at "Kconfig", so another top-level
// file name is served under that name.
function topLevelAs(files: KconfigFiles, top: string): KconfigFiles {
  if (top === 'Kconfig') return files;
  const map = (p: string) => (p === 'Kconfig' ? top : p);
  return { read: (p) => files.read(map(p)), identity: (p) => files.identity(map(p)) };
}

/**
 * What parsing printed ($(info) lines for stdout; warnings or the error for stderr) and the tree,
 * if it parsed. A run's own stderr repeats the parse warnings, as conf prints them in every run.
 */
export interface ConfLoad {
  readonly kconfig: Kconfig | undefined;
  readonly info: string;
  readonly warnings: string;
}

const lines = (items: readonly string[]) =>
  items.map((s) => (s.endsWith('\n') ? s : `${s}\n`)).join('');

/** Loads `top` under `srctree`, running the commands its macros ask for until none is new. */
export async function loadConfKconfig(
  srctree: string,
  top: string,
  io: CommandIo,
): Promise<ConfLoad> {
  const files = topLevelAs(dirFiles(srctree), top);
  const extra = Object.fromEntries(
    Object.entries(io.env).filter((e): e is [string, string] => e[1] !== undefined),
  );
  const env: KconfigEnv = { arch: extra.ARCH ?? 'x86_64', extra };
  if (extra.SRCARCH !== undefined) env.srcarch = extra.SRCARCH;
  // The language is the tree's (its scripts/kconfig sources, the newest without them), or that
  // of the kernel tree KREVIEW_KCONFIG_SOURCES names: the kernel's own tests run in directories
  // with no scripts/kconfig of their own.
  const sources = io.env.KREVIEW_KCONFIG_SOURCES;
  env.language = await languageOf(sources ? dirFiles(path.resolve(io.cwd, sources)) : files, env);
  const commands = new Map<string, Answer>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let kconfig: Kconfig;
    try {
      kconfig = await loadKconfig(files, env, { commands });
    } catch (error) {
      if (!(error instanceof KreviewError) || !error.code.startsWith('KCONFIG_')) throw error;
      // conf prints the parse's warnings and errors in order; other errors (a limit) alone.
      const warnings =
        error instanceof KconfigParseError
          ? error.stderr
          : lines([error instanceof KconfigError ? error.confText : error.message]);
      return { kconfig: undefined, info: '', warnings };
    }
    const fresh = kconfig.unansweredCommands.filter((c) => !commands.has(c));
    if (fresh.length === 0) {
      return { kconfig, info: lines(kconfig.info), warnings: lines(kconfig.warnings) };
    }
    for (const command of fresh)
      commands.set(command, await sh(command, io.cwd, { ...io.env }, io));
  }
  throw new KreviewError(
    `Cannot load "${top}": its commands kept changing after ${MAX_ROUNDS} rounds`,
    'KCONFIG_LIMIT',
  );
}

// Loads a Kconfig tree for kreview-conf the way conf would see it: files under $srctree, the
// environment as given, and $(shell,…) answered by running the command, as conf itself does
// (kreview-conf is for trusted trees such as the kernel's own test suite, never for patches).
import { spawn } from 'node:child_process';
import type { Kconfig, KconfigEnv } from '../analyze/kconfig/engine.ts';
import { loadKconfig } from '../analyze/kconfig/engine.ts';
import type { KconfigFiles } from '../analyze/kconfig/files.ts';
import { KreviewError } from '../domain/errors.ts';
import { dirFiles } from '../sources/dir-files.ts';
import type { CommandIo } from './command.ts';

type Answer = { stdout: string; exitCode: number };

const MAX_ROUNDS = 20;
const MAX_OUTPUT = 1 << 20;

function sh(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<Answer> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', command], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (b: Buffer) => {
      if (stdout.length < MAX_OUTPUT) stdout += b.toString('utf8');
    });
    child.on('error', () => resolve({ stdout: '', exitCode: 127 }));
    child.on('close', (code) => resolve({ stdout, exitCode: code ?? 1 }));
  });
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

// The engine words its errors as kreview does ("Cannot expand Kconfig macro: Kconfig:5: …");
// conf prints only the part after the action.
function confText(error: KreviewError): string {
  return error.message.replace(/^Cannot [^:]*: /, '');
}

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
  const commands = new Map<string, Answer>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let kconfig: Kconfig;
    try {
      kconfig = await loadKconfig(files, env, { commands });
    } catch (error) {
      if (!(error instanceof KreviewError) || !error.code.startsWith('KCONFIG_')) throw error;
      return { kconfig: undefined, info: '', warnings: lines([confText(error)]) };
    }
    const fresh = kconfig.unansweredCommands.filter((c) => !commands.has(c));
    if (fresh.length === 0) {
      return { kconfig, info: lines(kconfig.info), warnings: lines(kconfig.warnings) };
    }
    for (const command of fresh) commands.set(command, await sh(command, io.cwd, { ...io.env }));
  }
  throw new KreviewError(
    `Cannot load "${top}": its commands kept changing after ${MAX_ROUNDS} rounds`,
    'KCONFIG_LIMIT',
  );
}

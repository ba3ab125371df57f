// The one place that runs git with stdin and streamed stdout: what simple-git cannot do (feed a
// patch on stdin, keep `cat-file --batch` running). Always an argv, never a shell; one-shot runs
// go through the process runner (time and output bounded, ProcessError on failure).
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { KreviewError } from '../domain/errors.ts';
import { runProcess, startProcess } from '../process/run.ts';

/** What one git run produced. */
export interface GitRunResult {
  readonly status: number;
  readonly stdout: Buffer;
  readonly stderr: string;
}

export interface GitRunOptions {
  /** Bytes written to git's stdin, which is then closed. */
  readonly input?: string | Buffer;
  /** Variables added to the port's environment for this run (GIT_INDEX_FILE, author, dates). */
  readonly env?: Readonly<Record<string, string>>;
  /** Output bigger than this kills git and rejects (a hostile input must not exhaust memory). */
  readonly maxOutputBytes?: number;
}

/** Runs git in one repository; passed to the apply layer so tests and benches share one path. */
export interface GitProcessPort {
  readonly cwd: string;
  run(args: readonly string[], options?: GitRunOptions): Promise<GitRunResult>;
  /** Starts a long-lived git (e.g. `cat-file --batch`); the caller owns its streams. */
  spawn(args: readonly string[]): ChildProcessWithoutNullStreams;
}

const DEFAULT_MAX_OUTPUT = 256 * 1024 * 1024;

/**
 * The environment git runs with: PATH and HOME from the caller, C locale so git's own words are
 * the same everywhere, never a terminal prompt or a pager.
 */
export function gitEnvironment(
  from: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const env: Record<string, string> = {
    PATH: from.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LC_ALL: 'C',
    GIT_TERMINAL_PROMPT: '0',
    GIT_PAGER: 'cat',
  };
  if (from.HOME !== undefined) env.HOME = from.HOME;
  return env;
}

/** A process port for the repository at `cwd`, with a fixed base environment. */
export function gitProcessPort(cwd: string, env: Readonly<Record<string, string>>): GitProcessPort {
  return {
    cwd,
    spawn: (args) => startProcess('git', args, { cwd, env }),
    run: (args, options = {}) =>
      runProcess(
        'git',
        args,
        {
          cwd,
          env: { ...env, ...options.env },
          ...(options.input === undefined ? {} : { input: options.input }),
          maxOutputBytes: options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT,
        },
        'GIT_FAILED',
      ),
  };
}

/** Runs git and returns stdout as text, throwing a GIT_FAILED error naming `action` on failure. */
export async function gitText(
  port: GitProcessPort,
  action: string,
  args: readonly string[],
  options?: GitRunOptions,
): Promise<string> {
  const result = await port.run(args, options);
  if (result.status !== 0) {
    throw new KreviewError(`Cannot ${action}: ${firstLines(result.stderr)}`, 'GIT_FAILED');
  }
  return result.stdout.toString('utf8');
}

/** The first few lines of git's stderr, trimmed: enough to say why, short enough for one line. */
export function firstLines(text: string, count = 3): string {
  return text.trim().split('\n').slice(0, count).join('; ') || 'git gave no reason';
}

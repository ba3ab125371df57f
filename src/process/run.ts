// The one way kreview runs a program to completion: an argv (never a shell unless the caller
// names /bin/sh), a time limit, a cap on what it may print, and a typed error that keeps what
// the program said on stderr. Long-lived programs (cat-file --batch, fast-import) keep their own
// streams but fail with the same ProcessError.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { KreviewError } from '../domain/errors.ts';

/** What one run produced; `status` is the exit status (128 + signal when it was killed). */
export interface ProcessResult {
  readonly status: number;
  readonly stdout: Buffer;
  readonly stderr: string;
}

export interface ProcessOptions {
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Bytes written to stdin, which is then closed (stdin is empty otherwise). */
  readonly input?: string | Buffer;
  /** Killed and rejected after this long (default: no limit). */
  readonly timeoutMs?: number;
  /** More stdout than this kills the program and rejects (default 256 MiB). */
  readonly maxOutputBytes?: number;
  /** stderr past this many bytes is dropped (default 64 KiB: enough for a message). */
  readonly maxStderrBytes?: number;
}

const DEFAULT_MAX_OUTPUT = 256 * 1024 * 1024;
// The program's words are kept for messages; a flood of them is cut, not buffered.
const DEFAULT_MAX_STDERR = 64 * 1024;

/** A program that could not be started, ran too long, printed too much, or (from a caller) failed. */
export class ProcessError extends KreviewError {
  readonly #command: string;
  readonly #stderr: string;
  readonly #status: number | undefined;
  constructor(
    command: string,
    reason: string,
    details: {
      stderr?: string;
      status?: number;
      code?: 'GIT_FAILED' | 'INTERNAL';
      hint?: string;
      cause?: unknown;
    } = {},
  ) {
    const options: { hint?: string; cause?: unknown } = {};
    if (details.hint !== undefined) options.hint = details.hint;
    if (details.cause !== undefined) options.cause = details.cause;
    super(`Cannot run "${command}": ${reason}`, details.code ?? 'INTERNAL', options);
    this.#command = command;
    this.#stderr = details.stderr ?? '';
    this.#status = details.status;
  }
  /** The program and its first argument, as named in the message. */
  get command(): string {
    return this.#command;
  }
  get stderr(): string {
    return this.#stderr;
  }
  get status(): number | undefined {
    return this.#status;
  }
}

/** The name a message gives a run: the program and its subcommand. */
export function commandName(file: string, args: readonly string[]): string {
  return args[0] === undefined ? file : `${file} ${args[0]}`;
}

/**
 * Runs `file` with `args` and resolves to what it printed and its status, whatever the status.
 * Rejects with a ProcessError when it cannot start, outruns `timeoutMs`, or prints more than
 * `maxOutputBytes`.
 */
export function runProcess(
  file: string,
  args: readonly string[],
  options: ProcessOptions = {},
  errorCode: 'GIT_FAILED' | 'INTERNAL' = 'INTERNAL',
): Promise<ProcessResult> {
  const name = commandName(file, args);
  return new Promise((resolve, reject) => {
    // A program under a time limit (a shell running probes, make) gets a process group of its
    // own, so what it started dies with it and cannot hold the pipes open.
    const group = options.timeoutMs !== undefined;
    const child = spawn(file, [...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: 'pipe',
      detached: group,
    });
    const limit = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
    const maxStderr = options.maxStderrBytes ?? DEFAULT_MAX_STDERR;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    let failure: string | undefined;
    const stop = (reason: string) => {
      failure ??= reason;
      try {
        if (group && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      // A child it left behind may still hold the pipes: stop reading them.
      child.stdout.destroy();
      child.stderr.destroy();
    };
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => stop(`still running after ${options.timeoutMs} ms`), options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > limit) stop(`output is larger than ${limit} bytes`);
      else out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (errBytes < maxStderr) err.push(chunk);
      errBytes += chunk.length;
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(
        new ProcessError(name, error.message, {
          code: errorCode,
          hint: `Install ${file} and make sure it is on PATH.`,
          cause: error,
        }),
      );
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stderr = Buffer.concat(err).toString('utf8');
      if (failure !== undefined) {
        reject(new ProcessError(name, failure, { code: errorCode, stderr }));
        return;
      }
      resolve({ status: code ?? (signal === null ? 1 : 128), stdout: Buffer.concat(out), stderr });
    });
    // A program may exit before reading all its input (e.g. a bad option): not our error.
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}

/**
 * Starts a long-lived program whose streams the caller owns (`git cat-file --batch`, the tar
 * that unpacks `git archive`): an argv, never a shell, with the same environment rules as
 * `runProcess`. `exitStatus` waits for it.
 */
export function startProcess(
  file: string,
  args: readonly string[],
  options: Pick<ProcessOptions, 'cwd' | 'env'> = {},
): ChildProcessWithoutNullStreams {
  return spawn(file, [...args], { cwd: options.cwd, env: options.env, stdio: 'pipe' });
}

/** The exit status of a started program: 127 when it could not start, 128 when killed. */
export function exitStatus(child: ChildProcessWithoutNullStreams): Promise<number> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) {
      resolve(child.exitCode);
      return;
    }
    child.once('error', () => resolve(127));
    child.once('close', (code, signal) => resolve(code ?? (signal === null ? 1 : 128)));
  });
}

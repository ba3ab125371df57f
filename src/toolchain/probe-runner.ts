// Runs one probe command of the base tree with /bin/sh, as conf does, in a directory that holds
// a copy of the base tree's scripts (so "./scripts/cc-version.sh" and friends resolve), with a
// time limit and bounded output.
import { ProcessError, runProcess } from '../process/run.ts';
import type { ProbeAnswer } from './record-profile.ts';

const TIME_LIMIT_MS = 60_000;
const MAX_OUTPUT = 1 << 20;

/** A runner for commands in `dir` with the given environment. */
export function probeRunner(
  dir: string,
  env: Readonly<Record<string, string>>,
): (command: string) => Promise<ProbeAnswer> {
  // A probe that cannot start answers as the shell would (127); one that runs too long or prints
  // too much is a failed probe, as a command conf could not use.
  return (command) =>
    runProcess('/bin/sh', ['-c', command], {
      cwd: dir,
      env,
      timeoutMs: TIME_LIMIT_MS,
      maxOutputBytes: MAX_OUTPUT,
    }).then(
      (r) => ({ stdout: r.stdout.toString('utf8'), exitCode: r.status }),
      (error: unknown) => {
        if (!(error instanceof ProcessError)) throw error;
        return { stdout: '', exitCode: error.cause === undefined ? 1 : 127 };
      },
    );
}

/** The toolchain's identity for the cache key: what its tools say of their versions. */
export async function toolchainIdentity(
  env: Readonly<Record<string, string>>,
  tools: readonly string[],
): Promise<string> {
  const run = probeRunner('/', env);
  const lines: string[] = [];
  for (const tool of tools) {
    const answer = await run(`${tool} --version 2>/dev/null | head -n 1`);
    lines.push(`${tool}: ${answer.stdout.trim()}`);
  }
  return lines.join('\n');
}

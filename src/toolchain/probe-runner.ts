// Runs one probe command of the base tree with /bin/sh, as conf does, in a directory that holds
// a copy of the base tree's scripts (so "./scripts/cc-version.sh" and friends resolve), with a
// time limit and bounded output.
import { spawn } from 'node:child_process';
import type { ProbeAnswer } from './record-profile.ts';

const TIME_LIMIT_MS = 60_000;
const MAX_OUTPUT = 1 << 20;

/** A runner for commands in `dir` with the given environment. */
export function probeRunner(
  dir: string,
  env: Readonly<Record<string, string>>,
): (command: string) => Promise<ProbeAnswer> {
  return (command) =>
    new Promise((resolve) => {
      const child = spawn('/bin/sh', ['-c', command], {
        cwd: dir,
        env,
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      let stdout = '';
      const timer = setTimeout(() => child.kill('SIGKILL'), TIME_LIMIT_MS);
      child.stdout.on('data', (chunk: Buffer) => {
        if (stdout.length < MAX_OUTPUT) stdout += chunk.toString('utf8');
      });
      child.on('error', () => {
        clearTimeout(timer);
        resolve({ stdout: '', exitCode: 127 });
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ stdout, exitCode: code ?? 1 });
      });
    });
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

// Runs kreview's CLI in-process, as `kreview ARGS` from the repository root with no stdin, and
// returns its exit status and what it wrote.
import { Readable } from 'node:stream';
import { main } from '../../src/cli.ts';
import { repoRoot } from '../ingest/helpers.ts';

export async function runCli(
  args: readonly string[],
): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const status = await main([...args], {
    stdout: { write: (c: string) => (out += c) },
    stderr: { write: (c: string) => (err += c) },
    stdin: Readable.from([]),
    env: process.env,
    cwd: repoRoot,
  });
  return { status, out, err };
}

// The recorded toolchain profile on disk, keyed by what decides its answers: the toolchain's own
// identity and the base tree's scripts/ (the probes). A stale key simply records afresh.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProbeAnswer } from './record-profile.ts';

/** The cache key: a hash of the toolchain's version lines and the scripts tree id. */
export function profileKey(toolchainIdentity: string, scriptsTree: string): string {
  return createHash('sha256')
    .update(`${toolchainIdentity}\0${scriptsTree}`)
    .digest('hex')
    .slice(0, 32);
}

/** Reads a cached profile; an absent or unreadable file is an empty profile. */
export async function readProfile(dir: string, key: string): Promise<Map<string, ProbeAnswer>> {
  try {
    const json: unknown = JSON.parse(await readFile(join(dir, `${key}.json`), 'utf8'));
    const entries = (json as { commands?: unknown }).commands;
    if (!Array.isArray(entries)) return new Map();
    return new Map(
      entries.filter(isEntry).map(([command, stdout, exitCode]) => [command, { stdout, exitCode }]),
    );
  } catch {
    return new Map();
  }
}

/** Writes the profile atomically (temp file, then rename), sorted so it diffs well. */
export async function writeProfile(
  dir: string,
  key: string,
  commands: ReadonlyMap<string, ProbeAnswer>,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const entries = [...commands]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([command, answer]) => [command, answer.stdout, answer.exitCode]);
  const path = join(dir, `${key}.json`);
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify({ commands: entries }, null, 1)}\n`);
  await rename(temp, path);
}

function isEntry(value: unknown): value is [string, string, number] {
  return (
    Array.isArray(value) &&
    typeof value[0] === 'string' &&
    typeof value[1] === 'string' &&
    typeof value[2] === 'number'
  );
}

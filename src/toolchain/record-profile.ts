import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { KconfigEnv } from '../analyze/kconfig/engine.ts';
import { ccVersionCommand, rustcVersionCommand } from '../analyze/kconfig/environment.ts';
import type { KconfigFiles } from '../analyze/kconfig/files.ts';
import { environmentFor, unansweredCommands } from '../analyze/kconfig/load.ts';
import type { ToolchainProfile } from '../analyze/kconfig/toolchain.ts';
import { probeRunner, toolchainIdentity } from './probe-runner.ts';
import { profileKey, readProfile, writeProfile } from './profile-cache.ts';

/** What one command answered: its standard output and exit status. */
export interface ProbeAnswer {
  stdout: string;
  exitCode: number;
}

const MAX_ROUNDS = 20;
const PARALLEL = 4;
// Entries "#script <path>" in the cached profile hold the hash of each script a command names,
// so a changed probe script is run again.
const SCRIPT_MARK = '#script ';

function namedScripts(command: string): string[] {
  return [...command.matchAll(/\.\/(scripts\/[\w./-]+)/g)].map((m) => m[1] as string);
}

async function fileHash(treeDir: string, rel: string): Promise<string> {
  const data = await readFile(path.join(treeDir, rel)).catch(() => Buffer.from('\0missing'));
  return createHash('sha256').update(data).digest('hex');
}

// Drops cached answers of commands whose scripts changed since they were recorded.
async function dropStale(commands: Map<string, ProbeAnswer>, treeDir: string): Promise<void> {
  const stale = new Set<string>();
  for (const [k, v] of commands)
    if (
      k.startsWith(SCRIPT_MARK) &&
      (await fileHash(treeDir, k.slice(SCRIPT_MARK.length))) !== v.stdout
    )
      stale.add(k.slice(SCRIPT_MARK.length));
  if (stale.size === 0) return;
  for (const k of [...commands.keys()])
    if (stale.has(k.slice(SCRIPT_MARK.length)) || namedScripts(k).some((p) => stale.has(p)))
      commands.delete(k);
}

// A hash of every file under scripts/ that the commands name, so edited probes record afresh.
async function scriptsHash(treeDir: string): Promise<string> {
  const h = createHash('sha256');
  for (const name of [
    'cc-version.sh',
    'ld-version.sh',
    'as-version.sh',
    'rustc-version.sh',
    'rustc-llvm-version.sh',
    'Kconfig.include',
  ]) {
    const text = await readFile(path.join(treeDir, 'scripts', name)).catch(() => Buffer.from(''));
    h.update(`${name}\0`).update(text).update('\0');
  }
  return h.digest('hex');
}

/** The cache key of a tree's profile (toolchain identity, arch, probe scripts) and the shell env. */
async function profileCacheKey(
  files: KconfigFiles,
  treeDir: string,
  env: KconfigEnv,
): Promise<{ key: string; shellBase: Record<string, string> }> {
  const baseEnv = await environmentFor(files, env, { commands: new Map() });
  const shellBase: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) shellBase[k] = v;
  const id = await toolchainIdentity({ ...shellBase, ...baseEnv }, [
    baseEnv.CC ?? 'gcc',
    baseEnv.LD ?? 'ld',
  ]);
  return { key: profileKey(`${id}\n${env.arch}`, await scriptsHash(treeDir)), shellBase };
}

/**
 * The profile recorded earlier for this tree and toolchain, as it is on disk (possibly empty or
 * incomplete): a caller that loads with it and finds nothing unanswered need not record.
 */
export async function cachedProfile(
  files: KconfigFiles,
  treeDir: string,
  env: KconfigEnv,
  cacheDir: string,
): Promise<ToolchainProfile> {
  const { key } = await profileCacheKey(files, treeDir, env);
  return { commands: await readProfile(cacheDir, key) };
}

/**
 * Records the answers of the base tree's Kconfig commands with the real toolchain: expands,
 * runs what is unanswered with /bin/sh -c in a temporary directory whose entries link to the
 * tree (so $(srctree)/scripts/… resolve, srctree being "."), and repeats until nothing new is
 * asked. Cached under cacheDir, keyed by the toolchain's identity, the arch and the probe scripts;
 * an answer is recorded again when a script its command names has changed.
 */
export async function recordProfile(
  files: KconfigFiles,
  treeDir: string,
  env: KconfigEnv,
  cacheDir: string,
): Promise<ToolchainProfile> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'kreview-probe-'));
  try {
    for (const entry of await readdir(treeDir)) {
      if (entry === '.git') continue;
      await symlink(path.join(path.resolve(treeDir), entry), path.join(work, entry));
    }
    const { key, shellBase } = await profileCacheKey(files, treeDir, env);
    const commands = await readProfile(cacheDir, key);
    await dropStale(commands, treeDir);
    const before = commands.size;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const profile = { commands };
      const kenv = await environmentFor(files, env, profile);
      const asked = new Set(await unansweredCommands(files, env, profile));
      asked.add(ccVersionCommand(kenv.CC ?? 'gcc'));
      asked.add(rustcVersionCommand(kenv.RUSTC ?? 'rustc'));
      const todo = [...asked].filter((c) => !commands.has(c));
      if (todo.length === 0) break;
      const run = probeRunner(work, { ...shellBase, ...kenv, srctree: '.' });
      for (let i = 0; i < todo.length; i += PARALLEL) {
        const batch = todo.slice(i, i + PARALLEL);
        const answers = await Promise.all(batch.map(run));
        for (const [j, c] of batch.entries()) commands.set(c, answers[j] as ProbeAnswer);
        for (const p of batch.flatMap(namedScripts))
          commands.set(`${SCRIPT_MARK}${p}`, { stdout: await fileHash(treeDir, p), exitCode: 0 });
      }
    }
    if (commands.size !== before) await writeProfile(cacheDir, key, commands);
    return { commands: new Map([...commands].filter(([k]) => !k.startsWith(SCRIPT_MARK))) };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

// Wires the analysis ports to a real repository: Kconfig of any commit from git objects (one
// parse cache for every tree and arch), the base tree's toolchain profile, and git grep.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kconfig } from '../analyze/kconfig/engine.ts';
import { loadKconfig } from '../analyze/kconfig/engine.ts';
import { ParseCache } from '../analyze/kconfig/parse-cache.ts';
import type { ToolchainProfile } from '../analyze/kconfig/toolchain.ts';
import type { ReviewPorts } from '../analyze/review.ts';
import { type ObjectReader, openObjectReader } from '../git/cat-file.ts';
import { materializeProbes } from '../git/materialize.ts';
import type { GitProcessPort } from '../git/process-port.ts';
import { definedSymbols, symbolReferences } from '../git/symbol-grep.ts';
import { gitTreeFiles } from '../git/tree-files.ts';
import { cachedProfile, recordProfile } from '../toolchain/record-profile.ts';

// Targets that read no .config give the same answer every time for a loaded tree; the matrices,
// the drift check and the arch choice ask for the same defconfig several times.
function memoizeTargets(kconfig: Kconfig): Kconfig {
  const answers = new Map<string, ReturnType<Kconfig['run']>>();
  const run: Kconfig['run'] = (target, input = {}) => {
    if (input.config !== undefined) return kconfig.run(target, input);
    const key = `${target}:${input.defconfig ?? ''}`;
    let answer = answers.get(key);
    if (answer === undefined) {
      answer = kconfig.run(target, input);
      answers.set(key, answer);
    }
    return answer;
  };
  return Object.assign(Object.create(kconfig) as Kconfig, { run });
}

export interface TreePorts extends ReviewPorts {
  close(): Promise<void>;
}

/**
 * Ports over the repository at `port.cwd`. The toolchain profile of an arch is recorded from
 * the BASE commit's Kconfig and probe scripts (copied out of git), and only then are other
 * commits of that arch loaded with it: a command only a patched tree asks for is never run.
 */
export function treePorts(
  port: GitProcessPort,
  base: string,
  progress: (message: string) => void,
  toolchainCache: string,
): TreePorts {
  const reader: ObjectReader = openObjectReader(port);
  const cache = new ParseCache();
  const bases = new Map<string, Promise<{ profile: ToolchainProfile; kconfig: Kconfig }>>();
  const loads = new Map<string, Promise<Kconfig>>();
  const defined = new Map<string, Promise<ReadonlySet<string>>>();
  const trees = new Map<string, ReturnType<typeof gitTreeFiles>>();

  // The probes run in a copy of the BASE commit's scripts, not in the work tree (which may hold
  // another commit, or be absent in a bare repository); made once, on first need.
  let probes: Promise<string> | undefined;
  const probeDir = () => {
    probes ??= mkdtemp(path.join(tmpdir(), 'kreview-probes-')).then(async (dir) => {
      await materializeProbes(port, base, dir);
      return dir;
    });
    return probes;
  };

  // The base tree is loaded with the profile cached on disk; only when that leaves commands
  // unanswered (first run, new toolchain, changed probes) are the probes run and it reloaded.
  const loadBase = async (arch: string) => {
    const files = gitTreeFiles(port, reader, base);
    progress(`reading Kconfig of ${base.slice(0, 12)} for ${arch}`);
    const dir = await probeDir();
    const cached = await cachedProfile(files, dir, { arch }, toolchainCache);
    if (cached.commands.size > 0) {
      const kconfig = await loadKconfig(files, { arch }, cached, cache);
      if (kconfig.unansweredCommands.length === 0)
        return { profile: cached, kconfig: memoizeTargets(kconfig) };
    }
    progress(`recording the toolchain profile for ${arch} from ${base.slice(0, 12)}`);
    const profile = await recordProfile(files, dir, { arch }, toolchainCache);
    return { profile, kconfig: memoizeTargets(await loadKconfig(files, { arch }, profile, cache)) };
  };
  const baseFor = (arch: string) => {
    let loaded = bases.get(arch);
    if (loaded === undefined) {
      loaded = loadBase(arch);
      bases.set(arch, loaded);
    }
    return loaded;
  };

  return {
    progress,
    load(commit, arch) {
      if (commit === base) return baseFor(arch).then((b) => b.kconfig);
      const key = `${commit}:${arch}`;
      let loaded = loads.get(key);
      if (loaded === undefined) {
        loaded = baseFor(arch).then(({ profile }) => {
          progress(`reading Kconfig of ${commit.slice(0, 12)} for ${arch}`);
          return loadKconfig(gitTreeFiles(port, reader, commit), { arch }, profile, cache).then(
            memoizeTargets,
          );
        });
        loads.set(key, loaded);
      }
      return loaded;
    },
    loadPassing(commit, arch) {
      const key = `${commit}:${arch}:passing`;
      let loaded = loads.get(key);
      if (loaded === undefined) {
        loaded = baseFor(arch).then(async ({ profile }) => {
          const files = gitTreeFiles(port, reader, commit);
          // Nothing is run: the unanswered commands are only told they succeeded (a command
          // built from another's answer shows up on the next load, so a few rounds).
          const commands = new Map(profile.commands);
          let kconfig = await loadKconfig(files, { arch }, profile, cache);
          for (let round = 0; round < 3 && kconfig.unansweredCommands.length > 0; round++) {
            for (const c of kconfig.unansweredCommands)
              commands.set(c, { stdout: '', exitCode: 0 });
            kconfig = await loadKconfig(files, { arch }, { commands }, cache);
          }
          return memoizeTargets(kconfig);
        });
        loads.set(key, loaded);
      }
      return loaded;
    },
    definedSymbols(commit) {
      let symbols = defined.get(commit);
      if (symbols === undefined) {
        symbols = definedSymbols(port, commit);
        defined.set(commit, symbols);
      }
      return symbols;
    },
    references: (commit, symbols) => symbolReferences(port, commit, symbols),
    readFile: (commit, file) => {
      // One listing of the tree per commit, however many files are read from it.
      let files = trees.get(commit);
      if (files === undefined) {
        files = gitTreeFiles(port, reader, commit);
        trees.set(commit, files);
      }
      return files.read(file);
    },
    close: async () => {
      await reader.close();
      if (probes !== undefined) await rm(await probes, { recursive: true, force: true });
    },
  };
}

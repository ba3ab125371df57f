// Wires the analysis ports to a real repository: Kconfig of any commit from git objects (one
// parse cache for every tree and arch), the base tree's toolchain profile, and git grep.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kconfig } from '../analyze/kconfig/engine.ts';
import { loadKconfig } from '../analyze/kconfig/engine.ts';
import { ParseCache } from '../analyze/kconfig/parse-cache.ts';
import { type Answers, recordingFiles, sameAnswers } from '../analyze/kconfig/recorded-files.ts';
import type { ToolchainProfile } from '../analyze/kconfig/toolchain.ts';
import type { ReviewPorts } from '../analyze/review.ts';
import { type ObjectReader, openObjectReader } from '../git/cat-file.ts';
import { materializeProbes } from '../git/materialize.ts';
import type { GitProcessPort } from '../git/process-port.ts';
import { definedSymbols, symbolReferences } from '../git/symbol-grep.ts';
import { changedPaths } from '../git/tree-diff.ts';
import { gitTreeFiles, treeObjects } from '../git/tree-files.ts';
import { cachedProfile, recordProfile } from '../toolchain/record-profile.ts';

// A loaded tree's runs depend only on the target and its input, and a review asks the same run
// many times: the preset and derived matrices share cells, the upgrade check re-runs old
// configurations, the cause attribution re-runs what it re-checks. Answers are kept per tree (a
// bounded number, oldest dropped first); a ConfResult is never modified by its users.
const MAX_REMEMBERED_RUNS = 512;

function memoizeTargets(kconfig: Kconfig): Kconfig {
  const answers = new Map<string, ReturnType<Kconfig['run']>>();
  const run: Kconfig['run'] = (target, input = {}) => {
    const key = `${target}|${input.defconfig ?? ''}|${input.seed ?? ''}|${input.probability ?? ''}|${input.warnChangedInput === true}|${input.config ?? '\0none'}`;
    let answer = answers.get(key);
    if (answer === undefined) {
      answer = kconfig.run(target, input);
      if (answers.size >= MAX_REMEMBERED_RUNS)
        answers.delete(answers.keys().next().value as string);
      answers.set(key, answer);
    }
    return answer;
  };
  return Object.assign(Object.create(kconfig) as Kconfig, { run });
}

// Files a loaded Kconfig may still read after its load: defconfigs and their fragments.
const CONFIG_MATERIAL = /(^|\/)configs\/|config$/i;

/** A finished load: what it asked of its commit's files, for reuse by another commit. */
interface Loaded {
  readonly commit: string;
  readonly arch: string;
  readonly profile: ToolchainProfile;
  readonly answers: Answers;
  readonly kconfig: Kconfig;
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
): TreePorts {
  const reader: ObjectReader = openObjectReader(port);
  const trees = treeObjects(reader);
  const cache = new ParseCache();
  const bases = new Map<string, Promise<{ profile: ToolchainProfile; kconfig: Kconfig }>>();
  const loads = new Map<string, Promise<Kconfig>>();
  const defined = new Map<string, Promise<ReadonlySet<string>>>();
  const commits = new Map<string, ReturnType<typeof gitTreeFiles>>();
  const finished: Loaded[] = [];

  // One tree of files per commit, all sharing the tree objects read so far.
  const filesOf = (commit: string) => {
    let files = commits.get(commit);
    if (files === undefined) {
      files = gitTreeFiles(reader, commit, trees);
      commits.set(commit, files);
    }
    return files;
  };

  // A commit whose files answer every question an earlier load asked the same way has the same
  // Kconfig (for the same arch and profile): a series' prefix that changes no Kconfig, or an arch
  // whose files the series leaves alone. A changed defconfig or fragment rules reuse out, since
  // those are read after the load too.
  const reusable = async (prior: Loaded, commit: string): Promise<boolean> => {
    const changed = await changedPaths(trees, prior.commit, commit);
    if (changed.some((p) => CONFIG_MATERIAL.test(p))) return false;
    return sameAnswers(prior.answers, filesOf(commit));
  };
  const loadWith = async (commit: string, arch: string, profile: ToolchainProfile) => {
    for (const prior of finished) {
      if (prior.arch !== arch || prior.profile !== profile) continue;
      if (await reusable(prior, commit)) {
        progress(
          `Kconfig of ${commit.slice(0, 12)} for ${arch} is ${prior.commit.slice(0, 12)}'s: no file it reads differs`,
        );
        return prior.kconfig;
      }
    }
    progress(`reading Kconfig of ${commit.slice(0, 12)} for ${arch}`);
    const { files, answers } = recordingFiles(filesOf(commit));
    const kconfig = memoizeTargets(await loadKconfig(files, { arch }, profile, cache));
    finished.push({ commit, arch, profile, answers, kconfig });
    return kconfig;
  };

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
    const files = filesOf(base);
    const dir = await probeDir();
    const cached = await cachedProfile(files, dir, { arch });
    if (cached.commands.size > 0) {
      const kconfig = await loadWith(base, arch, cached);
      if (kconfig.unansweredCommands.length === 0) return { profile: cached, kconfig };
    }
    progress(`recording the toolchain profile for ${arch} from ${base.slice(0, 12)}`);
    const profile = await recordProfile(files, dir, { arch });
    return { profile, kconfig: await loadWith(base, arch, profile) };
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
        loaded = baseFor(arch).then(({ profile }) => loadWith(commit, arch, profile));
        loads.set(key, loaded);
      }
      return loaded;
    },
    loadPassing(commit, arch) {
      const key = `${commit}:${arch}:passing`;
      let loaded = loads.get(key);
      if (loaded === undefined) {
        loaded = baseFor(arch).then(async ({ profile }) => {
          const files = filesOf(commit);
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
    readFile: (commit, file) => filesOf(commit).read(file),
    close: async () => {
      await reader.close();
      if (probes !== undefined) await rm(await probes, { recursive: true, force: true });
    },
  };
}

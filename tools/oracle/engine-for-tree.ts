// Loads the kreview engine on the trusted base tree the way the differential, the benchmark and
// the full script compare it with conf: the commit's files from git objects (as kreview reads
// every tree), ARCH as make is given it, and the base tree's probes answered by the real
// toolchain (recorded once, cached on disk).
import process from 'node:process';
import type { Kconfig } from '../../src/analyze/kconfig/engine.ts';
import { loadKconfig } from '../../src/analyze/kconfig/engine.ts';
import type { KconfigFiles } from '../../src/analyze/kconfig/files.ts';
import type { ParseCache } from '../../src/analyze/kconfig/parse-cache.ts';
import type { ToolchainProfile } from '../../src/analyze/kconfig/toolchain.ts';
import { openObjectReader } from '../../src/git/cat-file.ts';
import { gitEnvironment, gitProcessPort } from '../../src/git/process-port.ts';
import { gitTreeFiles } from '../../src/git/tree-files.ts';
import { recordProfile } from '../../src/toolchain/record-profile.ts';

/** The toolchain profile of the base tree for `arch` (make's native build: no CROSS_COMPILE). */
export function baseProfile(
  tree: string,
  arch: string,
  files: KconfigFiles,
): Promise<ToolchainProfile> {
  return recordProfile(files, tree, { arch });
}

/** Runs `body` with the Kconfig files of `commit` in the repository `tree`, read from git objects. */
export async function withGitFiles<T>(
  tree: string,
  commit: string,
  body: (files: KconfigFiles) => Promise<T>,
): Promise<T> {
  const port = gitProcessPort(tree, gitEnvironment(process.env));
  const reader = openObjectReader(port);
  try {
    return await body(gitTreeFiles(reader, commit));
  } finally {
    await reader.close();
  }
}

/**
 * The engine loaded on `commit` (default HEAD) of the base tree for `arch`, with the named
 * defconfigs read while the files are open, so `run('defconfig', { defconfig })` can use them.
 */
export function openEngine(
  tree: string,
  arch: string,
  options: { commit?: string; cache?: ParseCache; defconfigs?: readonly string[] } = {},
): Promise<Kconfig> {
  return withGitFiles(tree, options.commit ?? 'HEAD', async (files) => {
    const profile = await baseProfile(tree, arch, files);
    const kconfig = await loadKconfig(files, { arch }, profile, options.cache);
    for (const name of options.defconfigs ?? []) await kconfig.loadDefconfig(name);
    return kconfig;
  });
}

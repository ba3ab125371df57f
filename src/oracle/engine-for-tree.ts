// Loads the kreview engine on the trusted base tree the way the differential, the benchmark and
// kreview-conf compare it with conf: the tree's files, ARCH as make is given it, and the base
// tree's probes answered by the real toolchain (recorded once, cached on disk).
import type { Kconfig } from '../analyze/kconfig/engine.ts';
import { loadKconfig } from '../analyze/kconfig/engine.ts';
import type { KconfigFiles } from '../analyze/kconfig/files.ts';
import type { ToolchainProfile } from '../analyze/kconfig/toolchain.ts';
import { dirFiles } from '../sources/dir-files.ts';
import { recordProfile } from '../toolchain/record-profile.ts';

/** The toolchain profile of the base tree for `arch` (make's native build: no CROSS_COMPILE). */
export function baseProfile(
  tree: string,
  arch: string,
  files: KconfigFiles = dirFiles(tree),
): Promise<ToolchainProfile> {
  return recordProfile(files, tree, { arch });
}

/** The engine loaded on the base tree's working directory for `arch`. */
export async function openEngine(tree: string, arch: string): Promise<Kconfig> {
  const files = dirFiles(tree);
  return loadKconfig(files, { arch }, await baseProfile(tree, arch, files));
}

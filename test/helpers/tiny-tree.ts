// The tiny kernel-shaped tree the review tests run on: a top Kconfig that sources
// drivers/Kconfig, an x86 defconfig that sets NET, and one C file that names CONFIG_FAST_PATH.
// Small enough for the fast tier, shaped enough for every stage of a review (apply, the Kconfig
// engine, the matrices, the tree search).
import { makeRepo, type TestRepo } from './git-repo.ts';

/** drivers/Kconfig: NET, and FAST_PATH (default y) depending on it. */
export const TINY_KCONFIG = [
  'menu "Drivers"',
  '',
  'config NET',
  '\tbool "Networking"',
  '',
  'config FAST_PATH',
  '\tbool "Fast path"',
  '\tdepends on NET',
  '\tdefault y',
  '',
  'endmenu',
  '',
].join('\n');

const TOP = 'mainmenu "Tiny $(ARCH)"\n\nsource "drivers/Kconfig"\n';
const SOURCES = { 'drivers/fast.c': '#ifdef CONFIG_FAST_PATH\nint fast;\n#endif\n' };

/** The files of the tree: drivers/Kconfig, the top Kconfig and the C files as given. */
export function tinyTreeFiles(
  kconfig = TINY_KCONFIG,
  top = TOP,
  sources: Record<string, string> = SOURCES,
): Record<string, string> {
  return {
    Makefile: 'VERSION = 6\nPATCHLEVEL = 12\nSUBLEVEL = 0\nEXTRAVERSION =\n',
    Kconfig: top,
    'arch/x86/Makefile': 'KBUILD_DEFCONFIG := x86_64_defconfig\n',
    'arch/x86/configs/x86_64_defconfig': 'CONFIG_NET=y\n',
    'drivers/Kconfig': kconfig,
    ...sources,
  };
}

/** A repository (branch main) whose first commit is the tiny tree. */
export function makeTinyRepo(kconfig = TINY_KCONFIG, top?: string): TestRepo {
  return makeRepo(tinyTreeFiles(kconfig, top));
}

// The named defconfigs of an arch (arch/$SRCARCH/configs/*_defconfig and the ones its Makefile
// merges from fragments), which `make <name>` runs.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import {
  generatedDefconfigTargets,
  readArchMakeInputs,
} from '../../src/analyze/kconfig/defconfig-merge.ts';
import type { NamedDefconfig } from './conf-runner.ts';
import { withGitFiles } from './engine-for-tree.ts';

// The top Makefile's SRCARCH for the ARCH values that differ from it.
const SRCARCH: Readonly<Record<string, string>> = {
  i386: 'x86',
  x86_64: 'x86',
  sparc32: 'sparc',
  sparc64: 'sparc',
  parisc64: 'parisc',
  sh64: 'sh',
};

/** The source directory under arch/ for a make ARCH, as the top Makefile derives it. */
export function srcarchOf(arch: string): string {
  return SRCARCH[arch] ?? arch;
}

/** Every arch/$SRCARCH/configs/*_defconfig of the tree, sorted by name. */
export async function namedDefconfigs(tree: string, arch: string): Promise<NamedDefconfig[]> {
  const dir = path.join(tree, 'arch', srcarchOf(arch), 'configs');
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((n): n is NamedDefconfig => n.endsWith('_defconfig')).sort();
}

/** `count` items spread evenly over `items` (first and last included), for a CI sample. */
export function spread<T>(items: readonly T[], count: number): T[] {
  if (count >= items.length) return [...items];
  if (count <= 0) return [];
  if (count === 1) return items.slice(0, 1);
  const step = (items.length - 1) / (count - 1);
  return Array.from({ length: count }, (_, i) => items[Math.round(i * step)] as T);
}

/**
 * The named defconfig targets of an arch as make knows them: the files under
 * arch/$SRCARCH/configs, and the *_defconfig targets its Makefile builds by merging fragments
 * (powerpc's ppc64le_defconfig, mips' 32r2el_defconfig), sorted by name.
 */
export async function makeDefconfigTargets(tree: string, arch: string): Promise<NamedDefconfig[]> {
  const files = await namedDefconfigs(tree, arch);
  const generated = await withGitFiles(tree, 'HEAD', async (kfiles) =>
    generatedDefconfigTargets(await readArchMakeInputs(kfiles, arch)),
  );
  const all = new Set<string>([...files, ...generated]);
  return [...all].filter((n): n is NamedDefconfig => n.endsWith('_defconfig')).sort();
}

// The make ARCH values of a tree: one per directory under arch/ with a Kconfig, with the aliases
// the top Makefile maps onto a directory (x86_64/i386 → x86, sparc64 → sparc, parisc64 → parisc).
import { access, readdir } from 'node:fs/promises';
import path from 'node:path';

// ARCH values make accepts beside (or instead of) a directory name. x86 itself is left out: the
// top Makefile's own documentation names i386 and x86_64, and Debian builds with those.
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  x86: ['x86_64', 'i386'],
  sparc: ['sparc', 'sparc64'],
  parisc: ['parisc', 'parisc64'],
};

/** One ARCH value and whether it is the first of its source directory (named defconfigs run there). */
export interface TreeArch {
  readonly arch: string;
  readonly srcarch: string;
  readonly primary: boolean;
}

/** Every ARCH value of the tree, sorted by source directory, aliases in ALIASES' order. */
export async function treeArches(tree: string): Promise<TreeArch[]> {
  const dirs = (await readdir(path.join(tree, 'arch'), { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const out: TreeArch[] = [];
  for (const srcarch of dirs) {
    const hasKconfig = await access(path.join(tree, 'arch', srcarch, 'Kconfig')).then(
      () => true,
      () => false,
    );
    if (!hasKconfig) continue;
    (ALIASES[srcarch] ?? [srcarch]).forEach((arch, i) => {
      out.push({ arch, srcarch, primary: i === 0 });
    });
  }
  return out;
}

/**
 * `wanted` (comma-separated ARCH values, or "all") resolved against the tree's arches; an ARCH the
 * tree lacks is an error, so a typo is not a silently empty run.
 */
export function pickArches(all: readonly TreeArch[], wanted: string): TreeArch[] {
  if (wanted === 'all') return [...all];
  const names = wanted.split(',').filter((a) => a !== '');
  return names.map((name) => {
    const found = all.find((a) => a.arch === name);
    if (found === undefined) {
      throw new Error(
        `Cannot pick arch "${name}": not an ARCH of this tree (${all.map((a) => a.arch).join(', ')})`,
      );
    }
    return found;
  });
}

// Which architectures a series asks to be evaluated on by what it touches: an arch's own
// Kconfig files or its defconfigs (arch/arm/Kconfig, arch/arm64/configs/defconfig, …).
import type { Patch } from '../domain/series.ts';

/** An architecture, as `make ARCH=` names it, and why the series brings it in. */
export interface TouchedArch {
  readonly arch: string;
  readonly why: string;
}

// The ARCH that builds arch/<dir>: the directory's own name, but for the ones make reaches
// through another name (x86 is built as x86_64 or i386; kreview evaluates the 64-bit one).
const ARCH_OF_DIR: Readonly<Record<string, string>> = { x86: 'x86_64', sparc: 'sparc64' };

/** The arches whose arch/<dir>/Kconfig* or arch/<dir>/configs the series changes, in order. */
export function archesTouched(patches: readonly Patch[]): TouchedArch[] {
  const found = new Map<string, string>();
  for (const patch of patches) {
    for (const file of patch.files) {
      for (const path of new Set([file.oldPath, file.newPath])) {
        const m = /^arch\/([\w-]+)\/(?:(?:.*\/)?Kconfig[^/]*|configs\/.*)$/.exec(path);
        const dir = m?.[1];
        if (dir === undefined || dir === 'um') continue;
        const arch = ARCH_OF_DIR[dir] ?? dir;
        if (!found.has(arch)) found.set(arch, `the series changes ${path}`);
      }
    }
  }
  return [...found].map(([arch, why]) => ({ arch, why }));
}

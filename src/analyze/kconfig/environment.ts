import type { KconfigEnv } from './engine.ts';

const SRCARCH: Record<string, string> = {
  i386: 'x86',
  x86_64: 'x86',
  sparc64: 'sparc',
  parisc64: 'parisc',
  sh64: 'sh',
};

/** SRCARCH as the top Makefile derives it from ARCH. */
export function srcarchOf(arch: string): string {
  return SRCARCH[arch] ?? arch;
}

/** The version the top Makefile computes: VERSION.PATCHLEVEL.SUBLEVEL plus EXTRAVERSION. */
export function kernelVersion(makefile: string): string {
  const get = (k: string) =>
    new RegExp(`^${k}[ \\t]*=[ \\t]*(.*?)[ \\t]*$`, 'm').exec(makefile)?.[1] ?? '';
  const v = get('VERSION');
  const p = get('PATCHLEVEL');
  const s = get('SUBLEVEL');
  return `${v}${p ? `.${p}${s ? `.${s}` : ''}` : ''}${get('EXTRAVERSION')}`;
}

/** The command the top Makefile runs for CC_VERSION_TEXT. */
export function ccVersionCommand(cc: string): string {
  return `LC_ALL=C ${cc} --version 2>/dev/null | head -n 1`;
}

/** The command the top Makefile runs for RUSTC_VERSION_TEXT. */
export function rustcVersionCommand(rustc: string): string {
  return `${rustc} --version 2>/dev/null`;
}

/**
 * The environment `make ARCH=…` gives conf for a native build: tool names as the Makefile sets
 * them, ARCH/SRCARCH, KERNELVERSION, and the version texts (answered from the toolchain profile).
 */
export function kconfigEnvironment(
  env: KconfigEnv,
  makefile: string,
  shell: (cmd: string) => string,
): Record<string, string> {
  const extra = env.extra ?? {};
  const base: Record<string, string> = {
    CC: 'gcc',
    LD: 'ld',
    HOSTCC: 'gcc',
    HOSTCXX: 'g++',
    OBJCOPY: 'objcopy',
    NM: 'nm',
    RUSTC: 'rustc',
    BINDGEN: 'bindgen',
    PAHOLE: 'pahole',
    PYTHON3: 'python3',
    srctree: '.',
    ...extra,
  };
  base.ARCH = env.arch;
  base.SRCARCH = env.srcarch ?? srcarchOf(env.arch);
  // arch/um/Makefile exports SUBARCH (the host's, as the top Makefile derives it from
  // `uname -m`; the recorded toolchain is x86_64) and HEADER_ARCH, which arch/um/Kconfig sources.
  if (env.arch === 'um') {
    base.SUBARCH ??= 'x86';
    base.HEADER_ARCH ??= ['x86', 'x86_64', 'i386'].includes(base.SUBARCH) ? 'x86' : base.SUBARCH;
  }
  base.KERNELVERSION ??= kernelVersion(makefile);
  base.CC_VERSION_TEXT ??= shell(ccVersionCommand(base.CC as string)).replaceAll('#', '');
  base.RUSTC_VERSION_TEXT ??= shell(rustcVersionCommand(base.RUSTC as string)).replaceAll('#', '');
  return base;
}

/** KBUILD_DEFCONFIG as arch/$SRCARCH/Makefile sets it for this ARCH ("defconfig" when unset). */
export function defaultDefconfig(archMakefile: string, arch: string, srcarch: string): string {
  const found: string[] = [];
  for (const m of archMakefile.matchAll(/^[ \t]*KBUILD_DEFCONFIG[ \t]*:?=[ \t]*(\S+)[ \t]*$/gm))
    found.push((m[1] as string).replaceAll('$(ARCH)', arch).replaceAll('$(SRCARCH)', srcarch));
  if (found.includes(`${arch}_defconfig`)) return `${arch}_defconfig`;
  return found[found.length - 1] ?? 'defconfig';
}

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
  for (const [name, value] of makefileExports(makefile, base, shell)) base[name] ??= value;
  return base;
}

/**
 * The variables the top Makefile exports that are still unset and that it sets to `$(shell CMD)`
 * over variables already known, answered by `shell` (the toolchain profile), e.g. 6.18+'s
 * PAHOLE_VERSION. Literal values are not taken: make's conditionals and continuations around them
 * are not modelled, so a wrong one would be worse than none.
 */
export function makefileExports(
  makefile: string,
  known: Readonly<Record<string, string>>,
  shell: (cmd: string) => string,
): Map<string, string> {
  const names = new Set<string>();
  for (const m of makefile.matchAll(/^export[ \t]+([^\n]*)$/gm)) {
    const list = (m[1] as string).split(/[:?+]?=/)[0] as string;
    for (const n of list.trim().split(/[ \t]+/))
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) names.add(n);
  }
  const out = new Map<string, string>();
  for (const name of names) {
    if (known[name] !== undefined) continue;
    let value: string | undefined;
    for (const m of makefile.matchAll(
      new RegExp(`^${name}[ \\t]*[:?]?=[ \\t]*(.*?)[ \\t]*$`, 'gm'),
    ))
      value = m[1] as string;
    if (value === undefined) continue;
    const cmd = /^\$\(shell (.*)\)$/.exec(value)?.[1];
    if (cmd !== undefined) {
      const refs = [...cmd.matchAll(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g)].map((r) => r[1] as string);
      if (cmd.replaceAll(/\$\([A-Za-z_][A-Za-z0-9_]*\)/g, '').includes('$')) continue;
      if (!refs.every((r) => known[r] !== undefined)) continue;
      out.set(
        name,
        shell(
          cmd.replaceAll(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (_, r: string) => known[r] as string),
        ),
      );
    }
  }
  return out;
}

/** KBUILD_DEFCONFIG as arch/$SRCARCH/Makefile sets it for this ARCH ("defconfig" when unset). */
export function defaultDefconfig(archMakefile: string, arch: string, srcarch: string): string {
  const found: string[] = [];
  for (const m of archMakefile.matchAll(/^[ \t]*KBUILD_DEFCONFIG[ \t]*:?=[ \t]*(\S+)[ \t]*$/gm))
    found.push((m[1] as string).replaceAll('$(ARCH)', arch).replaceAll('$(SRCARCH)', srcarch));
  if (found.includes(`${arch}_defconfig`)) return `${arch}_defconfig`;
  return found[found.length - 1] ?? 'defconfig';
}

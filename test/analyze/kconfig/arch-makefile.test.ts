// The Makefile reader: KBUILD_DEFCONFIG, SRCARCH, SUBARCH and HEADER_ARCH as make computes them
// for an x86_64 host, on excerpts of the kernel's own Makefiles.
import { describe, expect, it } from 'vitest';
import {
  hostShell,
  MakeReader,
  readArchMakefile,
  srcarchFromMakefile,
  subarchFromInclude,
  X86_64_HOST,
} from '../../../src/analyze/kconfig/arch-makefile.ts';

const TOP = `UTS_MACHINE 	:= $(ARCH)
SRCARCH 	:= $(ARCH)

# Additional ARCH settings for x86
ifeq ($(ARCH),i386)
        SRCARCH := x86
endif
ifeq ($(ARCH),x86_64)
        SRCARCH := x86
endif

# Additional ARCH settings for sparc
ifeq ($(ARCH),sparc64)
       SRCARCH := sparc
endif

# Additional ARCH settings for parisc
ifeq ($(ARCH),parisc64)
       SRCARCH := parisc
endif

# Additional ARCH settings for sh
ifeq ($(ARCH),sh64)
       SRCARCH := sh
endif
`;

const SUBARCH_INCLUDE = `SUBARCH := $(shell uname -m | sed -e s/i.86/x86/ -e s/x86_64/x86/ \\
				  -e s/sun4u/sparc64/ \\
				  -e /^arm64$$/!s/arm.*/arm/ -e s/sa110/arm/ \\
				  -e s/s390x/s390/ \\
				  -e s/ppc.*/powerpc/ -e s/mips.*/mips/ \\
				  -e s/sh[234].*/sh/ -e s/aarch64.*/arm64/ \\
				  -e s/riscv.*/riscv/ -e s/loongarch.*/loongarch/)
`;

const X86 = `# select defconfig based on actual architecture
ifeq ($(ARCH),x86)
  ifeq ($(shell uname -m | sed -e 's/i.86/i386/'),i386)
        KBUILD_DEFCONFIG := i386_defconfig
  else
        KBUILD_DEFCONFIG := x86_64_defconfig
  endif
else
        KBUILD_DEFCONFIG := $(ARCH)_defconfig
endif
`;

const UM = `ifeq ($(SUBARCH),x86)
  ifeq ($(shell uname -m),x86_64)
        KBUILD_DEFCONFIG := x86_64_defconfig
  else
        KBUILD_DEFCONFIG := i386_defconfig
  endif
else
        KBUILD_DEFCONFIG := $(SUBARCH)_defconfig
endif
HEADER_ARCH 	:= $(SUBARCH)

ifneq ($(filter $(SUBARCH),x86 x86_64 i386),)
	HEADER_ARCH := x86
endif
ifdef CONFIG_64BIT
	KBUILD_CFLAGS += -mcmodel=large
endif
export HEADER_ARCH SUBARCH USER_CFLAGS CFLAGS_NO_HARDENING DEV_NULL_PATH
`;

const POWERPC = `uname := $(shell uname -m)
KBUILD_DEFCONFIG := $(if $(filter ppc%,$(uname)),$(uname),ppc64le)_defconfig
`;

const SPARC = `ifeq ($(ARCH),sparc64)
        KBUILD_DEFCONFIG := sparc64_defconfig
else
        KBUILD_DEFCONFIG := sparc32_defconfig
endif
`;

const PARISC = `ifdef CONFIG_64BIT
UTS_MACHINE	:= parisc64
endif
ifeq ($(ARCH),parisc64)
	KBUILD_DEFCONFIG := generic-64bit_defconfig
	CC_ARCHES := hppa64
else
	KBUILD_DEFCONFIG := generic-32bit_defconfig
	CC_ARCHES := hppa hppa2.0 hppa1.1
endif
`;

describe('hostShell answers uname -m for an x86_64 host', () => {
  it.each([
    ['uname -m', 'x86_64'],
    ["uname -m | sed -e 's/i.86/i386/'", 'x86_64'],
    ['uname -m | sed -e s/i.86/x86/ -e s/x86_64/x86/', 'x86'],
    ['uname -m | sed -e /^arm64$/!s/arm.*/arm/', 'x86_64'],
    ['gcc -print-file-name=plugin', ''],
  ])('%s → %s', (cmd, want) => {
    expect(hostShell(X86_64_HOST, cmd)).toBe(want);
  });

  it('applies sed with an address on an arm host', () => {
    expect(hostShell({ machine: 'armv7l' }, 'uname -m | sed -e /^arm64$/!s/arm.*/arm/')).toBe(
      'arm',
    );
    expect(hostShell({ machine: 'arm64' }, 'uname -m | sed -e /^arm64$/!s/arm.*/arm/')).toBe(
      'arm64',
    );
  });
});

describe('SRCARCH and SUBARCH', () => {
  it.each([
    ['x86_64', 'x86'],
    ['i386', 'x86'],
    ['x86', 'x86'],
    ['sparc64', 'sparc'],
    ['sparc', 'sparc'],
    ['parisc64', 'parisc'],
    ['sh64', 'sh'],
    ['um', 'um'],
    ['powerpc', 'powerpc'],
  ])('ARCH=%s → SRCARCH=%s', (arch, want) => {
    expect(srcarchFromMakefile(TOP, arch)).toBe(want);
  });

  it('SUBARCH of an x86_64 host is x86, of a ppc64le host powerpc', () => {
    expect(subarchFromInclude(SUBARCH_INCLUDE)).toBe('x86');
    expect(subarchFromInclude(SUBARCH_INCLUDE, { machine: 'ppc64le' })).toBe('powerpc');
    expect(subarchFromInclude(SUBARCH_INCLUDE, { machine: 'aarch64' })).toBe('arm64');
  });
});

describe('KBUILD_DEFCONFIG as the arch Makefile computes it', () => {
  const cases: [string, string, string, string][] = [
    ['x86_64', 'x86', X86, 'x86_64_defconfig'],
    ['i386', 'x86', X86, 'i386_defconfig'],
    ['x86', 'x86', X86, 'x86_64_defconfig'],
    ['um', 'um', UM, 'x86_64_defconfig'],
    ['powerpc', 'powerpc', POWERPC, 'ppc64le_defconfig'],
    ['sparc64', 'sparc', SPARC, 'sparc64_defconfig'],
    ['sparc', 'sparc', SPARC, 'sparc32_defconfig'],
    ['parisc64', 'parisc', PARISC, 'generic-64bit_defconfig'],
    ['parisc', 'parisc', PARISC, 'generic-32bit_defconfig'],
    ['riscv', 'riscv', 'core-y += arch/riscv/\n', 'defconfig'],
    ['arm', 'arm', 'KBUILD_DEFCONFIG := multi_v7_defconfig\n', 'multi_v7_defconfig'],
    ['hexagon', 'hexagon', 'KBUILD_DEFCONFIG = comet_defconfig\n', 'comet_defconfig'],
  ];
  it.each(cases)('ARCH=%s (arch/%s) → %s', (arch, srcarch, text, want) => {
    expect(readArchMakefile(text, { arch, srcarch, subarch: 'x86' }).kbuildDefconfig).toBe(want);
  });

  it('powerpc on a ppc64 host picks ppc64_defconfig', () => {
    const am = readArchMakefile(
      POWERPC,
      { arch: 'powerpc', srcarch: 'powerpc', subarch: 'powerpc' },
      { machine: 'ppc64' },
    );
    expect(am.kbuildDefconfig).toBe('ppc64_defconfig');
  });

  it('um exports SUBARCH and HEADER_ARCH to Kconfig, and only those', () => {
    const am = readArchMakefile(UM, { arch: 'um', srcarch: 'um', subarch: 'x86' });
    expect(am.headerArch).toBe('x86');
    expect(am.kconfigExports).toEqual({ SUBARCH: 'x86', HEADER_ARCH: 'x86' });
    expect(
      readArchMakefile(X86, { arch: 'x86_64', srcarch: 'x86', subarch: 'x86' }).kconfigExports,
    ).toEqual({});
  });
});

describe('MakeReader', () => {
  it('keeps recursive variables lazy and simple ones expanded', () => {
    const m = new MakeReader(X86_64_HOST);
    m.read('A = $(B)\nC := $(B)\nB = later\nD ?= d\nD ?= e\nE = 1\nE += 2\n');
    expect(m.get('A')).toBe('later');
    expect(m.get('C')).toBe('');
    expect(m.get('D')).toBe('d');
    expect(m.get('E')).toBe('1 2');
  });

  it('command-line variables win over the Makefile', () => {
    const m = new MakeReader(X86_64_HOST, { BOARDS: 'ocelot' });
    m.read('ifeq ($(BOARDS),)\nBOARDS = all\nendif\n');
    expect(m.get('BOARDS')).toBe('ocelot');
  });

  it('reads else ifeq chains, nested conditionals and ifdef', () => {
    const m = new MakeReader(X86_64_HOST, { ARCH: 'b' });
    m.read(
      'ifeq ($(ARCH),a)\nX := 1\nelse ifeq ($(ARCH),b)\nX := 2\nifdef NOPE\nY := 1\nelse\nY := 2\nendif\nelse\nX := 3\nendif\n',
    );
    expect(m.get('X')).toBe('2');
    expect(m.get('Y')).toBe('2');
  });

  it('evaluates define/call/foreach/eval into rules (mips generic defconfigs)', () => {
    const m = new MakeReader(X86_64_HOST, {
      srctree: '.',
      ARCH: 'mips',
      MAKE: 'make',
      Q: '',
    });
    m.read(`generic_config_dir = $(srctree)/arch/$(ARCH)/configs/generic
generic_defconfigs :=
define gen_generic_defconfigs
$(foreach bits,$(1),$(foreach rev,$(2),$(foreach endian,$(3),
target := $(bits)$(rev)$(filter el,$(endian))_defconfig
generic_defconfigs += $$(target)
$$(target): $(generic_config_dir)/$(bits)$(rev).config
$$(target): $(generic_config_dir)/$(endian).config
)))
endef

$(eval $(call gen_generic_defconfigs,32 64,r1 r2 r6,eb el))
$(eval $(call gen_generic_defconfigs,micro32,r2,eb el))

legacy_defconfigs		+= ocelot_defconfig
ocelot_defconfig-y		:= 32r2el_defconfig BOARDS=ocelot

.PHONY: $(generic_defconfigs)
$(generic_defconfigs):
	$(Q)$(CONFIG_SHELL) $(srctree)/scripts/kconfig/merge_config.sh \\
		-m -O $(objtree) $(srctree)/arch/$(ARCH)/configs/generic_defconfig $^ | \\
		grep -Ev '^#'
	$(Q)$(MAKE) -f $(srctree)/Makefile olddefconfig

$(legacy_defconfigs):
	$(Q)$(MAKE) -f $(srctree)/Makefile $($@-y)
`);
    expect(m.get('generic_defconfigs').split(' ')).toContain('32r2el_defconfig');
    expect(m.get('generic_defconfigs').split(' ')).toHaveLength(14);
    const rule = m.rules.get('32r2el_defconfig');
    expect(rule?.prereqs).toEqual([
      './arch/mips/configs/generic/32r2.config',
      './arch/mips/configs/generic/el.config',
    ]);
    expect(rule?.recipe).toHaveLength(2);
    const ocelot = m.rules.get('ocelot_defconfig');
    expect(m.expand(ocelot?.recipe[0] ?? '', { '@': 'ocelot_defconfig' })).toBe(
      'make -f ./Makefile 32r2el_defconfig BOARDS=ocelot',
    );
  });
});

describe('hostile Makefiles', () => {
  it('a self-referencing variable or a blow-up ends in an error, not a hang', () => {
    const self = new MakeReader(X86_64_HOST);
    self.read('X = $(X)\n');
    expect(() => self.get('X')).toThrow(RangeError);
    const blow = new MakeReader(X86_64_HOST);
    const ten = '0 1 2 3 4 5 6 7 8 9';
    const nest = (n: number): string => (n === 0 ? 'x' : `$(foreach a${n},${ten},${nest(n - 1)})`);
    expect(() => blow.read(`Y := ${nest(9)}\n`)).toThrow(RangeError);
  });
});

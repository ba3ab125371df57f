// merge_config.sh -m (both trees' flavours), mips' board requirements, and the plans of
// generated defconfig targets read from arch Makefile excerpts.
import { describe, expect, it } from 'vitest';
import {
  type ArchMakeInputs,
  boardRequirementsMet,
  generatedDefconfigTargets,
  mergeFlavourOf,
  mergeFragments,
  planDefconfig,
  planSteps,
  runPlan,
} from '../../../src/analyze/kconfig/defconfig-merge.ts';
import { memoryFiles } from '../../../src/analyze/kconfig/files.ts';

describe('mergeFragments: a later fragment wins', () => {
  const base = 'CONFIG_A=y\n# CONFIG_B is not set\nCONFIG_C=m\nCONFIG_AB=y\n';
  const cases: [string, string, string, string][] = [
    [
      'sed',
      'a value redefined',
      'CONFIG_A=n\n',
      '# CONFIG_B is not set\nCONFIG_C=m\nCONFIG_AB=y\n\nCONFIG_A=n\n',
    ],
    [
      'awk',
      'a value redefined',
      'CONFIG_A=n\n',
      '# CONFIG_B is not set\nCONFIG_C=m\nCONFIG_AB=y\n\nCONFIG_A=n\n',
    ],
    [
      'sed',
      'is not set replaces a value',
      '# CONFIG_C is not set\n',
      'CONFIG_A=y\n# CONFIG_B is not set\nCONFIG_AB=y\n\n# CONFIG_C is not set\n',
    ],
    [
      'sed',
      'a new symbol is appended',
      'CONFIG_D=y\n',
      'CONFIG_A=y\n# CONFIG_B is not set\nCONFIG_C=m\nCONFIG_AB=y\n\nCONFIG_D=y\n',
    ],
    [
      'sed',
      'the same value is still moved to the end',
      'CONFIG_A=y\n',
      '# CONFIG_B is not set\nCONFIG_C=m\nCONFIG_AB=y\n\nCONFIG_A=y\n',
    ],
    [
      'awk',
      'the same value is still moved to the end',
      'CONFIG_A=y\n',
      '# CONFIG_B is not set\nCONFIG_C=m\nCONFIG_AB=y\n\nCONFIG_A=y\n',
    ],
  ];
  it.each(cases)('%s: %s', (flavour, _what, fragment, want) => {
    expect(mergeFragments(flavour as 'sed' | 'awk', base, [fragment])).toBe(want);
  });

  it('sed deletes every line naming the symbol before = or space, as sed -i "/$CFG[ =]/d"', () => {
    // 6.12's grep/sed also drops a comment line that mentions the symbol that way
    const text = 'CONFIG_A=y\n# see CONFIG_A =here\n';
    expect(mergeFragments('sed', text, ['CONFIG_A=m\n'])).toBe('\nCONFIG_A=m\n');
    expect(mergeFragments('awk', text, ['CONFIG_A=m\n'])).toBe(
      '# see CONFIG_A =here\n\nCONFIG_A=m\n',
    );
  });

  it('awk keeps =n when the fragment says "is not set"', () => {
    expect(mergeFragments('awk', 'CONFIG_A=n\n', ['# CONFIG_A is not set\n'])).toBe(
      'CONFIG_A=n\n\n# CONFIG_A is not set\n',
    );
  });

  it('fragments apply in order', () => {
    const got = mergeFragments('sed', 'CONFIG_A=y\n', ['CONFIG_A=m\n', 'CONFIG_A=n\n']);
    expect(
      got
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('CONFIG_')),
    ).toEqual(['CONFIG_A=n']);
  });

  it('tells the flavour from the script', () => {
    expect(mergeFlavourOf('if ! "$AWK" -v prefix=')).toBe('awk');
    expect(mergeFlavourOf('sed -i "/$CFG[ =]/d" $TMP_FILE')).toBe('sed');
  });
});

describe('boardRequirementsMet (generic-board-config.sh)', () => {
  const ref = 'CONFIG_CPU_MIPS32_R2=y\nCONFIG_CPU_LITTLE_ENDIAN=y\n# CONFIG_64BIT is not set\n';
  it.each([
    ['# require CONFIG_CPU_MIPS32_R2=y\nCONFIG_X=y\n', true],
    ['# require CONFIG_CPU_MIPS64_R6=y\n', false],
    ['# require CONFIG_64BIT=n\n', true],
    ['# require CONFIG_CPU_LITTLE_ENDIAN=n\n', false],
    ['# require CONFIG_A=m\n', false],
    ['CONFIG_X=y\n', true],
  ])('%j → %s', (board, want) => {
    expect(boardRequirementsMet(board, ref)).toBe(want);
  });
});

const POWERPC_MAKEFILE = `uname := $(shell uname -m)
KBUILD_DEFCONFIG := $(if $(filter ppc%,$(uname)),$(uname),ppc64le)_defconfig

include $(srctree)/scripts/Makefile.defconf

generated_configs += ppc64le_defconfig
ppc64le_defconfig:
	$(call merge_into_defconfig,ppc64_defconfig,le)

generated_configs += ppc64le_guest_defconfig
ppc64le_guest_defconfig:
	$(call merge_into_defconfig,ppc64_defconfig,le guest kvm_guest)

generated_configs += pseries_defconfig
pseries_defconfig: ppc64le_guest_defconfig

ppc_defconfig:
	$(call merge_into_defconfig,book3s_32.config,)
`;

function inputs(arch: string, archMakefile: string, configFiles: string[] = []): ArchMakeInputs {
  return {
    arch,
    srcarch: arch,
    subarch: 'x86',
    archMakefile,
    configFiles,
    mergeConfigSh: undefined,
  };
}

describe('planSteps: what make runs for a defconfig target', () => {
  const pp = inputs('powerpc', POWERPC_MAKEFILE);
  const none = () => false;
  it('powerpc defconfig is the ppc64le_defconfig target: a merge, then olddefconfig', () => {
    expect(planSteps(pp, 'defconfig', none)).toEqual([
      {
        kind: 'merge',
        out: '@O/.config',
        base: 'arch/powerpc/configs/ppc64_defconfig',
        fragments: ['arch/powerpc/configs/le.config'],
      },
      { kind: 'olddefconfig', config: '@O/.config' },
    ]);
  });

  it('a target that only names another makes that one', () => {
    expect(planSteps(pp, 'pseries_defconfig', none)).toEqual(
      planSteps(pp, 'ppc64le_guest_defconfig', none),
    );
    expect(planSteps(pp, 'ppc64le_guest_defconfig', none)[0]).toMatchObject({
      fragments: [
        'arch/powerpc/configs/le.config',
        'arch/powerpc/configs/guest.config',
        'arch/powerpc/configs/kvm_guest.config',
      ],
    });
  });

  it('an empty fragment list merges nothing but the base', () => {
    expect(planSteps(pp, 'ppc_defconfig', none)[0]).toMatchObject({
      base: 'arch/powerpc/configs/book3s_32.config',
      fragments: [],
    });
  });

  it('a file under configs is conf --defconfig; a missing one is an error', () => {
    const has = (p: string) => p === 'arch/powerpc/configs/g5_defconfig';
    expect(planSteps(pp, 'g5_defconfig', has)).toEqual([
      { kind: 'defconfig', file: 'arch/powerpc/configs/g5_defconfig' },
    ]);
    expect(() => planSteps(pp, 'nope_defconfig', has)).toThrow(/can't find default configuration/);
  });

  it('riscv rv32_defconfig: make defconfig 32-bit.config', () => {
    const rv = inputs(
      'riscv',
      'rv32_defconfig:\n\t$(Q)$(MAKE) -f $(srctree)/Makefile defconfig 32-bit.config\n',
    );
    const has = (p: string) =>
      p === 'arch/riscv/configs/defconfig' || p === 'arch/riscv/configs/32-bit.config';
    expect(planSteps(rv, 'rv32_defconfig', has)).toEqual([
      { kind: 'defconfig', file: 'arch/riscv/configs/defconfig' },
      {
        kind: 'merge',
        out: '@O/.config',
        base: '@O/.config',
        fragments: ['arch/riscv/configs/32-bit.config'],
      },
      { kind: 'olddefconfig', config: '@O/.config' },
    ]);
  });

  it('a rule that refuses (mips generic_defconfig) is an error', () => {
    const m = inputs(
      'mips',
      'generic_defconfig:\n\t$(Q)echo "not for direct use"\n\t$(Q)for cfg in a b; do echo "  $${cfg}"; done\n\t$(Q)false\n',
    );
    expect(() => planSteps(m, 'generic_defconfig', () => true)).toThrow(/refuses/);
  });
});

const MIPS_MAKEFILE = `KBUILD_DEFCONFIG := 32r2el_defconfig
generic_config_dir = $(srctree)/arch/$(ARCH)/configs/generic
generic_defconfigs :=
ifeq ($(BOARDS),)
BOARDS = $(patsubst board-%.config,%,$(notdir $(wildcard $(generic_config_dir)/board-*.config)))
endif
define gen_generic_defconfigs
$(foreach bits,$(1),$(foreach rev,$(2),$(foreach endian,$(3),
target := $(bits)$(rev)$(filter el,$(endian))_defconfig
generic_defconfigs += $$(target)
$$(target): $(generic_config_dir)/$(bits)$(rev).config
$$(target): $(generic_config_dir)/$(endian).config
)))
endef
$(eval $(call gen_generic_defconfigs,32 64,r1 r2 r6,eb el))
$(generic_config_dir)/%.config: ;
.PHONY: $(generic_defconfigs)
$(generic_defconfigs):
	$(Q)$(CONFIG_SHELL) $(srctree)/scripts/kconfig/merge_config.sh \\
		-m -O $(objtree) $(srctree)/arch/$(ARCH)/configs/generic_defconfig $^ | \\
		grep -Ev '^#'
	$(Q)cp $(KCONFIG_CONFIG) $(objtree)/.config.$@
	$(Q)$(MAKE) -f $(srctree)/Makefile olddefconfig \\
		KCONFIG_CONFIG=$(objtree)/.config.$@ >/dev/null
	$(Q)$(CONFIG_SHELL) $(srctree)/arch/$(ARCH)/tools/generic-board-config.sh \\
		$(srctree) $(objtree) $(objtree)/.config.$@ $(KCONFIG_CONFIG) \\
		"$(origin BOARDS)" $(BOARDS)
	$(Q)$(MAKE) -f $(srctree)/Makefile olddefconfig
legacy_defconfigs		+= ocelot_defconfig
ocelot_defconfig-y		:= 32r2el_defconfig BOARDS=ocelot
.PHONY: $(legacy_defconfigs)
$(legacy_defconfigs):
	$(Q)$(MAKE) -f $(srctree)/Makefile $($@-y)
`;

describe('mips generic defconfigs', () => {
  const tree: Record<string, string> = {
    'arch/mips/configs/generic_defconfig': 'CONFIG_MIPS_GENERIC_KERNEL=y\nCONFIG_A=y\n',
    'arch/mips/configs/generic/32r2.config': 'CONFIG_CPU_MIPS32_R2=y\n',
    'arch/mips/configs/generic/el.config': 'CONFIG_CPU_LITTLE_ENDIAN=y\n',
    'arch/mips/configs/generic/board-ocelot.config':
      '# require CONFIG_CPU_MIPS32_R2=y\nCONFIG_OCELOT=y\n',
    'arch/mips/configs/generic/board-boston.config':
      '# require CONFIG_CPU_MIPS64_R6=y\nCONFIG_BOSTON=y\n',
    'arch/mips/configs/generic/board-virt.config': 'CONFIG_VIRT=y\nCONFIG_A=n\n',
  };
  const mips = inputs('mips', MIPS_MAKEFILE, Object.keys(tree).sort());
  // olddefconfig stands in as "sort the lines", so the steps' effects are visible
  const runner = {
    defconfig: (text: string) => ({ config: text, stdout: '', stderr: '' }),
    olddefconfig: (config: string) => ({
      config: `${[...new Set(config.split('\n').filter((l) => l.startsWith('CONFIG_')))].sort().join('\n')}\n`,
      stdout: '',
      stderr: '',
    }),
  };

  it('defconfig merges generic_defconfig, 32r2, el, then the boards whose requirements hold', async () => {
    const plan = await planDefconfig(memoryFiles(tree), mips, 'defconfig');
    expect(plan.steps.map((s) => s.kind)).toEqual([
      'merge',
      'copy',
      'olddefconfig',
      'boards',
      'olddefconfig',
    ]);
    expect(plan.steps[3]).toMatchObject({ boards: ['boston', 'ocelot', 'virt'] });
    expect(runPlan(plan, 'mips', runner).config).toBe(
      [
        'CONFIG_A=n',
        'CONFIG_CPU_LITTLE_ENDIAN=y',
        'CONFIG_CPU_MIPS32_R2=y',
        'CONFIG_MIPS_GENERIC_KERNEL=y',
        'CONFIG_OCELOT=y',
        'CONFIG_VIRT=y',
        '',
      ].join('\n'),
    );
  });

  it("prints the messages of each conf run but the one whose make's stdout goes to /dev/null", async () => {
    const plan = await planDefconfig(memoryFiles(tree), mips, 'defconfig');
    const olddefconfigs = plan.steps.filter((st) => st.kind === 'olddefconfig');
    expect(olddefconfigs.map((st) => st.quiet === true)).toEqual([true, false]);
    const talking = {
      defconfig: (text: string) => ({ config: text, stdout: 'defconfig\n', stderr: '' }),
      olddefconfig: (config: string) => ({ config, stdout: 'written\n', stderr: '' }),
    };
    expect(runPlan(plan, 'mips', talking).stdout).toBe('written\n');
  });

  it('a legacy target sets BOARDS on the command line', async () => {
    const plan = await planDefconfig(memoryFiles(tree), mips, 'ocelot_defconfig');
    expect(plan.steps[3]).toMatchObject({ boards: ['ocelot'] });
    expect(runPlan(plan, 'mips', runner).config).not.toContain('CONFIG_VIRT');
  });
});

describe('generatedDefconfigTargets', () => {
  it('lists the rules that make a *_defconfig, not those that refuse', () => {
    const refusing = `${POWERPC_MAKEFILE}\ngeneric_defconfig:\n\t$(Q)echo "no"\n\t$(Q)false\n`;
    expect(generatedDefconfigTargets(inputs('powerpc', refusing))).toEqual([
      'ppc64le_defconfig',
      'ppc64le_guest_defconfig',
      'ppc_defconfig',
      'pseries_defconfig',
    ]);
    expect(generatedDefconfigTargets(inputs('mips', MIPS_MAKEFILE))).toHaveLength(13);
  });
});

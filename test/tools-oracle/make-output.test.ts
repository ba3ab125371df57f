import { describe, expect, it } from 'vitest';
import {
  confStdout,
  withoutHostToolchain,
  withoutMergeConfig,
} from '../../tools/oracle/make-output.ts';

const written = '#\n# configuration written to .config\n#\n';

describe('confStdout()', () => {
  const cases: [string, { given: string; want: { stdout: string; defconfigName?: string } }][] = [
    [
      'confStdout() drops the GEN line make prints for an O= builddir',
      {
        given: `  GEN     Makefile\n${written}`,
        want: { stdout: written },
      },
    ],
    [
      'confStdout() drops the compiler lines of the first build of conf',
      {
        given: `  HOSTCC  scripts/basic/fixdep\n  HOSTCC  scripts/kconfig/conf.o\n  YACC    scripts/kconfig/parser.tab.[ch]\n  HOSTLD  scripts/kconfig/conf\n${written}`,
        want: { stdout: written },
      },
    ],
    [
      "confStdout() drops make's directory lines",
      {
        given: `make[1]: Entering directory '/b'\n#\n# No change to .config\n#\nmake[1]: Leaving directory '/b'\n`,
        want: { stdout: '#\n# No change to .config\n#\n' },
      },
    ],
    [
      "confStdout() reads the defconfig name from the top Makefile's echo",
      {
        given: `  GEN     Makefile\n*** Default configuration is based on 'x86_64_defconfig'\n${written}`,
        want: { stdout: written, defconfigName: 'x86_64_defconfig' },
      },
    ],
    [
      'confStdout() keeps the seed line randconfig prints',
      {
        given: `  GEN     Makefile\nKCONFIG_SEED=0x7\n${written}`,
        want: { stdout: `KCONFIG_SEED=0x7\n${written}` },
      },
    ],
    [
      'confStdout() gives an empty stdout when conf printed nothing',
      {
        given: '  GEN     Makefile\n',
        want: { stdout: '' },
      },
    ],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(confStdout(given)).toEqual(want);
  });
});

describe('withoutMergeConfig()', () => {
  it("removes merge_config.sh's lines around conf's (powerpc ppc64le_defconfig, 6.12)", () => {
    const make = [
      'Using /k/arch/powerpc/configs/ppc64_defconfig as base',
      'Merging /k/arch/powerpc/configs/le.config',
      'Value of CONFIG_CPU_LITTLE_ENDIAN is redefined by fragment /k/arch/powerpc/configs/le.config:',
      'Previous value: # CONFIG_CPU_LITTLE_ENDIAN is not set',
      'New value: CONFIG_CPU_LITTLE_ENDIAN=y',
      '',
      '#',
      '# merged configuration written to .config (needs make)',
      '#',
      '#',
      '# configuration written to .config',
      '#',
      '',
    ].join('\n');
    expect(withoutMergeConfig(make)).toBe('#\n# configuration written to .config\n#\n');
  });

  it("keeps conf's own lines as they are", () => {
    const conf = '#\n# No change to .config\n#\n';
    expect(withoutMergeConfig(conf)).toBe(conf);
  });
});

describe('withoutHostToolchain()', () => {
  it("removes the host gcc's complaints about mips' Makefile and keeps conf's warnings", () => {
    const make = [
      "gcc: error: unrecognized command-line option '-G'",
      "gcc: error: unrecognized command-line option '-mno-abicalls'",
      ".config:1:warning: symbol value 'abc' invalid for NR_CPUS",
      '',
    ].join('\n');
    expect(withoutHostToolchain(make)).toBe(
      ".config:1:warning: symbol value 'abc' invalid for NR_CPUS\n",
    );
  });
});

import { describe, expect, it } from 'vitest';
import { parseConfArgs } from '../../tools/conf/conf-compat.ts';

describe('parseConfArgs()', () => {
  const cases: [string, { given: string[]; want: ReturnType<typeof parseConfArgs> }][] = [
    [
      'parseConfArgs() reads a mode and the Kconfig file as conf does',
      {
        given: ['--olddefconfig', 'Kconfig'],
        want: { mode: 'olddefconfig', file: undefined, kconfig: 'Kconfig', silent: false },
      },
    ],
    [
      'parseConfArgs() defaults to oldaskconfig, as conf does without a mode',
      {
        given: ['Kconfig'],
        want: { mode: 'oldaskconfig', file: undefined, kconfig: 'Kconfig', silent: false },
      },
    ],
    [
      'parseConfArgs() reads --defconfig=FILE with its file',
      {
        given: ['-s', '--defconfig=arch/x86/configs/x86_64_defconfig', 'Kconfig'],
        want: {
          mode: 'defconfig',
          file: 'arch/x86/configs/x86_64_defconfig',
          kconfig: 'Kconfig',
          silent: true,
        },
      },
    ],
    [
      'parseConfArgs() reads --savedefconfig FILE as a separate argument',
      {
        given: ['--savedefconfig', 'defconfig', 'Kconfig'],
        want: { mode: 'savedefconfig', file: 'defconfig', kconfig: 'Kconfig', silent: false },
      },
    ],
    [
      "parseConfArgs() lets the last mode win, like conf's option loop",
      {
        given: ['--allnoconfig', '--allyesconfig', 'Kconfig'],
        want: { mode: 'allyesconfig', file: undefined, kconfig: 'Kconfig', silent: false },
      },
    ],
    [
      'parseConfArgs() leaves the Kconfig file missing when none is given',
      {
        given: ['--silent', '--alldefconfig'],
        want: { mode: 'alldefconfig', file: undefined, kconfig: undefined, silent: true },
      },
    ],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(parseConfArgs(given)).toEqual(want);
  });
});

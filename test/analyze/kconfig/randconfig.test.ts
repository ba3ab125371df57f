// randconfig draws what conf draws: for each KCONFIG_SEED (and KCONFIG_PROBABILITY) the .config
// below is what 7.3's conf --randconfig wrote for this tree (6.12's writes the same).
import { describe, expect, it } from 'vitest';
import { parseProbability } from '../../../src/analyze/kconfig/random-config.ts';
import { loadTree } from './helpers.ts';

const TREE = `config MODULES
\tbool "modules"
\tdefault y
\tmodules
config A
\tbool "a"
config B
\ttristate "b"
config C
\ttristate "c"
\tdepends on A
choice
\tprompt "pick"
config P1
\tbool "p1"
config P2
\tbool "p2"
\tdepends on B
config P3
\tbool "p3"
endchoice
config D
\tbool "d"
\tselect B
config N
\tint "n"
\tdefault 3
`;

const CASES: readonly [string, { seed: number; probability?: string }, string][] = [
  [
    '1',
    { seed: 1 },
    `#
# Automatically generated file; DO NOT EDIT.
# Main menu
#
# CONFIG_MODULES is not set
# CONFIG_A is not set
# CONFIG_B is not set
# CONFIG_P1 is not set
CONFIG_P3=y
# CONFIG_D is not set
CONFIG_N=3
`,
  ],
  [
    '2',
    { seed: 2 },
    `#
# Automatically generated file; DO NOT EDIT.
# Main menu
#
# CONFIG_MODULES is not set
CONFIG_A=y
# CONFIG_B is not set
# CONFIG_C is not set
CONFIG_P1=y
# CONFIG_P3 is not set
# CONFIG_D is not set
CONFIG_N=3
`,
  ],
  [
    '3',
    { seed: 3 },
    `#
# Automatically generated file; DO NOT EDIT.
# Main menu
#
CONFIG_MODULES=y
# CONFIG_A is not set
# CONFIG_B is not set
CONFIG_P1=y
# CONFIG_P3 is not set
# CONFIG_D is not set
CONFIG_N=3
`,
  ],
  [
    '0x10',
    { seed: 16 },
    `#
# Automatically generated file; DO NOT EDIT.
# Main menu
#
CONFIG_MODULES=y
CONFIG_A=y
CONFIG_B=y
# CONFIG_C is not set
CONFIG_P1=y
# CONFIG_P2 is not set
# CONFIG_P3 is not set
# CONFIG_D is not set
CONFIG_N=3
`,
  ],
  [
    '5 with KCONFIG_PROBABILITY=90:5',
    { seed: 5, probability: '90:5' },
    `#
# Automatically generated file; DO NOT EDIT.
# Main menu
#
CONFIG_MODULES=y
CONFIG_A=y
CONFIG_B=y
CONFIG_C=y
# CONFIG_P1 is not set
# CONFIG_P2 is not set
CONFIG_P3=y
CONFIG_D=y
CONFIG_N=3
`,
  ],
];

describe('randconfig', () => {
  it.each(CASES)(
    'run("randconfig") with seed %s writes conf\'s .config',
    async (_name, input, want) => {
      const k = await loadTree({ Kconfig: TREE });
      const got = k.run('randconfig', input);
      expect(got.config).toBe(want);
      expect(got.stdout).toBe(
        `KCONFIG_SEED=0x${input.seed.toString(16).toUpperCase()}\n#\n# configuration written to .config\n#\n`,
      );
    },
  );

  it.each([
    ['', { bool: 50, triY: 33, triM: 33 }],
    ['90', { bool: 90, triY: 45, triM: 45 }],
    ['90:5', { bool: 95, triY: 90, triM: 5 }],
    ['10:20:30', { bool: 10, triY: 20, triM: 30 }],
  ] as const)('parseProbability(%j) splits as conf does', (text, want) => {
    expect(parseProbability(text)).toEqual(want);
  });

  it.each(['101', '60:50'])('parseProbability(%j) is out of range, as conf says', (text) => {
    expect(() => parseProbability(text)).toThrow(
      'KCONFIG_PROBABILITY: Numerical result out of range',
    );
  });
});

// KCONFIG_WARN_CHANGED_INPUT (7.x): the user values Kconfig changed, once per symbol, after the
// file is written; the tree and the expected text are from 7.3's scripts/kconfig/tests
// (warn_changed_input), which 7.3's conf passes. 6.12's conf has no such warning.
import { describe, expect, it } from 'vitest';
import { LINUX_6_12_LANGUAGE } from '../../../src/analyze/kconfig/language.ts';
import { loadTree } from './helpers.ts';

const TREE = `config DEP
\tbool "DEP"

config A
\tbool "A"
\tdepends on DEP

config NUM
\tint "NUM"
\trange 10 20

config DUP
\tbool "DUP"
\tdepends on DEP

config DUP
\tbool
\tdepends on DEP
`;
const INPUT = 'CONFIG_A=y\nCONFIG_NUM=30\nCONFIG_DUP=y\n';
const WARNING = `warning: user-provided values changed by Kconfig:
  CONFIG_A: y -> n
  CONFIG_NUM: 30 -> 20
  CONFIG_DUP: y -> n
`;

describe('KCONFIG_WARN_CHANGED_INPUT', () => {
  it.each(['olddefconfig', 'savedefconfig'] as const)(
    '%s reports each changed value once',
    async (target) => {
      const k = await loadTree({ Kconfig: TREE });
      expect(k.run(target, { config: INPUT, warnChangedInput: true }).stderr).toBe(WARNING);
      expect(k.run(target, { config: INPUT }).stderr).toBe('');
    },
  );

  it("is not a warning 6.12's conf knows", async () => {
    const k = await loadTree({ Kconfig: TREE }, {}, { language: LINUX_6_12_LANGUAGE });
    expect(k.run('olddefconfig', { config: INPUT, warnChangedInput: true }).stderr).toBe('');
  });
});

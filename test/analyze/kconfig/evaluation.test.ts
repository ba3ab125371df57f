import { describe, expect, it } from 'vitest';
import { header, loadTree, olddefconfig } from './helpers.ts';

const DRIVERS = `mainmenu "Test"

config MODULES
\tbool "modules"
\tmodules

menu "Drivers"

config A
\tbool "A"
\tselect B

config B
\tbool
\tdepends on C

config C
\tbool "C"

endmenu
`;

describe('select and direct dependencies', () => {
  it('run() raises a selected symbol and warns about its unmet dependency as conf does', async () => {
    const k = await loadTree({ Kconfig: DRIVERS });
    const r = olddefconfig(k, 'CONFIG_A=y');
    expect(r.config).toBe(
      `${header('Test')}# CONFIG_MODULES is not set\n\n#\n# Drivers\n#\nCONFIG_A=y\nCONFIG_B=y\n# CONFIG_C is not set\n# end of Drivers\n`,
    );
    expect(r.stderr).toBe(
      '\nWARNING: unmet direct dependencies detected for B\n  Depends on [n]: C [=n]\n  Selected by [y]:\n  - A [=y]\n',
    );
    expect(r.stdout).toBe('#\n# configuration written to .config\n#\n');
  });

  it('run() leaves no state behind: the same input gives the same output after another run', async () => {
    const k = await loadTree({ Kconfig: DRIVERS });
    const first = olddefconfig(k, 'CONFIG_A=y');
    k.run('allyesconfig');
    expect(olddefconfig(k, 'CONFIG_A=y')).toEqual(first);
  });

  it('symbol() reports where a symbol is defined and what selects it', async () => {
    const k = await loadTree({ Kconfig: DRIVERS });
    expect(k.symbol('B')).toEqual({
      name: 'B',
      type: 'bool',
      prompts: [],
      definedAt: ['Kconfig:13'],
      dependsOn: 'C',
      selectedBy: 'A',
      impliedBy: '',
      inChoice: false,
    });
    expect(k.symbol('NOPE')).toBeUndefined();
  });
});

describe('targets', () => {
  const tree = `config MODULES
\tbool "modules"
\tmodules
\tdefault y

config T
\ttristate "t"

config D
\tbool "d"
\tdefault y
`;
  it.each([
    ['allnoconfig', '# CONFIG_MODULES is not set\n# CONFIG_T is not set\n# CONFIG_D is not set\n'],
    ['allyesconfig', 'CONFIG_MODULES=y\nCONFIG_T=y\nCONFIG_D=y\n'],
    ['allmodconfig', 'CONFIG_MODULES=y\nCONFIG_T=m\nCONFIG_D=y\n'],
    ['alldefconfig', 'CONFIG_MODULES=y\n# CONFIG_T is not set\nCONFIG_D=y\n'],
  ] as const)('run("%s") answers every prompt like conf', async (target, body) => {
    const k = await loadTree({ Kconfig: tree });
    expect(k.run(target).config).toBe(header('Main menu') + body);
  });

  it('savedefconfig keeps only values that differ from their defaults', async () => {
    const k = await loadTree({ Kconfig: tree });
    const r = k.run('savedefconfig', { config: 'CONFIG_MODULES=y\nCONFIG_T=m\nCONFIG_D=y\n' });
    expect(r.config).toBe('CONFIG_T=m\n');
  });
});

describe('values', () => {
  const tree = `config MODULES
\tbool "modules"
\tmodules

config T
\ttristate "t"

config N
\tint "n"
\trange 2 8
\tdefault 10

config H
\thex
\tdefault 0x1f

config S
\tstring "s"
\tdefault "a\\"b"

config I
\tbool "i"
\timply J

config J
\tbool "j"

choice
\tprompt "pick"
\tdefault Y2

config Y1
\tbool "one"

config Y2
\tbool "two"

endchoice
`;
  it.each([
    ['a tristate m becomes y without modules', ['CONFIG_T=m'], 'CONFIG_T=y'],
    ['a tristate stays m with modules', ['CONFIG_MODULES=y', 'CONFIG_T=m'], 'CONFIG_T=m'],
    ['an int default is clamped to its range', [], 'CONFIG_N=8'],
    ['an int user value inside the range is kept', ['CONFIG_N=3'], 'CONFIG_N=3'],
    ['an int user value below the range becomes the lower bound', ['CONFIG_N=1'], 'CONFIG_N=2'],
    ['a promptless hex takes its default', [], 'CONFIG_H=0x1f'],
    ['a string is written with quotes escaped', [], 'CONFIG_S="a\\"b"'],
    ['a string user value is unescaped when read', ['CONFIG_S="x\\\\y"'], 'CONFIG_S="x\\\\y"'],
    ['imply sets an unset symbol', ['CONFIG_I=y'], 'CONFIG_J=y'],
    [
      'imply does not override "is not set"',
      ['CONFIG_I=y', '# CONFIG_J is not set'],
      '# CONFIG_J is not set',
    ],
    ['a choice takes its default member', [], 'CONFIG_Y2=y'],
    ['a choice takes the member the .config selects', ['CONFIG_Y1=y'], 'CONFIG_Y1=y'],
    [
      'the other member of a choice is written as not set',
      ['CONFIG_Y1=y'],
      '# CONFIG_Y2 is not set',
    ],
  ])('olddefconfig: %s', async (_name, input, line) => {
    const k = await loadTree({ Kconfig: tree });
    expect(olddefconfig(k, ...input).config.split('\n')).toContain(line);
  });

  it('warns like conf about values a .config cannot give', async () => {
    const k = await loadTree({ Kconfig: tree });
    const r = olddefconfig(k, 'CONFIG_N=abc', 'CONFIG_T=y', 'CONFIG_T=n', 'garbage');
    expect(r.stderr).toBe(
      ".config:1:warning: symbol value 'abc' invalid for N\n" +
        '.config:3:warning: override: reassigning to symbol T\n' +
        '.config:4:warning: unexpected data: garbage\n',
    );
  });
});

describe('sourcing files', () => {
  it('rsource is relative to the sourcing file; osource and orsource may name missing files', async () => {
    const k = await loadTree({
      Kconfig: 'source "drivers/Kconfig"\nosource "missing/Kconfig"\n',
      'drivers/Kconfig': 'rsource "net/Kconfig"\norsource "../gone/Kconfig"\n',
      'drivers/net/Kconfig': 'config NET_DRIVER\n\tbool "net driver"\n\tdefault y\n',
    });
    expect(k.symbol('NET_DRIVER')?.definedAt).toEqual(['drivers/net/Kconfig:1']);
    expect(k.run('alldefconfig').config).toContain('CONFIG_NET_DRIVER=y\n');
  });

  it('a missing file after rsource is an error naming the statement', async () => {
    await expect(loadTree({ Kconfig: '\nrsource "nope/Kconfig"\n' })).rejects.toThrow(
      'Cannot parse Kconfig: Kconfig:2: can\'t open file "nope/Kconfig"',
    );
  });
});

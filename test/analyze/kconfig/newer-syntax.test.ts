import { describe, expect, it } from 'vitest';
import { KreviewError } from '../../../src/domain/errors.ts';
import { loadTree, olddefconfig } from './helpers.ts';

// The kernel's own test of `depends on X if Y` (scripts/kconfig/tests/conditional_dep, 6.19+).
const CONDITIONAL = `config MODULES
\tbool "Enable loadable module support"
\tmodules
\tdefault y

config FOO
\tbool "FOO symbol"

config BAR
\tbool "BAR symbol"

config TEST_BASIC
\tbool "Test basic conditional dependency"
\tdepends on FOO if BAR
\tdefault y

config TEST_COMPLEX
\tbool "Test complex conditional dependency"
\tdepends on (FOO && BAR) if (FOO || BAR)
\tdefault y

config BAZ
\ttristate "BAZ symbol"

config TEST_OPTIONAL
\ttristate "Test simple optional dependency"
\tdepends on BAZ if BAZ
\tdefault y
`;

const valueLines = (config: string) =>
  config.split('\n').filter((l) => /^(CONFIG_|# CONFIG_)/.test(l) && l.includes('TEST_'));

describe('depends on X if Y', () => {
  it.each([
    [
      'the dependency is ignored while its condition is n',
      {
        given: [],
        want: ['CONFIG_TEST_BASIC=y', 'CONFIG_TEST_COMPLEX=y', 'CONFIG_TEST_OPTIONAL=y'],
      },
    ],
    [
      'the dependency applies once its condition is set (an unmet one hides the entry)',
      { given: ['CONFIG_BAR=y', 'CONFIG_BAZ=m'], want: ['CONFIG_TEST_OPTIONAL=m'] },
    ],
    [
      'a met dependency leaves the default',
      {
        given: ['CONFIG_FOO=y', 'CONFIG_BAR=y', 'CONFIG_BAZ=y'],
        want: ['CONFIG_TEST_BASIC=y', 'CONFIG_TEST_COMPLEX=y', 'CONFIG_TEST_OPTIONAL=y'],
      },
    ],
  ])('olddefconfig: %s', async (_name, { given, want }) => {
    const k = await loadTree({ Kconfig: CONDITIONAL });
    expect(valueLines(olddefconfig(k, ...given).config)).toEqual(want);
  });

  it('records the dependency as X || (Y = n), simplified for bools as conf does', async () => {
    const k = await loadTree({ Kconfig: CONDITIONAL });
    expect(k.symbol('TEST_BASIC')?.dependsOn).toBe('FOO || !BAR');
    expect(k.symbol('TEST_OPTIONAL')?.dependsOn).toBe('BAZ || BAZ=n');
  });
});

describe('statements of a newer kernel than the engine knows', () => {
  it('give a parse error naming the file, line and keyword', async () => {
    const err = await loadTree({
      Kconfig: 'config A\n\tbool "a"\n\nsource "b/Kconfig"\n',
      'b/Kconfig': '\nconfig B\n\tbool\n\nfrobnicate B\n',
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(KreviewError);
    expect((err as KreviewError).code).toBe('KCONFIG_PARSE');
    expect((err as KreviewError).message).toBe(
      'Cannot parse Kconfig: b/Kconfig:5: unknown statement "frobnicate"',
    );
  });
});

// kconfig-language.rst (6.18+): a transitional symbol keeps a renamed option's old value from an
// old .config for the new option's default, and is itself never written.
const RENAMED = `config NEW_NAME
\tbool "new name"
\tdefault OLD_NAME

config OLD_NAME
\tbool
\ttransitional
`;

describe('transitional', () => {
  it.each([
    [
      'an old .config value feeds the default of its replacement',
      { given: ['CONFIG_OLD_NAME=y'], want: 'CONFIG_NEW_NAME=y\n' },
    ],
    [
      'without it the replacement takes its own default',
      { given: [], want: '# CONFIG_NEW_NAME is not set\n' },
    ],
  ])(
    'olddefconfig: %s, and the transitional symbol is not written',
    async (_name, { given, want }) => {
      const k = await loadTree({ Kconfig: RENAMED });
      const r = olddefconfig(k, ...given);
      expect(r.config).toBe(
        `#\n# Automatically generated file; DO NOT EDIT.\n# Main menu\n#\n${want}`,
      );
      expect(r.stderr).toBe('');
    },
  );

  it('leaves the symbol out of savedefconfig', async () => {
    const k = await loadTree({ Kconfig: RENAMED });
    expect(
      k.run('savedefconfig', { config: 'CONFIG_NEW_NAME=y\n# CONFIG_OLD_NAME is not set\n' })
        .config,
    ).toBe('CONFIG_NEW_NAME=y\n');
  });

  it('refuses any property but help on a transitional symbol, as conf does', async () => {
    await expect(
      loadTree({ Kconfig: 'config OLD\n\tbool "old"\n\ttransitional\n' }),
    ).rejects.toThrow(
      'Cannot parse Kconfig: Kconfig:2: error: transitional symbols can only have help sections',
    );
  });
});

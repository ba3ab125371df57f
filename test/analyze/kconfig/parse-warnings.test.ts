import { describe, expect, it } from 'vitest';
import { LINUX_6_12_LANGUAGE } from '../../../src/analyze/kconfig/language.ts';
import { KconfigParseError } from '../../../src/analyze/kconfig/parse-error.ts';
import { loadTree } from './helpers.ts';

// The expected text is what the kernel's own conf (6.12, scripts/kconfig/conf --allnoconfig)
// printed for this tree: parse-time warnings in conf's order, where B's property warnings come
// before A's because B becomes A's automatic submenu and is finalized first.
const TREE = `config A
\tbool "a"
\trange 1 2

config B
\tbool "b"
\tdepends on A
\trange 1 2

config N
\tint " n"
\tdefault A && B

config T
\tbool "t"
\ttristate "t2"
\tselect N

menuconfig M
\tbool

config U

config H
\tbool "h"
\thelp

config Z
\tbool "z"
`;

const CONF_STDERR = `Kconfig:11:warning: leading whitespace ignored
Kconfig:16:warning: prompt redefined
Kconfig:14:warning: ignoring type redefinition of 'T' from 'bool' to 'tristate'
Kconfig:22: warning: menuconfig statement without prompt
Kconfig:28: warning: 'H' defined with blank help text
Kconfig:8:warning: range is only allowed for int or hex symbols
Kconfig:8:warning: range is invalid
Kconfig:3:warning: range is only allowed for int or hex symbols
Kconfig:3:warning: range is invalid
Kconfig:12:warning: default for config symbol 'N' must be a single symbol
Kconfig:17:warning: 'N' has wrong type. 'select' only accept arguments of bool and tristate type
Kconfig:22:warning: config symbol defined without type
`;

describe('parse-time warnings', () => {
  it('are the texts conf prints, in conf order, at the start of every run', async () => {
    const k = await loadTree({ Kconfig: TREE }, {}, { language: LINUX_6_12_LANGUAGE });
    expect(k.warnings.map((w) => `${w}\n`).join('')).toBe(CONF_STDERR);
    expect(k.run('allnoconfig').stderr).toBe(CONF_STDERR);
  });
});

// What 7.3's conf printed for the same tree: the prompt-less menuconfig and the blank help are
// errors there, reported in parse order among the warnings, and nothing is written.
const CONF_73_STDERR = `Kconfig:11:warning: leading whitespace ignored
Kconfig:16:warning: prompt redefined
Kconfig:14:warning: ignoring type redefinition of 'T' from 'bool' to 'tristate'
Kconfig:22: menuconfig statement without prompt
Kconfig:28: 'H' defined with blank help text
`;

describe('parse-time errors of the newer language', () => {
  it('are printed with the warnings before them, and the load fails', async () => {
    const err = await loadTree({ Kconfig: TREE }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(KconfigParseError);
    expect((err as KconfigParseError).message).toBe(
      'Cannot parse Kconfig: Kconfig:22: menuconfig statement without prompt',
    );
    expect((err as KconfigParseError).stderr).toBe(CONF_73_STDERR);
  });
});

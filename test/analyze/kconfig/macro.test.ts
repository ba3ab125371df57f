import { describe, expect, it } from 'vitest';
import { KreviewError } from '../../../src/domain/errors.ts';
import { loadTree } from './helpers.ts';

const IF_SUCCESS = `if-success = $(shell,{ $(1); } >/dev/null 2>&1 && echo "$(2)" || echo "$(3)")
success = $(if-success,$(1),y,n)
failure = $(if-success,$(1),n,y)
`;

// The value conf gives the string symbol V when its default is `text` in a tree with `preamble`.
async function expand(preamble: string, text: string, commands = {}): Promise<string> {
  const k = await loadTree(
    { Kconfig: `${preamble}config V\n\tstring\n\tdefault "${text}"\n` },
    commands,
  );
  const line = k
    .run('alldefconfig')
    .config.split('\n')
    .find((l) => l.startsWith('CONFIG_V='));
  return JSON.parse((line ?? '').slice('CONFIG_V='.length)) as string;
}

describe('the macro language', () => {
  it.each([
    [
      'a simple variable is expanded once, at its definition',
      'A := x\nB := $(A)\nA := y\n',
      '$(B)',
      'x',
    ],
    ['a recursive variable is expanded at each use', 'A = x\nB = $(A)\nA = y\n', '$(B)', 'y'],
    ['+= appends with a space, keeping the flavor', 'A := x\nA += $(A)\n', '$(A)', 'x x'],
    ['+= on an undefined variable makes it recursive', 'B = 1\nA += $(B)\nB = 2\n', '$(A)', '2'],
    ['a user function takes its arguments as $(1), $(2)', 'f = <$(2)|$(1)>\n', '$(f,a,b)', '<b|a>'],
    ['arguments are expanded before the call', 'X := in\nf = [$(1)]\n', '$(f,$(X))', '[in]'],
    ['an empty assignment is an empty string', 'E :=\n', 'a$(E)b', 'ab'],
    ['an undefined variable is empty', '', 'a$(NOPE)b', 'ab'],
    ['a $ without ( is kept', '', 'a$b', 'a$b'],
    ['the environment gives ARCH and SRCARCH', '', '$(ARCH)/$(SRCARCH)', 'x86_64/x86'],
    [
      '$(filename) and $(lineno) name where the expansion happens',
      '\n\n',
      '$(filename):$(lineno)',
      'Kconfig:5',
    ],
    ['a variable can name a function', 'f = $(1)$(1)\nname := f\n', '$($(name),ab)', 'abab'],
  ])('%s', async (_name, preamble, text, want) => {
    expect(await expand(preamble, text)).toBe(want);
  });

  it('$(shell,…) answers from the toolchain profile: trailing newlines cut, inner ones as spaces', async () => {
    expect(
      await expand('', '$(shell,printf x)', { 'printf x': { stdout: 'a\nb\n\n', exitCode: 0 } }),
    ).toBe('a b');
  });

  it('success and failure answer from the command exit status in the profile', async () => {
    const commands = {
      'cc -ok': { stdout: '', exitCode: 0 },
      'cc -bad': { stdout: '', exitCode: 1 },
    };
    expect(
      await expand(IF_SUCCESS, '$(success,cc -ok)$(success,cc -bad)$(failure,cc -ok)', commands),
    ).toBe('ynn');
  });

  it('a command the profile cannot answer is listed and counts as failed', async () => {
    const k = await loadTree({
      Kconfig: `${IF_SUCCESS}config C\n\tbool "c"\n\tdefault $(success,new-probe)\n`,
    });
    expect(k.unansweredCommands).toEqual([
      'LC_ALL=C gcc --version 2>/dev/null | head -n 1',
      'new-probe',
      'rustc --version 2>/dev/null',
    ]);
    expect(k.run('alldefconfig').config).toContain('# CONFIG_C is not set\n');
  });

  it('$(warning-if,y,…) adds a warning at its file and line; $(info,…) is kept for stdout', async () => {
    const k = await loadTree({
      Kconfig: '$(warning-if,y,careful)\n$(warning-if,n,quiet)\n$(info,hello)\n',
    });
    expect(k.warnings).toEqual(['Kconfig:1: careful']);
    expect(k.info).toEqual(['hello']);
  });

  it('$(error-if,y,…) stops the load with file and line', async () => {
    await expect(loadTree({ Kconfig: '\n$(error-if,y,no compiler)\n' })).rejects.toThrow(
      new KreviewError('Cannot expand Kconfig macro: Kconfig:2: no compiler', 'KCONFIG_PARSE'),
    );
  });

  it('a built-in function with the wrong number of arguments is an error', async () => {
    await expect(loadTree({ Kconfig: 'X := $(info,a,b)\n' })).rejects.toThrow(
      "too many function arguments passed to 'info'",
    );
  });

  it('an unterminated reference is an error naming it', async () => {
    await expect(loadTree({ Kconfig: 'config A\n\tbool "$(oops"\n' })).rejects.toThrow(
      "unterminated reference to 'oops\"': missing ')'",
    );
  });
});

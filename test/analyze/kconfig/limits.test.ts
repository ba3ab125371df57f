import { describe, expect, it } from 'vitest';
import type { KconfigParseError } from '../../../src/analyze/kconfig/parse-error.ts';
import { KreviewError } from '../../../src/domain/errors.ts';
import { loadTree } from './helpers.ts';

async function failure(files: Record<string, string>): Promise<KreviewError> {
  try {
    await loadTree(files);
  } catch (err) {
    if (err instanceof KreviewError) return err;
    throw err;
  }
  throw new Error('loading succeeded');
}

describe('hostile Kconfig gives a clear error with file and line, in bounded time', () => {
  it('refuses a source cycle, naming the file and line of the source statement', async () => {
    const err = await failure({
      Kconfig: 'source "a/Kconfig"\n',
      'a/Kconfig': 'config A\n\tbool\n\nsource "Kconfig"\n',
    });
    expect(err.code).toBe('KCONFIG_PARSE');
    expect(err.message).toBe(
      'Cannot parse Kconfig: Recursive inclusion detected.\nInclusion path:\n  current file : Kconfig\n' +
        '  included from: a/Kconfig:4\n  included from: Kconfig:1',
    );
  });

  it('refuses source nesting deeper than the limit', async () => {
    const files: Record<string, string> = { Kconfig: 'source "f0"\n' };
    for (let i = 0; i < 200; i++) files[`f${i}`] = `source "f${i + 1}"\n`;
    files.f200 = 'config A\n\tbool\n';
    const err = await failure(files);
    expect(err.code).toBe('KCONFIG_LIMIT');
    expect(err.message).toMatch(/f\d+:1: source nesting deeper than 64 files/);
  });

  it('refuses a variable that references itself, at its use', async () => {
    const err = await failure({ Kconfig: 'X = a $(X)\nconfig A\n\tbool "$(X)"\n' });
    expect(err.code).toBe('KCONFIG_PARSE');
    expect(err.message).toBe(
      "Cannot expand Kconfig macro: Kconfig:3: Recursive variable 'X' references itself (eventually)",
    );
  });

  it('refuses a function that recurses without end', async () => {
    const err = await failure({ Kconfig: 'f = $(f,$(1))\nconfig A\n\tbool "$(f,x)"\n' });
    expect(err.code).toBe('KCONFIG_LIMIT');
    expect(err.message).toContain('Kconfig:3: Too deep recursive expansion');
  });

  it('refuses an expansion that doubles until it is too long', async () => {
    const lines = ['A := xxxxxxxx'];
    for (let i = 0; i < 40; i++) lines.push('A := $(A)$(A)');
    const started = Date.now();
    const err = await failure({ Kconfig: `${lines.join('\n')}\n` });
    expect(err.code).toBe('KCONFIG_LIMIT');
    expect(err.message).toMatch(
      /^Cannot expand Kconfig macro: Kconfig:\d+: expansion is too long$/,
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses a 100 MB file without parsing it', async () => {
    const started = Date.now();
    const err = await failure({
      Kconfig: 'source "big"\n',
      big: `# ${'x'.repeat(100 * 1024 * 1024)}\n`,
    });
    expect(err.code).toBe('KCONFIG_LIMIT');
    expect(err.message).toBe('Cannot parse Kconfig: big: file is larger than 4194304 bytes');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it.each([
    ['menu', 'menu "M"\nconfig A\n\tbool\n', 'Kconfig:1: missing end statement for this entry'],
    [
      'if',
      'config A\n\tbool\nif A\nconfig B\n\tbool\n',
      'Kconfig:3: missing end statement for this entry',
    ],
    [
      'choice',
      'choice\n\tprompt "c"\nconfig A\n\tbool "a"\n',
      'Kconfig:1: missing end statement for this entry',
    ],
  ])('refuses an unterminated %s block at the line that opened it', async (_what, text, where) => {
    const err = await failure({ Kconfig: text });
    expect(err.code).toBe('KCONFIG_PARSE');
    expect(err.message).toBe(`Cannot parse Kconfig: ${where}`);
  });

  it('refuses an endif in another file than its if', async () => {
    const err = await failure({ Kconfig: 'if y\nsource "a"\n', a: 'endif\n' });
    // the message names the first error; conf's two lines are what kreview-conf prints
    expect(err.message).toBe("Cannot parse Kconfig: a:1: 'if' in different file than 'if'");
    expect((err as KconfigParseError).stderr).toBe(
      "a:1: 'if' in different file than 'if'\nKconfig:1: location of the 'if'\n",
    );
  });

  it('refuses expressions nested deeper than the limit', async () => {
    const err = await failure({
      Kconfig: `config A\n\tbool\n\tdepends on ${'('.repeat(5000)}B${')'.repeat(5000)}\n`,
    });
    expect(err.code).toBe('KCONFIG_LIMIT');
    expect(err.message).toBe('Cannot parse Kconfig: Kconfig:3: expression nested deeper than 200');
  });

  it("reports a dependency cycle in conf's words", async () => {
    const err = await failure({
      Kconfig: 'config A\n\tbool "a"\n\tdepends on B\n\nconfig B\n\tbool "b"\n\tdepends on A\n',
    });
    expect(err.code).toBe('KCONFIG_PARSE');
    expect(err.message).toBe(
      'Cannot load Kconfig: error: recursive dependency detected!\n' +
        '\tsymbol A depends on B\n' +
        '\tsymbol B depends on A\n' +
        'For a resolution refer to Documentation/kbuild/kconfig-language.rst\n' +
        'subsection "Kconfig recursive dependency limitations"\n\n',
    );
  });

  it('evaluates a dependency chain thousands deep or refuses it as a limit, never crashing', async () => {
    const parts: string[] = [];
    for (let i = 0; i < 20000; i++)
      parts.push(`config S${i}\n\tbool "s"\n\tdepends on S${i + 1}\n\tdefault y\n`);
    parts.push('config S20000\n\tbool "s"\n\tdefault y\n');
    try {
      const k = await loadTree({ Kconfig: parts.join('\n') });
      expect(k.run('alldefconfig').config).toContain('CONFIG_S0=y\n');
    } catch (err) {
      expect(err).toBeInstanceOf(KreviewError);
      expect((err as KreviewError).code).toBe('KCONFIG_LIMIT');
    }
  });
});

describe('bounded totals', () => {
  it('refuses macros that expand to too much text in total, each expansion small', async () => {
    const lines = ['A := x'];
    for (let i = 0; i < 19; i++) lines.push('A := $(A)$(A)');
    // A is 512 KiB; 200 uses expand to 100 MiB in total
    for (let i = 0; i < 200; i++) lines.push(`B${i} := $(A)`);
    const started = Date.now();
    await expect(loadTree({ Kconfig: `${lines.join('\n')}\n` })).rejects.toThrow(
      'macros expand to too much text',
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

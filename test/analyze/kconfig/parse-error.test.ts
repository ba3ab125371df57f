// A Kconfig error carries its place as data: the review anchors a finding there, and conf's text
// is built from the same fields, so neither reads the place back out of a message.
import { describe, expect, it } from 'vitest';
import { KconfigError } from '../../../src/domain/kconfig-error.ts';
import { loadTree } from './helpers.ts';

async function errorOf(files: Record<string, string>): Promise<KconfigError> {
  const err = await loadTree(files).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof KconfigError))
    throw new Error(`expected a KconfigError, got ${String(err)}`);
  return err;
}

describe('Kconfig errors as data', () => {
  it('name the file and line of the first error of a sourced file, whatever its name', async () => {
    const err = await errorOf({
      Kconfig: 'config A\n\tbool "a"\n\nsource "drivers/net.conf"\n',
      'drivers/net.conf': 'config B\n\tbool "b"\n\nfrobnicate\n',
    });
    expect({ file: err.file, line: err.line, detail: err.detail, code: err.code }).toEqual({
      file: 'drivers/net.conf',
      line: 4,
      detail: 'unknown statement "frobnicate"',
      code: 'KCONFIG_PARSE',
    });
    expect(err.confText).toBe('drivers/net.conf:4: unknown statement "frobnicate"');
    expect(err.message).toBe(`Cannot parse Kconfig: ${err.confText}`);
  });

  it('name the line of a `source` whose file is missing', async () => {
    const err = await errorOf({ Kconfig: 'config A\n\tbool "a"\nsource "nowhere/Kconfig"\n' });
    expect([err.file, err.line, err.detail]).toEqual([
      'Kconfig',
      3,
      'can\'t open file "nowhere/Kconfig"',
    ]);
  });

  it('name the entry of a choice error found after the parse', async () => {
    const err = await errorOf({
      Kconfig: 'choice\n\tprompt "c"\n\nconfig X\n\tbool "x"\n\tdefault y\n\nendchoice\n',
    });
    expect([err.file, err.line]).toEqual(['Kconfig', 6]);
    expect(err.detail).toBe('error: defaults for choice values not supported');
  });

  // conf names the line after the assignment (its line count has passed the end of line).
  it('name the place of a macro that cannot be expanded, as conf does', async () => {
    const err = await errorOf({
      Kconfig: 'config A\n\tbool "a"\n\nX := $(error-if,y,stop here)\n',
    });
    expect([err.action, err.file, err.line, err.detail]).toEqual([
      'expand Kconfig macro',
      'Kconfig',
      5,
      'stop here',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { toolchainScope } from '../../src/analyze/toolchain-scope.ts';
import { loadTree } from './kconfig/helpers.ts';

const KCONFIG = [
  'config CC_IS_CLANG',
  '\tdef_bool n',
  'config RUST_IS_AVAILABLE',
  '\tdef_bool n',
  'config RUST',
  '\tbool "Rust"',
  '\tdepends on RUST_IS_AVAILABLE',
  'config RUST_DRIVER',
  '\tbool "A Rust driver"',
  '\tdepends on RUST',
  'config C_DRIVER',
  '\tbool "A C driver"',
  '',
].join('\n');

describe('toolchainScope()', () => {
  it('says what the toolchain lacks and which symbols of the series that hides', async () => {
    const k = await loadTree({ Kconfig: KCONFIG });
    const run = { arch: 'x86_64', why: 'the base architecture', before: k, after: k, targets: [] };
    const site = (symbol: string) => ({
      symbol,
      patch: 1,
      file: 'Kconfig',
      line: 1,
      side: 'new' as const,
      role: 'defines' as const,
      text: `config ${symbol}`,
    });
    expect(toolchainScope(run, [site('RUST_DRIVER'), site('C_DRIVER')])).toBe(
      'The toolchain recorded on x86_64 is gcc without a usable Rust toolchain: options that need clang or Rust are n in every configuration evaluated, so nothing is said of RUST_DRIVER switched on.',
    );
    expect(toolchainScope(undefined, [])).toBeUndefined();
  });
});

// The oracle against the real 6.12 tree: a cold run makes conf answer, a warm run costs nothing.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kernelSetup } from '../../tools/oracle/kernel-setup.ts';
import { caseKey, type Oracle, openOracle } from '../../tools/oracle/oracle-cache.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
let cacheRoot: string;
let oracle: Oracle;

beforeAll(async () => {
  const { tree } = await kernelSetup(repoRoot);
  cacheRoot = await mkdtemp(path.join(os.tmpdir(), 'kreview-oracle-'));
  oracle = await openOracle(tree, cacheRoot);
});

afterAll(async () => {
  if (cacheRoot !== undefined) await rm(cacheRoot, { recursive: true, force: true });
});

describe('openOracle()', () => {
  it('openOracle() runs allnoconfig through make once and answers the second time from disk', async () => {
    const cold = await oracle.run('x86_64', { kind: 'target', target: 'allnoconfig' });
    expect(cold.cached).toBe(false);
    expect(
      cold.config.startsWith(
        '#\n# Automatically generated file; DO NOT EDIT.\n# Linux/x86_64 6.12',
      ),
    ).toBe(true);
    expect(cold.config).toContain('\n# CONFIG_MODULES is not set\n');
    // make's "  GEN     Makefile" is not conf's; conf's own message is.
    expect(cold.stdout).toBe('#\n# configuration written to .config\n#\n');
    expect(cold.stderr).toBe('');

    const warm = await oracle.run('x86_64', { kind: 'target', target: 'allnoconfig' });
    expect(warm).toEqual({ ...cold, cached: true });
    const dir = path.join(cacheRoot, oracle.commit, 'x86_64', 'allnoconfig');
    expect((await readdir(dir)).sort()).toEqual([
      'config',
      'input',
      'stderr',
      'stdout',
      'toolchain',
    ]);
    expect(await readFile(path.join(dir, 'config'), 'utf8')).toBe(cold.config);
  }, 300_000);

  it('openOracle() gives olddefconfig the .config it is handed and reports an unchanged one', async () => {
    const full = await oracle.run('x86_64', { kind: 'target', target: 'allnoconfig' });
    const again = await oracle.run('x86_64', { kind: 'olddefconfig', input: full.config });
    expect(again.cached).toBe(false);
    expect(again.input).toBe(full.config);
    expect(again.config).toBe(full.config);
    expect(again.stdout).toBe('#\n# No change to .config\n#\n');
  }, 300_000);

  it('openOracle() names the defconfig make chose as the input of the defconfig case', async () => {
    const result = await oracle.run('x86_64', { kind: 'target', target: 'defconfig' });
    expect(result.input).toBe('x86_64_defconfig');
    expect(result.config).toContain('\nCONFIG_SMP=y\n');
  }, 300_000);
});

describe('caseKey()', () => {
  const cases: [string, { given: Parameters<typeof caseKey>[0]; want: RegExp }][] = [
    [
      'caseKey() names a target by its name',
      { given: { kind: 'target', target: 'allyesconfig' }, want: /^allyesconfig$/ },
    ],
    [
      'caseKey() names a random configuration by its seed',
      { given: { kind: 'random', seed: 42 }, want: /^seed-42$/ },
    ],
    [
      'caseKey() names a given .config by a hash of it',
      {
        given: { kind: 'olddefconfig', input: 'CONFIG_A=y\n' },
        want: /^olddefconfig-[0-9a-f]{16}$/,
      },
    ],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(caseKey(given)).toMatch(want);
  });
});

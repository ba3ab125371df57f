import { describe, expect, it } from 'vitest';
import { loadKconfig } from '../../../src/analyze/kconfig/engine.ts';
import { memoryFiles } from '../../../src/analyze/kconfig/files.ts';
import { ParseCache } from '../../../src/analyze/kconfig/parse-cache.ts';

const base = {
  Kconfig: 'mainmenu "Shared"\nsource "a/Kconfig"\nsource "b/Kconfig"\n',
  'a/Kconfig':
    'config A\n\tbool "a"\n\tdefault y\n\thelp\n\t  Some help.\n\nconfig AV\n\tint "av"\n\tdefault 3\n',
  'b/Kconfig': 'config B\n\tbool "b"\n\tdefault y\n',
};
const patched = {
  ...base,
  'b/Kconfig': 'config B\n\tbool "b"\n\tdefault n\n\nconfig B2\n\tbool "b2"\n\tdefault B || A\n',
};
const noProfile = { commands: new Map() };

describe('ParseCache shared between two trees', () => {
  it('gives each tree its own result while unchanged files are scanned once', async () => {
    const cache = new ParseCache();
    const before = await loadKconfig(memoryFiles(base), { arch: 'x86_64' }, noProfile, cache);
    const entries = cache.size;
    const after = await loadKconfig(memoryFiles(patched), { arch: 'x86_64' }, noProfile, cache);
    // the patched tree adds only its changed file: its text and its scan
    expect(cache.size).toBe(entries + 2);
    expect(before.run('alldefconfig').config).toContain('CONFIG_A=y\nCONFIG_AV=3\nCONFIG_B=y\n');
    expect(after.run('alldefconfig').config).toContain(
      'CONFIG_A=y\nCONFIG_AV=3\n# CONFIG_B is not set\nCONFIG_B2=y\n',
    );
  });

  it('a tree loaded again from the cache evaluates exactly as from scratch', async () => {
    const cache = new ParseCache();
    await loadKconfig(memoryFiles(patched), { arch: 'x86_64' }, noProfile, cache);
    const cached = await loadKconfig(memoryFiles(patched), { arch: 'x86_64' }, noProfile, cache);
    const fresh = await loadKconfig(memoryFiles(patched), { arch: 'x86_64' }, noProfile);
    for (const target of ['allnoconfig', 'allyesconfig', 'alldefconfig'] as const)
      expect(cached.run(target)).toEqual(fresh.run(target));
    expect(cached.symbol('B2')).toEqual(fresh.symbol('B2'));
  });
});

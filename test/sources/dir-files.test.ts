import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dirFiles } from '../../src/sources/dir-files.ts';

function tree(): { root: string; outside: string } {
  const base = mkdtempSync(path.join(tmpdir(), 'kreview-dirfiles-'));
  const root = path.join(base, 'linux');
  mkdirSync(path.join(root, 'arch/x86'), { recursive: true });
  writeFileSync(path.join(root, 'Kconfig'), 'source "arch/x86/Kconfig"\n');
  writeFileSync(path.join(root, 'arch/x86/Kconfig'), 'config X86\n\tdef_bool y\n');
  const outside = path.join(base, 'secret');
  writeFileSync(outside, 'not for Kconfig\n');
  symlinkSync(outside, path.join(root, 'arch/x86/Kconfig.link'));
  return { root, outside };
}

describe('dirFiles()', () => {
  it('reads files by their path under the root', async () => {
    const files = dirFiles(tree().root);
    expect(await files.read('arch/x86/Kconfig')).toBe('config X86\n\tdef_bool y\n');
  });

  it('gives equal contents in two trees the same identity, and different contents different ones', async () => {
    const a = tree().root;
    const b = tree().root;
    writeFileSync(path.join(b, 'Kconfig'), 'source "arch/x86/Kconfig"\n# changed\n');
    const [fa, fb] = [dirFiles(a), dirFiles(b)];
    expect(await fa.identity('arch/x86/Kconfig')).toBe(await fb.identity('arch/x86/Kconfig'));
    expect(await fa.identity('Kconfig')).not.toBe(await fb.identity('Kconfig'));
  });

  it.each([
    ['a path with ..', '../secret'],
    ['an absolute path', '/etc/passwd'],
    ['a symlink that leads outside the tree', 'arch/x86/Kconfig.link'],
    ['a directory', 'arch'],
    ['a missing file', 'arch/arm/Kconfig'],
  ])('refuses %s as absent', async (_name, p) => {
    const files = dirFiles(tree().root);
    expect(await files.read(p)).toBeUndefined();
    expect(await files.identity(p)).toBeUndefined();
  });

  it('refuses a file larger than 16 MiB without reading it', async () => {
    const { root } = tree();
    const big = path.join(root, 'big');
    writeFileSync(big, '');
    truncateSync(big, 1024 * 1024 * 1024);
    await expect(dirFiles(root).read('big')).rejects.toThrow(
      'Cannot read "big": file is larger than 16777216 bytes',
    );
  });
});

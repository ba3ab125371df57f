// dirFiles().list: the files under a directory, for make's $(wildcard), never outside the root.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { dirFiles } from '../../src/sources/dir-files.ts';

const root = mkdtempSync(path.join(os.tmpdir(), 'kreview-dir-list-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

it('lists files recursively with tree paths, and nothing for a path outside the root', async () => {
  mkdirSync(path.join(root, 'arch/mips/configs/generic'), { recursive: true });
  writeFileSync(path.join(root, 'arch/mips/configs/generic_defconfig'), '');
  writeFileSync(path.join(root, 'arch/mips/configs/generic/board-ocelot.config'), '');
  const files = dirFiles(root);
  expect(await files.list?.('arch/mips/configs')).toEqual([
    'arch/mips/configs/generic/board-ocelot.config',
    'arch/mips/configs/generic_defconfig',
  ]);
  expect(await files.list?.('..')).toEqual([]);
  expect(await files.list?.('arch/none')).toEqual([]);
});

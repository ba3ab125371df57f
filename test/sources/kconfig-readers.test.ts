// The two Kconfig readers, git objects (a review's trees) and a directory (`kreview kconfig
// --tree DIR`, the conf harness), give the engine the same text for the same bytes.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openObjectReader } from '../../src/git/cat-file.ts';
import { gitEnvironment, gitProcessPort } from '../../src/git/process-port.ts';
import { gitTreeFiles } from '../../src/git/tree-files.ts';
import { dirFiles } from '../../src/sources/dir-files.ts';
import { testGitEnv } from '../helpers/git-repo.ts';

// A prompt in UTF-8 (as in drivers/mtd/nand/raw/Kconfig) and a help line with a stray Latin-1 byte.
const KCONFIG = Buffer.concat([
  Buffer.from('config MTD_NAND_CAFE\n\ttristate "OLPC CAFÉ NAND controller"\n\thelp\n', 'utf8'),
  Buffer.from('\t  Gr\xfc\xdfe from an old file.\n', 'latin1'),
]);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kreview-kconfig-readers-'));
  mkdirSync(path.join(dir, 'drivers'));
  writeFileSync(path.join(dir, 'drivers/Kconfig'), KCONFIG);
  execFileSync('git', ['init', '-q', dir], { env: testGitEnv() });
  execFileSync('git', ['-C', dir, 'add', '-A'], { env: testGitEnv() });
  execFileSync('git', ['-C', dir, 'commit', '-qm', 'x'], { env: testGitEnv() });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the Kconfig readers', () => {
  it('decode a file alike from git objects and from the directory (UTF-8)', async () => {
    const reader = openObjectReader(gitProcessPort(dir, gitEnvironment(process.env)));
    try {
      const fromGit = await gitTreeFiles(reader, 'HEAD').read('drivers/Kconfig');
      const files = dirFiles(dir);
      const fromDir = await files.read('drivers/Kconfig');
      expect(fromDir).toBe(fromGit);
      expect(fromGit).toContain('tristate "OLPC CAFÉ NAND controller"');
      // The directory's identity is still of the bytes, not of the decoded text.
      expect(await files.identity('drivers/Kconfig')).toBe(
        createHash('sha1').update(KCONFIG).digest('hex'),
      );
    } finally {
      await reader.close();
    }
  });
});

// Files of a commit read from git objects: symlinks are followed inside the tree (as make and
// conf's fopen() do), and list() names what $(wildcard) would see.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openObjectReader } from '../../src/git/cat-file.ts';
import { gitEnvironment, gitProcessPort } from '../../src/git/process-port.ts';
import { gitTreeFiles } from '../../src/git/tree-files.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kreview-tree-files-'));
  mkdirSync(path.join(dir, 'kernel/configs'), { recursive: true });
  mkdirSync(path.join(dir, 'arch/powerpc/configs'), { recursive: true });
  writeFileSync(path.join(dir, 'kernel/configs/kvm_guest.config'), 'CONFIG_KVM_GUEST=y\n');
  writeFileSync(path.join(dir, 'arch/powerpc/configs/le.config'), 'CONFIG_CPU_LITTLE_ENDIAN=y\n');
  symlinkSync(
    '../../../kernel/configs/kvm_guest.config',
    path.join(dir, 'arch/powerpc/configs/kvm_guest.config'),
  );
  symlinkSync('../../../../outside', path.join(dir, 'arch/powerpc/configs/escape.config'));
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', dir, ...args], {
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@t',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@t',
      },
    });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'x');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('gitTreeFiles', () => {
  it('follows a symlink inside the tree, not one that leaves it, and lists both', async () => {
    const port = gitProcessPort(dir, gitEnvironment(process.env));
    const reader = openObjectReader(port);
    try {
      const files = gitTreeFiles(reader, 'HEAD');
      expect(await files.read('arch/powerpc/configs/kvm_guest.config')).toBe(
        'CONFIG_KVM_GUEST=y\n',
      );
      expect(await files.identity('arch/powerpc/configs/kvm_guest.config')).toBe(
        await files.identity('kernel/configs/kvm_guest.config'),
      );
      expect(await files.read('arch/powerpc/configs/escape.config')).toBeUndefined();
      expect(await files.list?.('arch/powerpc/configs')).toEqual([
        'arch/powerpc/configs/escape.config',
        'arch/powerpc/configs/kvm_guest.config',
        'arch/powerpc/configs/le.config',
      ]);
    } finally {
      await reader.close();
    }
  });
});

// Two commits' trees compared through the shared tree objects, and a tree's answers replayed on
// another commit: what lets a series' prefix reuse a Kconfig already loaded.
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingFiles, sameAnswers } from '../../src/analyze/kconfig/recorded-files.ts';
import { type ObjectReader, openObjectReader } from '../../src/git/cat-file.ts';
import { gitEnvironment, gitProcessPort } from '../../src/git/process-port.ts';
import { changedPaths } from '../../src/git/tree-diff.ts';
import { gitTreeFiles, type TreeObjects, treeObjects } from '../../src/git/tree-files.ts';
import { makeRepo, type TestRepo } from '../helpers/git-repo.ts';

let repo: TestRepo;
let reader: ObjectReader;
let trees: TreeObjects;
const c: Record<string, string> = {};

beforeAll(() => {
  repo = makeRepo({});
  c.base = repo.commit('base', {
    Kconfig: 'source "drivers/Kconfig"\n',
    'drivers/Kconfig': 'config A\n\tbool "a"\n',
    'drivers/a.c': 'int a;\n',
    'kernel/configs/x.config': 'CONFIG_A=y\n',
  });
  c.code = repo.commit('code only', { 'drivers/a.c': 'int a = 1;\n', 'drivers/new/b.c': 'b\n' });
  c.mode = repo.commit('mode', { 'drivers/a.c': { content: 'int a = 1;\n', mode: '100755' } });
  c.gone = repo.commit('subtree removed', { 'drivers/new/b.c': null });
  // The Kconfig a symlink points at changes; the link itself does not.
  symlinkSync('drivers/Kconfig', path.join(repo.dir, 'arch-Kconfig'));
  c.link = repo.commit('link', { Kconfig: 'source "arch-Kconfig"\n' });
  c.target = repo.commit('target', { 'drivers/Kconfig': 'config B\n\tbool "b"\n' });
  reader = openObjectReader(gitProcessPort(repo.dir, gitEnvironment(process.env)));
  trees = treeObjects(reader);
});
afterAll(async () => {
  await reader?.close();
  repo?.remove();
});

describe('changedPaths', () => {
  it('names changed, added and removed files, walking only subtrees that differ', async () => {
    expect(await changedPaths(trees, c.base as string, c.code as string)).toEqual([
      'drivers/a.c',
      'drivers/new/b.c',
    ]);
    expect(await changedPaths(trees, c.code as string, c.mode as string)).toEqual(['drivers/a.c']);
    expect(await changedPaths(trees, c.mode as string, c.gone as string)).toEqual([
      'drivers/new/b.c',
    ]);
    expect(await changedPaths(trees, c.gone as string, c.gone as string)).toEqual([]);
  });
});

describe('sameAnswers', () => {
  it('holds on a commit that changed only files the load never asked about', async () => {
    const { files, answers } = recordingFiles(gitTreeFiles(reader, c.base as string, trees));
    expect(await files.read('Kconfig')).toContain('drivers/Kconfig');
    await files.read('drivers/Kconfig');
    await files.list?.('kernel/configs');
    expect(await sameAnswers(answers, gitTreeFiles(reader, c.gone as string, trees))).toBe(true);
  });

  it('fails when a file it read changed, even behind a symlink', async () => {
    const { files, answers } = recordingFiles(gitTreeFiles(reader, c.link as string, trees));
    await files.read('Kconfig');
    expect(await files.read('arch-Kconfig')).toContain('config A');
    expect(await sameAnswers(answers, gitTreeFiles(reader, c.target as string, trees))).toBe(false);
  });

  it('fails when a listed directory gains a file', async () => {
    const { files, answers } = recordingFiles(gitTreeFiles(reader, c.base as string, trees));
    await files.list?.('drivers');
    expect(await sameAnswers(answers, gitTreeFiles(reader, c.code as string, trees))).toBe(false);
  });
});

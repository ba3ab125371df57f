import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  applyMbox,
  mailWithDiff,
  makeRepo,
  repoState,
  type TestRepo,
} from '../helpers/git-repo.ts';

const repos: TestRepo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.remove();
});

const newFile = (path: string, mode = '100644', body = '+pwned'): string =>
  [
    `diff --git a/${path} b/${path}`,
    `new file mode ${mode}`,
    'index 0000000..1111111',
    '--- /dev/null',
    `+++ b/${path}`,
    '@@ -0,0 +1 @@',
    body,
    '',
  ].join('\n');

const cases: [string, { diff: string; file: string; reason: string }][] = [
  [
    'a path that climbs out with ".."',
    { diff: newFile('../outside.txt'), file: '../outside.txt', reason: '".."' },
  ],
  [
    'a path deep in the tree that climbs out',
    { diff: newFile('a/../../outside.txt'), file: 'a/../../outside.txt', reason: '".."' },
  ],
  [
    'an absolute path',
    {
      diff: ['--- /dev/null', '+++ /tmp/kreview-absolute', '@@ -0,0 +1 @@', '+pwned', ''].join(
        '\n',
      ),
      file: '/tmp/kreview-absolute',
      reason: 'absolute path',
    },
  ],
  [
    'a hook under .git',
    {
      diff: newFile('.git/hooks/post-checkout', '100755'),
      file: '.git/hooks/post-checkout',
      reason: '".git"',
    },
  ],
  [
    '.git spelt in capitals',
    { diff: newFile('sub/.GIT/config'), file: 'sub/.GIT/config', reason: '".git"' },
  ],
  [
    'a rename into .git',
    {
      diff: [
        'diff --git a/README b/.git/config',
        'similarity index 100%',
        'rename from README',
        'rename to .git/config',
        '',
      ].join('\n'),
      file: '.git/config',
      reason: '".git"',
    },
  ],
  [
    'a symlink, then a write through it',
    {
      diff: newFile('link', '120000', '+../../etc') + newFile('link/passwd'),
      file: 'link',
      reason: 'symbolic links',
    },
  ],
  [
    'a file turned into a symlink',
    {
      diff: ['diff --git a/README b/README', 'old mode 100644', 'new mode 120000', ''].join('\n'),
      file: 'README',
      reason: 'symbolic links',
    },
  ],
  [
    'a submodule entry',
    {
      diff: newFile('sub', '160000', '+Subproject commit 0123456789012345678901234567890123456789'),
      file: 'sub',
      reason: 'submodules',
    },
  ],
];

describe('applySeries() refuses hostile patches', () => {
  it.each(cases)(
    'applySeries() refuses %s and changes nothing',
    async (_name, { diff, file, reason }) => {
      const repo = makeRepo({ README: 'hello\n', 'a/b.c': 'int b;\n' });
      repos.push(repo);
      const before = repoState(repo.dir);
      for (const inMemory of [false, true]) {
        const outcome = await applyMbox(repo, mailWithDiff('hostile', diff), { inMemory });
        expect(outcome.ok).toBe(false);
        const [first] = outcome.patches;
        expect(first).toMatchObject({ status: 'failed', error: { file } });
        expect(first?.status === 'failed' && first.error.message).toMatch(/^Refused: /);
        expect(first?.status === 'failed' && first.error.message).toContain(reason);
        expect(repoState(repo.dir)).toBe(before);
      }
    },
  );

  it('applySeries() refuses a diff bigger than the cap before git reads it', async () => {
    const repo = makeRepo({ 'big.txt': 'x\n' });
    repos.push(repo);
    const before = repoState(repo.dir);
    const lines = Array.from({ length: 200 }, (_, i) => `+line ${i} of a very long hunk`);
    const diff = newFile('added.txt').replace(
      '@@ -0,0 +1 @@\n+pwned',
      `@@ -0,0 +1,200 @@\n${lines.join('\n')}`,
    );
    const outcome = await applyMbox(repo, mailWithDiff('huge', diff), { maxPatchBytes: 1024 });
    expect(outcome.patches[0]).toMatchObject({ status: 'failed', error: { file: '' } });
    expect(outcome.patches[0]?.status === 'failed' && outcome.patches[0].error.message).toMatch(
      /^Refused: "": diff is \d+ bytes, more than the limit of 1024$/,
    );
    expect(repoState(repo.dir)).toBe(before);
  });

  it('applySeries() fails a diff against a file and blob the tree does not have', async () => {
    const repo = makeRepo({ README: 'hello\n' });
    repos.push(repo);
    const before = repoState(repo.dir);
    const diff = [
      'diff --git a/drivers/ghost.c b/drivers/ghost.c',
      'index 0123456..789abcd 100644',
      '--- a/drivers/ghost.c',
      '+++ b/drivers/ghost.c',
      '@@ -1 +1 @@',
      '-int ghost;',
      '+int ghost = 1;',
      '',
    ].join('\n');
    for (const inMemory of [false, true]) {
      const outcome = await applyMbox(repo, mailWithDiff('ghost', diff), {
        inMemory,
        base: 'HEAD',
      });
      expect(outcome.patches[0]).toMatchObject({
        status: 'failed',
        error: {
          file: 'drivers/ghost.c',
          message: 'error: drivers/ghost.c: does not exist in index',
        },
      });
    }
    expect(repoState(repo.dir)).toBe(before);
  });

  it('applySeries() fails a write through a symlink the tree already has', async () => {
    const repo = makeRepo({ 'real/x.txt': 'x\n' });
    repos.push(repo);
    symlinkSync('real', join(repo.dir, 'link'));
    repo.commit('Add a symlink', {});
    const before = repoState(repo.dir);
    for (const inMemory of [false, true]) {
      const outcome = await applyMbox(repo, mailWithDiff('through', newFile('link/y.txt')), {
        inMemory,
      });
      expect(outcome.patches[0]).toMatchObject({ status: 'failed', error: { file: 'link/y.txt' } });
      expect(outcome.patches[0]?.status === 'failed' && outcome.patches[0].error.message).toContain(
        'beyond a symbolic link',
      );
    }
    expect(repoState(repo.dir)).toBe(before);
  });
});

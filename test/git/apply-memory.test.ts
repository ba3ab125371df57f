// The in-memory path against the reference: for each kind of change, and on bases other than the
// author's, it must give git apply's statuses, trees and commits, and be the one that ran.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applied, KCONFIG, repoFactory, treeOf } from '../helpers/apply-fixtures.ts';
import {
  applyMbox,
  formatPatch,
  mailWithDiff,
  type makeRepo,
  type TestRepo,
} from '../helpers/git-repo.ts';

const repoWith = repoFactory();

describe('applySeries() in memory matches git apply --cached', () => {
  const cases: [
    string,
    {
      files: Parameters<typeof makeRepo>[0];
      change: Parameters<TestRepo['commit']>[1];
      move?: [string, string];
    },
  ][] = [
    [
      'a rename with a change',
      { files: { 'a/old.c': KCONFIG }, change: {}, move: ['a/old.c', 'b/new.c'] },
    ],
    [
      'a mode change',
      {
        files: { 'run.sh': 'echo hi\n' },
        change: { 'run.sh': { content: 'echo hi\n', mode: '100755' } },
      },
    ],
    [
      'a new executable file in a new directory',
      {
        files: { 'x.c': 'x\n' },
        change: { 'tools/new/run.sh': { content: '#!/bin/sh\n', mode: '100755' } },
      },
    ],
    [
      'a deleted file that empties its directory',
      { files: { 'x.c': 'x\n', 'gone/only.c': 'bye\n' }, change: { 'gone/only.c': null } },
    ],
    [
      'a file without a final newline',
      { files: { 'n.txt': 'a\nb' }, change: { 'n.txt': 'a\nb\nc' } },
    ],
    ['adding a final newline', { files: { 'n.txt': 'a\nb' }, change: { 'n.txt': 'a\nb\n' } }],
    [
      'changes at the start and the end of a file',
      { files: { 'k.txt': KCONFIG }, change: { 'k.txt': `# head\n${KCONFIG}# tail\n` } },
    ],
    [
      'a binary file',
      {
        files: { 'fw.bin': Buffer.from([0, 1, 2, 3, 255, 0, 7]) },
        change: { 'fw.bin': Buffer.from([0, 1, 2, 9, 255, 0, 7, 8]) },
      },
    ],
  ];

  it.each(cases)(
    'applySeries() gives the same tree and commit for %s',
    async (name, { files, change, move }) => {
      const repo = repoWith(files);
      const base = repo.git('rev-parse', 'HEAD').trim();
      if (move !== undefined) {
        mkdirSync(join(repo.dir, dirname(move[1])), { recursive: true });
        repo.git('mv', move[0], move[1]);
        repo.commit('Move it', { [move[1]]: `${KCONFIG}config MOVED\n\tbool\n` });
      } else repo.commit('Change it', change);
      const mbox = formatPatch(repo, `${base}..HEAD`, ['-M']);
      const reference = await applyMbox(repo, mbox, { base, inMemory: false });
      const memory = await applyMbox(repo, mbox, { base, inMemory: true });
      expect(applied(reference.patches[0]).tree).toBe(treeOf(repo, 'HEAD'));
      expect(memory.head).toBe(reference.head);
      expect(applied(memory.patches[0]).tree).toBe(applied(reference.patches[0]).tree);
      // Binary patches are git's to apply; everything else here is done in memory.
      expect(applied(memory.patches[0]).via).toBe(
        name === 'a binary file' ? 'git-apply' : 'memory',
      );
    },
  );
});

describe('applySeries() in memory matches git apply --cached on another base', () => {
  const block = (tag: string) => `block ${tag} {\n\tsame;\n\tsame;\n}\n`;
  const numbered = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, i) => `line ${from + i}\n`).join('');
  const cases: [
    string,
    { start: string; author: string; base: string; want: 'memory' | 'failed' },
  ][] = [
    [
      'a hunk moved down',
      {
        start: numbered(0, 30),
        author: numbered(0, 15).concat('new\n', numbered(15, 30)),
        base: `x\ny\nz\n${numbered(0, 30)}`,
        want: 'memory',
      },
    ],
    [
      'a hunk moved up',
      {
        start: numbered(0, 30),
        author: numbered(0, 15).concat('new\n', numbered(15, 30)),
        base: numbered(5, 30),
        want: 'memory',
      },
    ],
    [
      'a change at line 1 when the base added lines on top',
      {
        start: numbered(0, 10),
        author: `first\n${numbered(1, 10)}`,
        base: `top\n${numbered(0, 10)}`,
        want: 'failed',
      },
    ],
    [
      'an append when the base appended too',
      {
        start: numbered(0, 10),
        author: `${numbered(0, 10)}tail\n`,
        base: `${numbered(0, 10)}other\n`,
        want: 'failed',
      },
    ],
    [
      'repeated blocks, the nearest one wins',
      {
        start: `${block('a')}${block('a')}${block('a')}`,
        author: `${block('a')}${block('a').replace('same;\n}', 'same;\n\tnew;\n}')}${block('a')}`,
        base: `${block('a')}${block('a')}${block('a')}${block('a')}`,
        want: 'memory',
      },
    ],
    [
      'a context the base changed',
      {
        start: numbered(0, 20),
        author: numbered(0, 10).concat('new\n', numbered(10, 20)),
        base: numbered(0, 9).concat('changed\n', numbered(10, 20)),
        want: 'failed',
      },
    ],
    [
      'a file the base deleted',
      { start: numbered(0, 5), author: `${numbered(0, 5)}more\n`, base: '', want: 'failed' },
    ],
  ];

  it.each(cases)(
    'applySeries() agrees with git on %s',
    async (_name, { start, author, base, want }) => {
      const repo = repoWith({ 'f.txt': start, 'keep.txt': 'k\n' });
      const root = repo.git('rev-parse', 'HEAD').trim();
      repo.commit('Author change', { 'f.txt': author });
      const mbox = formatPatch(repo, `${root}..HEAD`);
      repo.git('checkout', '-q', '-b', 'other', root);
      const other = repo.commit('Base change', { 'f.txt': base === '' ? null : base });
      const reference = await applyMbox(repo, mbox, { base: other, inMemory: false });
      const memory = await applyMbox(repo, mbox, { base: other, inMemory: true });
      expect(memory.patches.map((p) => p.status)).toEqual(reference.patches.map((p) => p.status));
      expect(memory.head).toBe(reference.head);
      const how = memory.patches.map((p) => (p.status === 'applied' ? p.via : p.status));
      expect(how).toEqual([want]);
    },
  );
});

describe('applySeries() with a plain diff (no diff --git header)', () => {
  it('applySeries() applies --- / +++ diffs in memory as git does', async () => {
    const repo = repoWith({ 'scripts/conf.c': KCONFIG });
    const diff = [
      '--- a/scripts/conf.c',
      '+++ b/scripts/conf.c',
      '@@ -19,4 +19,5 @@',
      ' config SYM_6',
      ' \tbool "Symbol 6"',
      ' ',
      '+# plain diff',
      ' config SYM_7',
      '',
    ].join('\n');
    const mbox = mailWithDiff('plain', diff);
    const reference = await applyMbox(repo, mbox, { inMemory: false });
    const memory = await applyMbox(repo, mbox);
    expect(applied(memory.patches[0]).via).toBe('memory');
    expect(memory.head).toBe(reference.head);
    expect(repo.git('show', `${memory.head}:scripts/conf.c`)).toContain(
      'config SYM_6\n\tbool "Symbol 6"\n\n# plain diff\nconfig SYM_7\n',
    );
  });
});

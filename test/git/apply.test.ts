import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PatchResult } from '../../src/git/apply-outcome.ts';
import {
  applyMbox,
  formatPatch,
  mailWithDiff,
  makeRepo,
  repoState,
  type TestRepo,
} from '../helpers/git-repo.ts';

const KCONFIG = Array.from(
  { length: 40 },
  (_, i) => `config SYM_${i}\n\tbool "Symbol ${i}"\n`,
).join('\n');
const MAKEFILE = 'obj-y += a.o\nobj-y += b.o\nobj-y += c.o\n';

const repos: TestRepo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.remove();
});

function repoWith(files: Parameters<typeof makeRepo>[0]): TestRepo {
  const repo = makeRepo(files);
  repos.push(repo);
  return repo;
}

function applied(result: PatchResult | undefined): Extract<PatchResult, { status: 'applied' }> {
  if (result?.status !== 'applied') throw new Error(`patch not applied: ${JSON.stringify(result)}`);
  return result;
}

function treeOf(repo: TestRepo, rev: string): string {
  return repo.git('rev-parse', `${rev}^{tree}`).trim();
}

// A base, then a series on branch "topic"; the repo is left at the base on main.
function seriesRepo(): { repo: TestRepo; base: string; mbox: string } {
  const repo = repoWith({
    'drivers/Kconfig': KCONFIG,
    'drivers/Makefile': MAKEFILE,
    README: 'hello\n',
  });
  const base = repo.git('rev-parse', 'HEAD').trim();
  repo.git('checkout', '-q', '-b', 'topic');
  repo.commit(
    'drivers: add SYM_NEW\n\nA new symbol.\n\nSigned-off-by: A U Thor <author@example.org>',
    {
      'drivers/Kconfig': KCONFIG.replace(
        'config SYM_20\n',
        'config SYM_NEW\n\tbool "New"\n\nconfig SYM_20\n',
      ),
    },
    '2024-03-01T10:00:00+01:00',
  );
  repo.commit('drivers: build d.o', {
    'drivers/Makefile': `${MAKEFILE}obj-y += d.o\n`,
    'drivers/d.c': 'int d;\n',
  });
  repo.commit('Remove README', { README: null });
  const mbox = formatPatch(repo, `${base}..topic`);
  repo.git('checkout', '-q', 'main');
  return { repo, base, mbox };
}

describe.each([
  ['git apply --cached', false],
  ['in memory', true],
])('applySeries() with %s', (_name, inMemory) => {
  it('applies a clean series as a chain of commits with the trees of the original commits', async () => {
    const { repo, base, mbox } = seriesRepo();
    const before = repoState(repo.dir);
    const outcome = await applyMbox(repo, mbox, { inMemory });
    expect(outcome.ok).toBe(true);
    expect(outcome.base).toMatchObject({ found: true, commit: base, how: 'head' });
    expect(outcome.patches.map((p) => p.status)).toEqual(['applied', 'applied', 'applied']);
    const via = inMemory ? 'memory' : 'git-apply';
    expect(outcome.patches.map((p) => applied(p).via)).toEqual([via, via, via]);
    // Same changes on the same base: the trees are the ones the author's commits had.
    const topic = repo.git('rev-list', '--reverse', `${base}..topic`).trim().split('\n');
    expect(outcome.patches.map((p) => applied(p).tree)).toEqual(topic.map((c) => treeOf(repo, c)));
    expect(outcome.head).toBe(applied(outcome.patches[2]).commit);
    expect(
      repo.git('rev-list', '--first-parent', `${base}..${outcome.head}`).trim().split('\n'),
    ).toHaveLength(3);
    expect(repoState(repo.dir)).toBe(before);
  });

  it('records the mail author, date and message and a fixed committer', async () => {
    const { repo, mbox } = seriesRepo();
    const outcome = await applyMbox(repo, mbox, { inMemory });
    const first = applied(outcome.patches[0]).commit;
    expect(
      repo.git('log', '-1', '--format=%an <%ae>|%ad|%cn <%ce>|%cd', '--date=raw', first).trim(),
    ).toBe(
      'A U Thor <author@example.org>|1709283600 +0100|kreview <kreview@localhost>|1709283600 +0100',
    );
    expect(repo.git('log', '-1', '--format=%B', first)).toBe(
      'drivers: add SYM_NEW\n\nA new symbol.\n\nSigned-off-by: A U Thor <author@example.org>\n\n',
    );
  });

  it('gives the same commit ids on every run', async () => {
    const { repo, mbox } = seriesRepo();
    const first = await applyMbox(repo, mbox, { inMemory });
    const second = await applyMbox(repo, mbox, { inMemory });
    expect(second.head).toBe(first.head);
  });

  it('applies at an offset when lines were added above the hunk', async () => {
    const { repo, mbox } = seriesRepo();
    const shifted = repo.commit('Add symbols at the top', {
      'drivers/Kconfig': `config TOP_A\n\tbool\n\nconfig TOP_B\n\tbool\n\n${KCONFIG}`,
    });
    const outcome = await applyMbox(repo, mbox, { inMemory, base: shifted });
    expect(outcome.ok).toBe(true);
    expect(applied(outcome.patches[0]).via).toBe(inMemory ? 'memory' : 'git-apply');
    const text = repo.git('show', `${outcome.head}:drivers/Kconfig`);
    expect(text.startsWith('config TOP_A\n')).toBe(true);
    expect(text).toContain('config SYM_NEW\n\tbool "New"\n\nconfig SYM_20\n');
  });

  it('reports the file, hunk and git words of a patch that does not apply, and skips the rest', async () => {
    const { repo, mbox } = seriesRepo();
    const changed = repo.commit('Rename SYM_20', {
      'drivers/Kconfig': KCONFIG.replace('config SYM_20\n', 'config SYM_TWENTY\n'),
    });
    const before = repoState(repo.dir);
    const outcome = await applyMbox(repo, mbox, { inMemory, base: changed });
    expect(outcome.ok).toBe(false);
    expect(outcome.head).toBe(changed);
    const [first, second, third] = outcome.patches;
    expect(first).toMatchObject({
      index: 1,
      status: 'failed',
      error: { file: 'drivers/Kconfig', hunk: 1 },
    });
    expect(first?.status === 'failed' && first.error.message).toContain('patch does not apply');
    expect(second?.status).toBe('not-tried');
    expect(third?.status).toBe('not-tried');
    expect(repoState(repo.dir)).toBe(before);
  });

  it('says a series is already applied when its reverse applies at the base', async () => {
    const { repo, mbox } = seriesRepo();
    const outcome = await applyMbox(repo, mbox, { inMemory, base: 'topic' });
    expect(outcome.patches.map((p) => p.status)).toEqual([
      'already-applied',
      'already-applied',
      'already-applied',
    ]);
    expect(outcome.ok).toBe(true);
    expect(outcome.head).toBe(repo.git('rev-parse', 'topic').trim());
  });
});

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

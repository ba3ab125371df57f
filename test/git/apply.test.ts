import { describe, expect, it } from 'vitest';
import { applied, KCONFIG, MAKEFILE, repoFactory, treeOf } from '../helpers/apply-fixtures.ts';
import { applyMbox, formatPatch, repoState, type TestRepo } from '../helpers/git-repo.ts';

const repoWith = repoFactory();

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
    expect(outcome.base).toMatchObject({ found: true, commit: base, how: 'configured' });
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

  // The default policy, as git am: no --base, HEAD moved on since the series was made.
  it('applies on the configured base with offsets when its blobs differ, and says so', async () => {
    const { repo, mbox } = seriesRepo();
    const moved = repo.commit('Add symbols at the top', {
      'drivers/Kconfig': `config TOP_A\n\tbool\n\n${KCONFIG}`,
    });
    const outcome = await applyMbox(repo, mbox, { inMemory });
    expect(outcome.ok).toBe(true);
    expect(outcome.base).toMatchObject({ found: true, commit: moved, how: 'configured' });
    expect(outcome.base.found && outcome.base.note).toContain('"drivers/Kconfig"');
    expect(repo.git('show', `${outcome.head}:drivers/Kconfig`)).toContain(
      'config TOP_A\n\tbool\n\n',
    );
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

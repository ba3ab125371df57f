import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import type { CommandIo } from '../../src/commands/command.ts';
import { formatPatch, makeRepo, repoState, type TestRepo } from '../helpers/git-repo.ts';

const repos: TestRepo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.remove();
});

function capture(
  stdin: string,
  cwd: string,
): { io: CommandIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const io: CommandIo = {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    stdin: Readable.from([Buffer.from(stdin)]),
    env: process.env,
    cwd,
  };
  return { io, out: () => out, err: () => err };
}

// A repo at its base on main, and a two-patch series made on a side branch, as an mbox.
function fixture(withBase = true): { repo: TestRepo; base: string; mbox: string } {
  const repo = makeRepo({ 'lib/Kconfig': 'config A\n\tbool "A"\n\nconfig B\n\tbool "B"\n' });
  repos.push(repo);
  const base = repo.git('rev-parse', 'HEAD').trim();
  repo.git('checkout', '-q', '-b', 'side');
  repo.commit('lib: make B depend on A', {
    'lib/Kconfig': 'config A\n\tbool "A"\n\nconfig B\n\tbool "B"\n\tdepends on A\n',
  });
  repo.commit('lib: add C', {
    'lib/Kconfig':
      'config A\n\tbool "A"\n\nconfig B\n\tbool "B"\n\tdepends on A\n\nconfig C\n\tbool\n',
  });
  const mbox = formatPatch(repo, `${base}..side`, withBase ? ['--base', base] : []);
  repo.git('checkout', '-q', 'main');
  repo.git('branch', '-q', '-D', 'side');
  return { repo, base, mbox };
}

describe('kreview apply', () => {
  it('kreview apply --json prints base, reason, ok, head and each patch', async () => {
    const { repo, base, mbox } = fixture();
    const { io, out } = capture(mbox, repo.dir);
    expect(await main(['apply', '-', '--json'], io)).toBe(0);
    const json = JSON.parse(out());
    expect(Object.keys(json)).toEqual([
      'base',
      'baseReason',
      'ok',
      'start',
      'head',
      'prerequisites',
      'patches',
    ]);
    expect(json).toMatchObject({
      base,
      baseReason: {
        kind: 'base-commit',
        commit: base,
        tag: null,
        text: `base-commit ${base} is in this tree`,
        note: null,
      },
      ok: true,
      start: base,
      prerequisites: [],
    });
    expect(json.patches).toHaveLength(2);
    expect(json.patches[0]).toEqual({
      index: 1,
      subject: '[PATCH 1/2] lib: make B depend on A',
      applied: true,
      commit: expect.stringMatching(/^[0-9a-f]{40}$/),
      fit: 'exact',
      error: null,
    });
    expect(json.head).toBe(json.patches[1].commit);
    expect(repo.git('show', `${json.head}:lib/Kconfig`)).toContain('config C\n');
  });

  it('kreview apply --branch points a new branch at the result and leaves HEAD, index and work tree', async () => {
    const { repo, mbox } = fixture();
    const headBefore = repo.git('rev-parse', 'HEAD').trim();
    const stateBefore = repoState(repo.dir);
    const { io, out, err } = capture(mbox, '/');
    expect(await main(['apply', '-', '--tree', repo.dir, '--branch', 'review/lib'], io)).toBe(0);
    const head = /^Head: ([0-9a-f]{40})$/m.exec(out())?.[1];
    expect(repo.git('rev-parse', 'refs/heads/review/lib').trim()).toBe(head);
    expect(err()).toContain(`Branch "review/lib" now points at ${head}`);
    expect(repo.git('rev-parse', 'HEAD').trim()).toBe(headBefore);
    expect(repo.git('status', '--porcelain')).toBe('');
    // Only the new branch differs: drop it and the fingerprint is the one from before.
    repo.git('update-ref', '-d', 'refs/heads/review/lib');
    expect(repoState(repo.dir)).toBe(stateBefore);
  });

  it('kreview apply names the failed file and hunk in text and does not set the branch', async () => {
    // No base-commit: in the mails, so --base HEAD is the base.
    const { repo, mbox } = fixture(false);
    repo.commit('Rework B', {
      'lib/Kconfig': 'config A\n\tbool "A"\n\nconfig B\n\ttristate "B"\n',
    });
    const { io, out, err } = capture(mbox, repo.dir);
    expect(await main(['apply', '-', '--base', 'HEAD', '--branch', 'x'], io)).toBe(0);
    expect(out()).toMatch(
      /^\[1\/2\] FAILED \[PATCH 1\/2\] lib: make B depend on A\n {6}lib\/Kconfig hunk 1: error: patch failed: lib\/Kconfig:3;/m,
    );
    expect(out()).toContain('[2/2] not tried: [PATCH 2/2] lib: add C\n');
    expect(err()).toContain('Branch "x" not set: a patch did not apply');
    expect(repo.git('branch', '--list', 'x')).toBe('');
  });

  it('kreview apply tries the configured base when base-commit is not in the tree', async () => {
    const { repo, mbox } = fixture();
    // A different history: the series' base-commit: is not in it, and HEAD lacks the preimage,
    // so git am would try HEAD and stop at the first patch: exit 0, the failure named.
    const other = makeRepo({ 'lib/Kconfig': 'config OTHER\n\tbool\n' });
    repos.push(other);
    const { io, out } = capture(mbox, other.dir);
    expect(await main(['apply', '-'], io)).toBe(0);
    expect(out()).toMatch(
      /^Base: [0-9a-f]{40}: base-commit [0-9a-f]{40} is not in this tree; the configured base\n/,
    );
    expect(out()).toContain('Note: The series was made against other versions of');
    expect(out()).toMatch(/\[1\/\d\] FAILED /);
    expect(repo.dir).not.toBe(other.dir);
  });

  it('kreview apply exits 2 without an mbox and 1 outside a git repository', async () => {
    const none = capture('', '/');
    expect(await main(['apply'], none.io)).toBe(2);
    expect(none.err()).toContain('kreview: Cannot apply: no mbox given');
    const { mbox } = fixture();
    const outside = capture(mbox, '/');
    expect(await main(['apply', '-', '--tree', '/proc'], outside.io)).toBe(1);
    expect(outside.err()).toContain('kreview: Cannot open "/proc": not a git repository');
  });

  it('kreview apply --json says which patches are already applied, and why a base is missing', async () => {
    const { repo, mbox } = fixture(false);
    const applied = capture(mbox, repo.dir);
    expect(await main(['apply', '-', '--json', '--branch', 'done'], applied.io)).toBe(0);
    const head = JSON.parse(applied.out()).head;
    const again = capture(mbox, repo.dir);
    expect(await main(['apply', '-', '--json', '--base', 'done'], again.io)).toBe(0);
    const json = JSON.parse(again.out());
    expect(json).toMatchObject({
      base: head,
      baseReason: { kind: 'option', commit: head, text: '--base done', note: null },
      ok: true,
      head,
    });
    expect(
      json.patches.map((p: { applied: boolean; error: unknown }) => [p.applied, p.error]),
    ).toEqual([
      [
        false,
        { file: null, hunk: null, message: 'Already applied at the base: its reverse applies' },
      ],
      [
        false,
        { file: null, hunk: null, message: 'Already applied at the base: its reverse applies' },
      ],
    ]);
    const missing = capture(mbox, repo.dir);
    expect(await main(['apply', '-', '--json', '--base', 'no-such-rev'], missing.io)).toBe(1);
    expect(JSON.parse(missing.out())).toMatchObject({
      base: null,
      baseReason: {
        kind: 'none',
        commit: null,
        text: '--base "no-such-rev" is not a commit in the tree. Pass --base with a commit the tree has, or fetch it first.',
        note: null,
      },
      ok: false,
      head: null,
    });
  });

  it('kreview apply shows progress on a terminal and none when stderr is a pipe', async () => {
    const { repo, mbox } = fixture();
    const piped = capture(mbox, repo.dir);
    expect(await main(['apply', '-'], piped.io)).toBe(0);
    expect(piped.err()).toBe('');
    const tty = capture(mbox, repo.dir);
    const io = { ...tty.io, stderr: { ...tty.io.stderr, isTTY: true } };
    expect(await main(['apply', '-'], io)).toBe(0);
    expect(tty.err()).toContain('\rApplying 1/2: [PATCH 1/2] lib: make B depend on A');
    expect(tty.err()).toContain('\rApplying 2/2: [PATCH 2/2] lib: add C');
    expect(tty.out()).toBe(piped.out());
  });
});

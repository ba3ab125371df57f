// `kreview watch` remembers what it found on each revision: on a tiny kernel-shaped tree, v1 of a
// series leaves a reference to the symbol it renames behind; v2 (a new thread, same author and
// title, its first patch unchanged) fixes that, and the watcher's summary reply says so.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { openState } from '../../src/state/db.ts';
import { WatchStore } from '../../src/state/store.ts';
import { formatPatch, type TestRepo } from '../helpers/git-repo.ts';
import { makeTinyRepo, TINY_KCONFIG } from '../helpers/tiny-tree.ts';

const SLOW = TINY_KCONFIG.replace(
  'endmenu',
  'config SLOW_PATH\n\tbool "Slow path"\n\tdepends on NET\n\nendmenu',
);
const RENAMED = SLOW.replace('config FAST_PATH', 'config QUICK_PATH');
// v3 takes QUICK_PATH's prompt and default away: nobody can set it, and the derived matrix
// (same axes) shows it n after the series where v2 left it y.
const NO_DEFAULT = RENAMED.replace(
  'config QUICK_PATH\n\tbool "Fast path"\n\tdepends on NET\n\tdefault y\n',
  'config QUICK_PATH\n\tbool\n\tdepends on NET\n',
);
const FIXED_C = '#ifdef CONFIG_QUICK_PATH\nint fast;\n#endif\n';

let dir: string;
let repo: TestRepo;
let cache: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kreview-watch-rev-'));
  cache = mkdtempSync(join(tmpdir(), 'kreview-cache-'));
  repo = makeTinyRepo();
  repo.git('branch', '-M', 'main');
});
afterAll(() => {
  repo.remove();
  rmSync(dir, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
});

// Two patches on a branch off main: SLOW_PATH (the same in both revisions), then the rename.
function revision(version: number, renameFiles: Record<string, string>): string {
  repo.git('checkout', '-q', '-B', `v${version}`, 'main');
  repo.commit('drivers: add SLOW_PATH', { 'drivers/Kconfig': SLOW });
  repo.commit('drivers: rename FAST_PATH to QUICK_PATH', renameFiles);
  const mbox = formatPatch(repo, `main..v${version}`, version === 1 ? [] : [`-v${version}`]);
  repo.git('checkout', '-q', 'main');
  // The unchanged patch 1 is the same commit in both revisions: git would give it the same
  // Message-ID within a second, so each revision's ids say which revision they are.
  return mbox
    .replace(/^From [0-9a-f]{40} /gm, 'From mboxrd@z ')
    .replace(/\.git\.committer@example\.org>/g, `.v${version}.git.committer@example.org>`);
}

// `mbox` with its first message sent in reply to `parent` (a v2 posted in reply to v1).
function inReplyTo(mbox: string, parent: string): string {
  return mbox.replace(/^(Message-ID: <[^>]+>)$/im, `$1\nIn-Reply-To: <${parent}>`);
}

function writeConfig(mbox: string): void {
  writeFileSync(
    join(dir, 'watch.json'),
    JSON.stringify({
      stateDir: 'state',
      tree: repo.dir,
      from: 'Kconfig Bot <bot@example.org>',
      lists: [{ name: 'kbuild', base: 'main', mbox, delivery: { mode: 'print' } }],
    }),
  );
}

async function watch(now: string) {
  let stdout = '';
  let stderr = '';
  const status = await main(['watch', '--config', join(dir, 'watch.json'), '--now', now], {
    stdout: { write: (c: string) => (stdout += c) },
    stderr: { write: (c: string) => (stderr += c) },
    stdin: Readable.from([]),
    env: { KREVIEW_CACHE: cache, PATH: process.env.PATH },
    cwd: dir,
  });
  if (status !== 0) throw new Error(`watch exited ${status}:\n${stderr}`);
  return { stdout, stderr };
}

describe('kreview watch across revisions (tiny tree)', () => {
  it('compares v2 with the v1 it reviewed earlier: the reference left behind is fixed, patch 1 unchanged', async () => {
    const mbox = join(dir, 'in.mbox');
    writeConfig(mbox);
    writeFileSync(mbox, revision(1, { 'drivers/Kconfig': RENAMED }));
    const first = await watch('2024-01-03T00:00:00Z');
    expect(first.stdout).toContain('FAST_PATH is removed, but 1 reference remains');
    expect(first.stdout).not.toContain('Compared with');

    appendFileSync(mbox, revision(2, { 'drivers/Kconfig': RENAMED, 'drivers/fast.c': FIXED_C }));
    const second = await watch('2024-01-04T00:00:00Z');
    const body = second.stdout;
    expect(body).toMatch(/Compared with v1\s+<[^>]+>,\s+which has the same author and\s+title:/);
    expect(body).toMatch(
      /v2 fixes the point raised on v1: no reference to an undefined\s+FAST_PATH\s+remains\./,
    );
    expect(body).toMatch(/Patch 1\/2 is unchanged since v1 \(same patch-id\)/);
    // Renaming without a default keeps losing FAST_PATH on upgrade: v2's own point.
    expect(body).toMatch(/New in v2:\n- \[2\/2\] CONFIG_FAST_PATH=y is dropped on upgrade/);
    // The note on unchanged patch 1 was made on v1: not listed again.
    expect(body).not.toContain('New bool SLOW_PATH');
    // No second reply to patch 2 of v1.
    expect(second.stdout).not.toContain('FAST_PATH is removed, but 1 reference remains');

    const store = new WatchStore(openState(join(dir, 'state')));
    const kept = store.revisions('kbuild');
    expect(kept.map((r) => r.identity.version)).toEqual([2, 1]);
    expect(kept[1]?.findings.map((f) => [f.check, f.symbol, f.severity])).toContainEqual([
      'undefined-symbol',
      'FAST_PATH',
      'error',
    ]);
    expect(kept[0]?.identity.patchIds[0]?.id).toBe(kept[1]?.identity.patchIds[0]?.id);
    expect(kept[0]?.identity.patchIds[1]?.id).not.toBe(kept[1]?.identity.patchIds[1]?.id);
    // Each revision's derived matrix is kept with it; v1 and v2 end in the same values.
    expect(kept.map((r) => r.matrices?.map((m) => [m.spec, m.arch, m.cells.length]))).toEqual([
      [['derived', 'x86_64', 1]],
      [['derived', 'x86_64', 1]],
    ]);
    expect(body).not.toContain('Matrix cases whose values differ');

    // v3 follows v2, the last revision reviewed, not v1; the matrix case v3 changed is named
    // from the table the watcher kept of v2.
    appendFileSync(mbox, revision(3, { 'drivers/Kconfig': NO_DEFAULT, 'drivers/fast.c': FIXED_C }));
    const third = (await watch('2024-01-05T00:00:00Z')).stdout;
    expect(third).toMatch(/Compared with v2\s+<[^>]+\.v2\.git\.committer@example\.org>,/);
    expect(third).toContain(
      'Matrix cases whose values differ between v2 and v3 (numbered as in the\ntables):\n- derived on x86_64: QUICK_PATH y -> n (case 1)\n',
    );
  }, 120_000);

  it('never compares with a revision it did not review: v1 and v2 (in reply to it) in one pass', async () => {
    rmSync(join(dir, 'state'), { recursive: true, force: true });
    const mbox = join(dir, 'in.mbox');
    writeConfig(mbox);
    const v1 = revision(1, { 'drivers/Kconfig': RENAMED });
    const first = /^Message-ID: <([^>]+)>$/im.exec(v1)?.[1] ?? '';
    writeFileSync(
      mbox,
      v1 + inReplyTo(revision(2, { 'drivers/Kconfig': RENAMED, 'drivers/fast.c': FIXED_C }), first),
    );
    const { stdout } = await watch('2024-01-04T00:00:00Z');
    // Only v2, the newest of the thread, is reviewed; nothing was said about v1 to compare with.
    expect(stdout).toContain('Subject: Re: [PATCH v2 2/2]');
    expect(stdout).not.toContain('[PATCH 2/2]');
    expect(stdout).not.toContain('Compared with');
    const store = new WatchStore(openState(join(dir, 'state')));
    expect(store.revisions('kbuild').map((r) => r.identity.version)).toEqual([2]);
  }, 120_000);

  it('nor with one it could not apply: v3 after a v2 that does not apply is compared with v1', async () => {
    rmSync(join(dir, 'state'), { recursive: true, force: true });
    const mbox = join(dir, 'in.mbox');
    writeConfig(mbox);
    writeFileSync(mbox, revision(1, { 'drivers/Kconfig': RENAMED }));
    await watch('2024-01-03T00:00:00Z');
    // v2's patch 2 removes a line fast.c does not have: it does not apply, nothing is evaluated.
    const broken = revision(2, { 'drivers/Kconfig': RENAMED, 'drivers/fast.c': FIXED_C });
    appendFileSync(mbox, broken.replace('-#ifdef CONFIG_FAST_PATH\n', '-#ifdef CONFIG_SLOW\n'));
    const second = await watch('2024-01-04T00:00:00Z');
    expect(second.stderr).toContain('does not apply');
    appendFileSync(mbox, revision(3, { 'drivers/Kconfig': RENAMED, 'drivers/fast.c': FIXED_C }));
    const third = (await watch('2024-01-05T00:00:00Z')).stdout;
    expect(third).toMatch(/Compared with v1\s+<[^>]+\.v1\.git\.committer@example\.org>,/);
    expect(third).toMatch(
      /v3 fixes the point raised on v1: no reference to an undefined\s+FAST_PATH/,
    );
    const store = new WatchStore(openState(join(dir, 'state')));
    expect(store.revisions('kbuild').map((r) => r.identity.version)).toEqual([3, 1]);
  }, 120_000);
});

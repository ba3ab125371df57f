// The cache of a run is $KREVIEW_CACHE when set, else under $HOME, and every part of the run
// uses that one place: `kreview review` records its toolchain profile there and nowhere else.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { cachePaths } from '../../src/commands/cache-paths.ts';
import { formatPatch, type TestRepo } from '../helpers/git-repo.ts';
import { makeTinyRepo, TINY_KCONFIG } from '../helpers/tiny-tree.ts';

describe('cachePaths()', () => {
  it('takes KREVIEW_CACHE, relative to the working directory', () => {
    expect(cachePaths({ KREVIEW_CACHE: 'c', HOME: '/home/u' }, '/work')).toEqual({
      root: '/work/c',
      toolchain: '/work/c/toolchain',
    });
  });

  it('falls back to HOME when KREVIEW_CACHE is unset or empty', () => {
    const expected = {
      root: '/home/u/.cache/kreview',
      toolchain: '/home/u/.cache/kreview/toolchain',
    };
    expect(cachePaths({ HOME: '/home/u' }, '/work')).toEqual(expected);
    expect(cachePaths({ KREVIEW_CACHE: '', HOME: '/home/u' }, '/work')).toEqual(expected);
  });
});

let repo: TestRepo;
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'kreview-cache-test-'));
  repo = makeTinyRepo();
  repo.git('checkout', '-q', '-b', 'change', 'main');
  repo.commit('drivers: FAST_PATH off by default', {
    'drivers/Kconfig': TINY_KCONFIG.replace('\tdefault y\n', ''),
  });
  writeFileSync(path.join(scratch, 'series.mbox'), formatPatch(repo, 'main..change'));
  repo.git('checkout', '-q', 'main');
});

afterAll(() => {
  repo.remove();
  rmSync(scratch, { recursive: true, force: true });
});

describe('kreview review', () => {
  it('records the toolchain profile under KREVIEW_CACHE, not under HOME', async () => {
    const cache = path.join(scratch, 'cache');
    const home = path.join(scratch, 'home');
    let err = '';
    const status = await main(
      ['review', path.join(scratch, 'series.mbox'), '--tree', repo.dir, '--base', 'main'],
      {
        stdout: { write: () => true },
        stderr: { write: (c: string) => (err += c) },
        stdin: Readable.from([]),
        env: { ...process.env, KREVIEW_CACHE: cache, HOME: home },
        cwd: scratch,
      },
    );
    expect({ status, err: status === 0 ? '' : err }).toEqual({ status: 0, err: '' });
    expect(readdirSync(path.join(cache, 'toolchain')).length).toBeGreaterThan(0);
    expect(existsSync(path.join(home, '.cache'))).toBe(false);
  });
});

// A base-commit the tree lacks is fetched by id from the remotes a watched list names (here a
// local bare repository as the upstream), before the configured base is used instead.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachePaths } from '../../src/commands/cache-paths.ts';
import { runReview } from '../../src/commands/review-run.ts';
import type { Series } from '../../src/domain/series.ts';
import { formatPatch, makeRepo, runGit, seriesOf, type TestRepo } from '../helpers/git-repo.ts';

const KCONFIG = 'config A\n\tbool "A"\n\nconfig B\n\tbool "B"\n\tdepends on A\n';

let upstream: TestRepo;
let bare = '';
let local = '';
let newer = '';
let series: Series;
const dirs: string[] = [];

beforeAll(async () => {
  upstream = makeRepo({ Kconfig: KCONFIG, Makefile: 'VERSION = 6\n' });
  upstream.git('branch', '-M', 'main');
  const older = upstream.git('rev-parse', 'HEAD').trim();
  newer = upstream.commit('Newer upstream work', { README: 'upstream moved on\n' });
  upstream.git('checkout', '-q', '-b', 'topic');
  upstream.commit('Kconfig: B defaults to y', {
    Kconfig: KCONFIG.replace('depends on A\n', 'depends on A\n\tdefault y\n'),
  });
  series = await seriesOf(formatPatch(upstream, `${newer}..topic`, ['--base', newer]));
  upstream.git('checkout', '-q', 'main');
  const root = mkdtempSync(path.join(tmpdir(), 'kreview-remotes-'));
  dirs.push(root);
  bare = path.join(root, 'upstream.git');
  runGit(root, ['clone', '-q', '--bare', upstream.dir, bare]);
  // The reviewer's tree has only the older commit.
  local = path.join(root, 'local');
  runGit(root, ['init', '-q', '-b', 'main', local]);
  runGit(local, ['fetch', '-q', bare, older]);
  runGit(local, ['update-ref', 'refs/heads/main', older]);
});

afterAll(() => {
  upstream.remove();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const review = (remotes: string[]) =>
  runReview(series, {
    tree: local,
    base: undefined,
    presets: [],
    derive: false,
    env: process.env,
    progress: () => {},
    toolchainCache: cachePaths(process.env, process.cwd()).toolchain,
    remotes,
  });

// In this order: the first review must run before a fetch brings the base-commit in.
describe('a base-commit fetched from the remotes', () => {
  it('runReview() without remotes applies on the configured base and says the base-commit is missing', async () => {
    const result = await review([]);
    expect(series.baseCommit).toBe(newer);
    expect(result.baseReason).toBe(
      `base-commit ${newer} is not in this tree; the configured base, and its preimage blob matches`,
    );
  });

  it('runReview() with the upstream as a remote fetches the base-commit and applies there', async () => {
    const result = await review([bare]);
    expect(result.base).toBe(newer);
    expect(result.baseReason).toBe(`base-commit ${newer} is in this tree`);
    expect(result.evaluated.patches).toEqual([1]);
  });
});

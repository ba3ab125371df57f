// What a review evaluates on a tiny kernel-shaped tree: only the applied prefix of a series
// (a patch that does not apply feeds no line to any check), and a prerequisite carried in the
// same mbox is applied first, so the "before" tree is the author's and the review says so.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReview } from '../../src/commands/review-run.ts';
import { reviewText } from '../../src/report/review-text.ts';
import { readMbox } from '../../src/sources/mbox-file.ts';
import { formatPatch, makeRepo, type TestRepo } from '../helpers/git-repo.ts';
import { TINY_KCONFIG, tinyTreeFiles } from '../helpers/tiny-tree.ts';

const BASE_FILES = tinyTreeFiles();

let repo: TestRepo;
let cache: string;

beforeAll(() => {
  cache = mkdtempSync(path.join(tmpdir(), 'kreview-cache-'));
  repo = makeRepo(BASE_FILES);
});
afterAll(() => {
  repo.remove();
  rmSync(cache, { recursive: true, force: true });
});

async function review(mbox: string, subject: string) {
  const ingested = await readMbox('-', Readable.from([Buffer.from(mbox)]));
  const series = ingested.series.find((s) => s.subject.includes(subject));
  if (series === undefined) throw new Error(`no series "${subject}"`);
  return runReview(series, {
    tree: repo.dir,
    base: undefined,
    presets: [],
    derive: true,
    env: { ...process.env, KREVIEW_CACHE: cache },
    toolchainCache: path.join(cache, 'toolchain'),
    progress: () => {},
    mboxSeries: ingested.series,
  });
}

describe('a review evaluates what was applied, on the tree the author had', () => {
  it('patch 2 of 3 does not apply: only patch 1 is evaluated, nothing of patch 2 feeds a check', async () => {
    repo.git('checkout', '-q', '-b', 'prefix', 'main');
    repo.commit('drivers: add NEW_A', {
      'drivers/Kconfig': TINY_KCONFIG.replace('endmenu', 'config NEW_A\n\tbool "New A"\n\nendmenu'),
    });
    // Patch 2 changes FAST_PATH, which main reworks below, and uses a symbol nobody defines.
    repo.commit('drivers: FAST_PATH needs NEW_A', {
      'drivers/Kconfig': TINY_KCONFIG.replace(
        '\tdepends on NET\n',
        '\tdepends on NET && NEW_A\n',
      ).replace('endmenu', 'config NEW_A\n\tbool "New A"\n\nendmenu'),
      'drivers/b.c': '#ifdef CONFIG_NEVER_DEFINED_ANYWHERE\nint b;\n#endif\n',
    });
    repo.commit('drivers: build b.o', { 'drivers/Makefile': 'obj-$(CONFIG_NEW_A) += b.o\n' });
    const mbox = formatPatch(repo, 'main..prefix', ['--cover-letter']).replace(
      /\*\*\* SUBJECT HERE \*\*\*/,
      'drivers: NEW_A',
    );
    repo.git('checkout', '-q', 'main');
    const main = repo.commit('drivers: FAST_PATH is a tristate', {
      'drivers/Kconfig': TINY_KCONFIG.replace('\tbool "Fast path"\n', '\ttristate "Fast path"\n'),
    });
    const result = await review(mbox, 'NEW_A');
    expect(result.base).toBe(main);
    expect(result.evaluated.patches).toEqual([1]);
    expect(result.evaluated.summary).toBe(
      `Evaluated patch 1 of 3; patch 2 does not apply to ${main.slice(0, 12)}.`,
    );
    expect(result.findings.filter((f) => f.anchor.patch >= 2).map((f) => f.check)).toEqual([
      'patch-does-not-apply',
    ]);
    const said = JSON.stringify(result.findings);
    expect(said).not.toContain('NEVER_DEFINED_ANYWHERE');
    expect(reviewText(result)).toContain(`Applied to ${main.slice(0, 12)}: `);
  }, 60_000);

  it('a prerequisite carried in the mbox is applied first and named in the notes', async () => {
    const base = repo.git('rev-parse', 'main').trim();
    repo.git('tag', 'v6.12-tiny', base);
    repo.git('checkout', '-q', '-b', 'pre', 'main');
    const withPre = TINY_KCONFIG.replace(
      'endmenu',
      'config PRE_X\n\tbool "Prerequisite X"\n\nendmenu',
    );
    const pre = repo.commit('drivers: add PRE_X', { 'drivers/Kconfig': withPre });
    repo.commit('drivers: FAST_PATH depends on PRE_X', {
      'drivers/Kconfig': withPre.replace('\tdepends on NET\n', '\tdepends on NET && PRE_X\n'),
    });
    const series = formatPatch(repo, `${pre}..pre`, ['--base', base]);
    const prereq = formatPatch(repo, `${base}..${pre}`);
    repo.git('checkout', '-q', 'main');
    repo.git('branch', '-q', '-D', 'pre');
    const result = await review(`${series}${prereq}`, 'depends on PRE_X');
    expect(result.base).toBe(base);
    expect(result.baseName).toBe('v6.12-tiny');
    expect(result.evaluated.patches).toEqual([1]);
    expect(result.notes).toContainEqual(
      expect.stringMatching(
        /^The series names prerequisite patch \(prerequisite-patch-id\): [0-9a-f]{12} \("\[PATCH\] drivers: add PRE_X"\) is in this mbox and was applied first\.$/,
      ),
    );
    // The before tree has PRE_X (the prerequisite applied): nothing says it is undefined.
    expect(JSON.stringify(result.findings)).not.toMatch(/PRE_X[^"]*not defined/);
    expect(reviewText(result)).toContain(`Applied to v6.12-tiny (${base.slice(0, 12)}): `);
  }, 60_000);
});

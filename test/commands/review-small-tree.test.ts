// The whole review on a tiny kernel-shaped tree built in a temp dir: fast enough for the unit
// tier, real enough to run every stage (git apply, Kconfig engine, matrices, checks).
import { describe, expect, it } from 'vitest';
import { NOTHING_TO_REVIEW } from '../../src/analyze/relevance.ts';
import type { Review } from '../../src/domain/review.ts';
import { buildReplies } from '../../src/report/replies.ts';
import { reviewText } from '../../src/report/review-text.ts';
import { tinyReviewFixture } from '../helpers/tiny-review.ts';
import { TINY_KCONFIG, tinyTreeFiles } from '../helpers/tiny-tree.ts';

// The tiny tree with CRYPTO beside NET, for a dependency a series can add.
const BASE_FILES = tinyTreeFiles(
  TINY_KCONFIG.replace(
    'config FAST_PATH',
    'config CRYPTO\n\tbool "Cryptography"\n\nconfig FAST_PATH',
  ),
);
const BASE_KCONFIG = BASE_FILES['drivers/Kconfig'] as string;

const tree = tinyReviewFixture(BASE_FILES);

// Commits drivers/Kconfig as given on a branch off main, and reviews that one patch.
function reviewChange(branch: string, message: string, kconfig: string): Promise<Review> {
  return reviewCommit(branch, message, { 'drivers/Kconfig': kconfig });
}

// Commits the files on a branch off main, and reviews that one patch.
function reviewCommit(
  branch: string,
  message: string,
  files: Record<string, string>,
): Promise<Review> {
  return tree.review(branch, [{ message, files }]);
}

describe('review of a tiny tree', () => {
  it('finds that renaming FAST_PATH loses it on upgrade and leaves drivers/fast.c behind', async () => {
    const result = await reviewChange(
      'rename',
      'drivers: rename FAST_PATH to QUICK_PATH',
      BASE_KCONFIG.replace('config FAST_PATH', 'config QUICK_PATH'),
    );
    expect(result.applied).toBe(true);
    const titles = result.findings.map((f) => `${f.check}: ${f.title}`);
    // One fact, one finding: the removal is lost on upgrade and leaves a reference behind.
    expect(titles).toContain(
      'undefined-symbol: FAST_PATH is removed, but 1 reference remains, and CONFIG_FAST_PATH is dropped on upgrade',
    );
    expect(titles.filter((t) => t.includes('FAST_PATH=y'))).toEqual([]);
    // The rename keeps the dependency: NET is the context both sides share, set in the base.
    const derived = result.matrices.find((m) => m.spec.name === 'derived');
    expect(derived?.spec.axes).toEqual([]);
    expect(derived?.spec.base.settings).toEqual({ NET: 'y' });
    expect(derived?.before.cells.map((c) => [c.values.FAST_PATH, c.values.QUICK_PATH])).toEqual([
      ['y', 'n'],
    ]);
    expect(derived?.after.cells.map((c) => [c.values.FAST_PATH, c.values.QUICK_PATH])).toEqual([
      ['n', 'y'],
    ]);
  });

  it('varies the dependency a series adds, and shows the cases it changes', async () => {
    const result = await reviewChange(
      'depend',
      'drivers: FAST_PATH needs CRYPTO',
      BASE_KCONFIG.replace('\tdepends on NET', '\tdepends on NET && CRYPTO'),
    );
    const derived = result.matrices.find((m) => m.spec.name === 'derived');
    expect(derived?.spec.axes.map((a) => a.name)).toEqual(['CRYPTO']);
    const row = (
      cells: readonly { inputs: Record<string, string>; values: Record<string, string> }[],
    ) => cells.map((c) => `${c.inputs.CRYPTO}:${c.values.FAST_PATH}`);
    expect(row(derived?.before.cells ?? [])).toEqual(['y:y', 'n:y']);
    expect(row(derived?.after.cells ?? [])).toEqual(['y:y', 'n:n']);
    const changed = result.findings.find((f) => f.check === 'matrix-cell-changed');
    expect(changed?.title).toBe('FAST_PATH can no longer be enabled when CRYPTO=n (x86_64)');
    expect(changed?.anchor).toMatchObject({ patch: 1, file: 'drivers/Kconfig', side: 'new' });
    expect(result.findings.map((f) => f.title)).toContain(
      'CONFIG_FAST_PATH=y becomes n on upgrade (x86_64)',
    );
  });

  it('reports Kconfig that no longer parses as a finding on the line, not as a crash', async () => {
    const result = await reviewChange(
      'broken',
      'drivers: break FAST_PATH',
      BASE_KCONFIG.replace('\tdepends on NET', '\tdepends on (NET'),
    );
    expect(result.findings.map((f) => f.check)).toEqual(['kconfig-does-not-parse']);
    expect(result.findings[0]?.anchor).toMatchObject({ patch: 1, file: 'drivers/Kconfig' });
    expect(result.matrices).toEqual([]);
  });

  it('says a series with no Kconfig and no CONFIG_ symbol is nothing to review, and mails nothing', async () => {
    const result = await reviewCommit('plain', 'drivers: a comment', {
      'drivers/plain.c': '/* no configuration here */\n',
    });
    expect(result.evaluated).toMatchObject({ patches: [], reviewable: false });
    expect(result.notes).toEqual([NOTHING_TO_REVIEW]);
    expect(result.findings).toEqual([]);
    const mails = buildReplies(result, {
      from: { name: 'kreview', address: 'bot@example.org' },
      now: new Date(0),
      reproduce: [],
    });
    expect(mails).toEqual([]);
    expect(reviewText(result)).not.toContain('No findings');
  });

  it('reviews a series whose only CONFIG_ is in C code (it may name a symbol that is gone)', async () => {
    const result = await reviewCommit('c-only', 'drivers: use CONFIG_CRYPTO', {
      'drivers/plain.c': '#ifdef CONFIG_CRYPTO\nint c;\n#endif\n',
    });
    expect(result.evaluated).toMatchObject({ patches: [1], reviewable: true });
  });
});

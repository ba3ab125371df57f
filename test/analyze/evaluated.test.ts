import { describe, expect, it } from 'vitest';
import { patchRanges, prerequisiteNote, scopeSummary } from '../../src/analyze/evaluated.ts';
import type { Series } from '../../src/domain/series.ts';

const series = (total: number, missing: number[] = []) =>
  ({ total, missing, patches: [] }) as unknown as Series;
type Status = 'applied' | 'already-applied' | 'failed' | 'not-tried';
const statuses = (s: string) =>
  [...s].map((c, i) => ({
    index: i + 1,
    status: ({ A: 'applied', R: 'already-applied', F: 'failed', '.': 'not-tried' } as const)[
      c as 'A'
    ] as Status,
  }));

describe('what a review says it evaluated', () => {
  it.each([
    ['AAA', 3, undefined],
    ['AAF.....', 8, 'Evaluated patches 1-2 of 8; patch 3 does not apply to abc.'],
    ['F..', 3, 'Nothing was evaluated: patch 1 does not apply to abc.'],
    ['RRR', 3, 'Nothing was evaluated: patches 1-3 are already in abc.'],
    ['RAF', 3, 'Evaluated patch 2 of 3; patch 3 does not apply to abc; patch 1 is already in abc.'],
  ])('scopeSummary() of %s (of %i)', (given, total, want) => {
    expect(scopeSummary(series(total), statuses(given), 'abc')).toBe(want);
  });

  it('scopeSummary() names the patches that never arrived', () => {
    expect(
      scopeSummary(series(3, [2]), [...statuses('A'), { index: 3, status: 'applied' }], 'abc'),
    ).toBe('Evaluated patches 1, 3 of 3; no patch 2 arrived.');
  });

  it('patchRanges() folds runs', () => {
    expect(patchRanges([5, 1, 2, 3, 7, 8])).toBe('1-3, 5, 7-8');
  });

  it.each([
    ['says nothing when the series names none', { given: [], want: undefined }],
    [
      'names one found in the mbox and applied first',
      {
        given: [{ id: 'a'.repeat(40), status: 'applied', subject: '[PATCH] x: y' }],
        want: 'The series names prerequisite patch (prerequisite-patch-id): aaaaaaaaaaaa ("[PATCH] x: y") is in this mbox and was applied first.',
      },
    ],
    [
      'says the review may differ when one is missing',
      {
        given: [
          { id: 'a'.repeat(40), status: 'already-applied', subject: 'x' },
          { id: 'b'.repeat(40), status: 'missing', subject: undefined },
        ],
        want: 'The series names prerequisite patches (prerequisite-patch-id): aaaaaaaaaaaa ("x") is in this mbox and already in the base; bbbbbbbbbbbb is not in this mbox and was not applied: the review may differ from the author\'s tree.',
      },
    ],
    [
      'says one in the mbox failed, or was not tried without a base',
      {
        given: [
          { id: 'c'.repeat(40), status: 'failed', subject: 'c' },
          { id: 'd'.repeat(40), status: 'not-tried', subject: 'd' },
        ],
        want: 'The series names prerequisite patches (prerequisite-patch-id): cccccccccccc ("c") is in this mbox but does not apply to the base; dddddddddddd ("d") is in this mbox but was not tried without a base: the review may differ from the author\'s tree.',
      },
    ],
  ] as const)('prerequisiteNote() %s', (_name, { given, want }) => {
    expect(prerequisiteNote(given)).toBe(want);
  });
});

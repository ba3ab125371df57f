// Which series revision a thread holds and when it is ready: the decisions that make "every new
// revision reviewed once" true.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Series } from '../../src/domain/series.ts';
import { readMbox } from '../../src/sources/mbox-file.ts';
import { readiness, reviewKey, seriesKey } from '../../src/watch/series-key.ts';
import { patchMail } from './small-series.ts';

const DATE = 'Tue, 02 Jan 2024 03:00:00 +0000';

async function seriesOf(mbox: string): Promise<Series> {
  const { series } = await readMbox('-', Readable.from([Buffer.from(mbox)]));
  const first = series[0];
  if (first === undefined) throw new Error('no series');
  return first;
}

describe('seriesKey()', () => {
  it.each([
    ['a RESEND of the same revision', patchMail(1, 1, 1, DATE, 'RESEND '), true],
    [
      'the same revision sent again later',
      patchMail(1, 1, 1, 'Wed, 03 Jan 2024 03:00:00 +0000'),
      true,
    ],
    ['the next revision', patchMail(2, 1, 1, DATE), false],
    [
      'the same title by another author',
      patchMail(1, 1, 1, DATE).replace('Ada Lovelace <ada@', 'Eve <eve@'),
      false,
    ],
  ])('seriesKey() of %s equal to the original: %s', async (_name, mail, same) => {
    const original = seriesKey(await seriesOf(patchMail(1, 1, 1, DATE)));
    expect(seriesKey(await seriesOf(mail)) === original).toBe(same);
  });
});

describe('readiness()', () => {
  const partial = patchMail(1, 1, 3, DATE) + patchMail(1, 3, 3, DATE);
  it.each([
    [
      'a complete series at once',
      patchMail(1, 1, 1, DATE),
      '2024-01-02T03:01:00Z',
      { ready: true, complete: true },
    ],
    [
      'an incomplete series within the grace period',
      partial,
      '2024-01-02T03:59:00Z',
      { ready: false, lastPatch: '2024-01-02T03:00:00.000Z' },
    ],
    [
      'an incomplete series once the grace period passed',
      partial,
      '2024-01-02T04:00:00Z',
      { ready: true, complete: false },
    ],
  ])('readiness() of %s', async (_name, mbox, now, want) => {
    expect(readiness(await seriesOf(mbox), new Date(now), 60)).toEqual(want);
  });
});

describe('reviewKey()', () => {
  it.each([
    ['a revision never reviewed keeps its key', undefined, 'k'],
    ['a repost with the patches reviewed is a repeat', new Set([1, 2]), undefined],
    ['a repost with a patch the review lacked is new, under its own key', new Set([1]), 'k~1,2'],
    ['a review that did not record its patches covered all of them', 'all' as const, undefined],
  ])('reviewKey(): %s', async (_name, covered, want) => {
    const series = await seriesOf(patchMail(1, 1, 3, DATE) + patchMail(1, 2, 3, DATE));
    expect(reviewKey(series, 'k', covered)).toBe(want);
  });
});

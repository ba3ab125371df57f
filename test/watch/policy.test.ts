// The policy's pure decisions: which series are looked at, when they may be mailed, and to whom
// each reply goes, as table tests over small hand-made series and replies.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Series } from '../../src/domain/series.ts';
import type { OutgoingMail } from '../../src/report/email.ts';
import { readMbox } from '../../src/sources/mbox-file.ts';
import {
  addressReplies,
  beforeReview,
  DEFAULT_POLICY,
  embargoEnds,
  isOwnMail,
  type ReplyPolicy,
} from '../../src/watch/policy.ts';
import { patchMail } from './small-series.ts';

const DATE = 'Tue, 02 Jan 2024 03:00:00 +0000';

async function seriesOf(mbox: string): Promise<Series> {
  const { series } = await readMbox('-', Readable.from([Buffer.from(mbox)]));
  const first = series[0];
  if (first === undefined) throw new Error('no series');
  return first;
}

const policy = (over: Partial<ReplyPolicy>): ReplyPolicy => ({ ...DEFAULT_POLICY, ...over });

describe('beforeReview()', () => {
  it.each([
    ['looks at a Kconfig series under the defaults', {}, '', true, undefined],
    ['skips a series without Kconfig', {}, '', false, 'not-kconfig'],
    [
      'reviews one without Kconfig when onlyKconfig is off',
      { onlyKconfig: false },
      '',
      false,
      undefined,
    ],
    [
      'skips an opted-out author',
      { optOutAddresses: ['ada@example.org'] },
      '',
      true,
      'opted-out-author',
    ],
    ['skips a bracket tag', { optOutSubjects: ['rfc'] }, 'RFC ', true, 'opted-out-subject'],
    [
      'skips a subject prefix',
      { optOutSubjects: ['[rfc patch'] },
      'RFC ',
      true,
      'opted-out-subject',
    ],
    [
      'does not take a word of the title for a tag',
      { optOutSubjects: ['kconfig:'] },
      '',
      true,
      undefined,
    ],
  ] as const)('beforeReview() %s', async (_name, over, tag, kconfig, want) => {
    const series = await seriesOf(patchMail(1, 1, 1, DATE, tag));
    expect(beforeReview(series, policy(over), kconfig)).toBe(want);
  });
});

describe('embargoEnds()', () => {
  it('embargoEnds() is the newest patch Date plus the hours, or nothing without an embargo', async () => {
    const series = await seriesOf(
      patchMail(1, 1, 2, DATE) + patchMail(1, 2, 2, 'Wed, 03 Jan 2024 03:00:00 +0000'),
    );
    expect(embargoEnds(series, policy({}))).toBeUndefined();
    expect(embargoEnds(series, policy({ embargoHours: 12 }))?.toISOString()).toBe(
      '2024-01-03T15:00:00.000Z',
    );
  });
});

describe('addressReplies()', () => {
  const mail: OutgoingMail = {
    from: { name: 'Bot', address: 'bot@example.org' },
    to: [{ name: 'Ada', address: 'ada@example.org' }],
    cc: [
      { name: '', address: 'linux-kbuild@vger.kernel.org' },
      { name: 'Maint', address: 'maint@example.org' },
    ],
    subject: 'Re: [PATCH] x',
    date: 'Tue, 2 Jan 2024 03:00:00 +0000',
    messageId: 'kreview-000000000000000000000000@example.org',
    inReplyTo: 'p@example.org',
    references: ['p@example.org'],
    body: 'On …, Ada wrote:\n> Reviewed-by: Someone <s@example.org>\nReviewed-by: Bot <bot@example.org>\nThanks\n',
  };
  const to = (m: OutgoingMail | undefined) => [
    m?.to.map((a) => a.address),
    m?.cc.map((a) => a.address),
  ];
  it.each([
    ['author', {}, [['ada@example.org'], []]],
    [
      'author+list',
      { replyTo: 'author+list' },
      [['ada@example.org'], ['linux-kbuild@vger.kernel.org', 'maint@example.org']],
    ],
    ['list', { replyTo: 'list' }, [['linux-kbuild@vger.kernel.org', 'maint@example.org'], []]],
    [
      'list with a listAddress',
      { replyTo: 'list', listAddress: 'l@example.org' },
      [['l@example.org'], []],
    ],
    [
      'author+list without an opted-out address',
      { replyTo: 'author+list', optOutAddresses: ['maint@example.org'] },
      [['ada@example.org'], ['linux-kbuild@vger.kernel.org']],
    ],
  ] as const)('addressReplies() with replyTo %s', (_name, over, want) => {
    expect(to(addressReplies([mail], policy(over))[0])).toEqual(want);
  });

  it('addressReplies() drops a reply with nobody left, and every trailer line it did not quote', () => {
    expect(addressReplies([mail], policy({ optOutAddresses: ['ada@example.org'] }))).toEqual([]);
    expect(addressReplies([mail], policy({}))[0]?.body).toBe(
      'On …, Ada wrote:\n> Reviewed-by: Someone <s@example.org>\nThanks\n',
    );
  });
});

describe('isOwnMail()', () => {
  it.each([
    ['its own address', 'Bot@Example.org', 'x@example.org', true],
    [
      'a Message-ID it makes',
      'ada@example.org',
      'kreview-0123456789abcdef01234567@lists.example.org',
      true,
    ],
    ['anyone else', 'ada@example.org', 'v1-1@example.org', false],
  ])('isOwnMail() tells %s', async (_name, address, id, want) => {
    const series = await seriesOf(patchMail(1, 1, 1, DATE));
    const message = series.patches[0]?.message;
    if (message === undefined) throw new Error('no message');
    const from = { name: 'Bot', address: 'bot@example.org' };
    const mine = { ...message, id, headers: { ...message.headers, from: { name: '', address } } };
    expect(isOwnMail(mine, from)).toBe(want);
  });
});

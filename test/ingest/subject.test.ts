import { describe, expect, it } from 'vitest';
import { parseSubject } from '../../src/ingest/subject.ts';

type Want = Partial<ReturnType<typeof parseSubject>>;
const cases: [string, { given: string; want: Want }][] = [
  [
    'parseSubject() reads the revision and counter from [PATCH v5 7/9]',
    {
      given: '[PATCH v5 7/9] vfio: foo',
      want: { isPatch: true, version: 5, counter: 7, total: 9, title: 'vfio: foo' },
    },
  ],
  [
    'parseSubject() reads RFC and a tree tag from [RFC PATCH net-next v2 3/4]',
    {
      given: '[RFC PATCH net-next v2 3/4] net: bar',
      want: { isRfc: true, isPatch: true, version: 2, counter: 3, total: 4, tags: ['net-next'] },
    },
  ],
  [
    'parseSubject() marks [PATCH RESEND]',
    { given: '[PATCH RESEND] x: y', want: { isResend: true, version: 1, counter: 1, total: 1 } },
  ],
  [
    'parseSubject() reads a cover letter [PATCH 0/12]',
    { given: '[PATCH 00/12] big', want: { counter: 0, total: 12, title: 'big' } },
  ],
  [
    'parseSubject() strips Re:, RE: and Aw: prefixes',
    {
      given: 'Aw: RE: Re: [PATCH v3 1/2] a: b',
      want: { isReply: true, isPatch: true, version: 3, counter: 1 },
    },
  ],
  [
    'parseSubject() reads V3 written in capitals and PATCHv3 glued',
    { given: '[PATCHV3 2/2] a', want: { isPatch: true, version: 3, counter: 2 } },
  ],
  [
    'parseSubject() copes with odd spacing and folded whitespace',
    {
      given: '  [PATCH  v2   1 / 3]\n\t  odd:  spacing ',
      want: { version: 2, counter: 1, total: 3, title: 'odd: spacing' },
    },
  ],
  [
    'parseSubject() reads brackets after the counter as notes, not a revision',
    {
      given: '[PATCH 08/22] [v2] arch: consolidate',
      want: { version: 1, counter: 8, total: 22, title: 'arch: consolidate' },
    },
  ],
  [
    'parseSubject() does not take [GIT PULL] for a patch',
    { given: '[GIT PULL] Kbuild fixes', want: { isPatch: false } },
  ],
  [
    'parseSubject() keeps a plain subject as the title',
    {
      given: 'nm vmlinux error',
      want: { isPatch: false, isReply: false, title: 'nm vmlinux error' },
    },
  ],
];

describe('parseSubject()', () => {
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(parseSubject(given)).toMatchObject(want);
  });
});

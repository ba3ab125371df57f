import { describe, expect, it } from 'vitest';
import { authorSignature, commitMessageText, gitDate } from '../../src/git/commit-identity.ts';

describe('gitDate()', () => {
  const cases: [string, { given: string; want: string }][] = [
    [
      'keeps the zone of an RFC 2822 date',
      { given: 'Tue, 2 Jan 2024 03:04:05 +0100', want: '1704161045 +0100' },
    ],
    [
      'reads a negative zone',
      { given: 'Mon, 1 Jan 2024 20:00:00 -0530', want: '1704159000 -0530' },
    ],
    [
      'ignores a trailing zone comment',
      { given: 'Tue, 2 Jan 2024 02:04:05 +0000 (UTC)', want: '1704161045 +0000' },
    ],
    [
      'reads an ISO 8601 date with a colon in the zone',
      { given: '2024-03-01T10:00:00+01:00', want: '1709283600 +0100' },
    ],
    [
      'gives the epoch, not the clock, for a date that does not parse',
      { given: 'yesterday-ish', want: '0 +0000' },
    ],
  ];
  it.each(cases)('gitDate() %s', (_name, { given, want }) => {
    expect(gitDate(given)).toBe(want);
  });
});

describe('authorSignature()', () => {
  it('authorSignature() keeps a hostile From: from adding lines to the commit object', () => {
    const sig = authorSignature(
      { name: 'Eve\ncommitter Mallory <m@x>', address: 'eve@x>\n' },
      'Tue, 2 Jan 2024 03:04:05 +0000',
    );
    expect(sig).toEqual({
      name: 'Eve committer Mallory  m@x',
      email: 'eve@x',
      date: '1704164645 +0000',
    });
  });

  it('authorSignature() uses the address when there is no name', () => {
    expect(authorSignature({ name: '', address: 'jdoe@example.org' }, '').name).toBe('jdoe');
  });
});

describe('commitMessageText()', () => {
  it('commitMessageText() ends the message with exactly one newline', () => {
    expect(commitMessageText('Title\n\nBody\n\n\n', 'x')).toBe('Title\n\nBody\n');
    expect(commitMessageText('  \n', '[PATCH] x')).toBe('[PATCH] x\n');
  });
});

import { describe, expect, it } from 'vitest';
import { spread, srcarchOf } from '../../tools/oracle/defconfigs.ts';

describe('spread()', () => {
  const cases: [string, { given: [string[], number]; want: string[] }][] = [
    [
      'spread() keeps the first and the last and spaces the rest evenly',
      {
        given: [['a', 'b', 'c', 'd', 'e', 'f', 'g'], 3],
        want: ['a', 'd', 'g'],
      },
    ],
    [
      'spread() gives everything when asked for more than there is',
      { given: [['a', 'b'], 5], want: ['a', 'b'] },
    ],
    ['spread() gives the first when asked for one', { given: [['a', 'b', 'c'], 1], want: ['a'] }],
    ['spread() gives nothing when asked for none', { given: [['a', 'b', 'c'], 0], want: [] }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(spread(...given)).toEqual(want);
  });
});

describe('srcarchOf()', () => {
  const cases: [string, { given: string; want: string }][] = [
    ['srcarchOf() maps x86_64 to x86 as the top Makefile does', { given: 'x86_64', want: 'x86' }],
    ['srcarchOf() maps i386 to x86', { given: 'i386', want: 'x86' }],
    ['srcarchOf() keeps arm64 as it is', { given: 'arm64', want: 'arm64' }],
    ['srcarchOf() keeps riscv as it is', { given: 'riscv', want: 'riscv' }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(srcarchOf(given)).toBe(want);
  });
});

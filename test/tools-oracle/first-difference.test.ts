import { describe, expect, it } from 'vitest';
import {
  describeDifference,
  describeDifferences,
  firstDifference,
} from '../../tools/oracle/first-difference.ts';

describe('firstDifference()', () => {
  const cases: [string, { given: [string, string]; want: ReturnType<typeof firstDifference> }][] = [
    [
      'firstDifference() finds nothing in equal outputs',
      { given: ['a\nb\n', 'a\nb\n'], want: undefined },
    ],
    [
      'firstDifference() names the first differing line, counted from 1',
      {
        given: ['# A\nCONFIG_X=y\nCONFIG_Y=y\n', '# A\nCONFIG_X=m\nCONFIG_Y=n\n'],
        want: { line: 2, want: 'CONFIG_X=y', got: 'CONFIG_X=m' },
      },
    ],
    [
      'firstDifference() reports a missing line at the end of the shorter output',
      {
        given: ['a\nb\n', 'a\n'],
        want: { line: 2, want: 'b', got: '' },
      },
    ],
    [
      'firstDifference() tells a missing trailing newline from a present one',
      {
        given: ['a\n', 'a'],
        want: { line: 2, want: '', got: undefined },
      },
    ],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(firstDifference(...given)).toEqual(want);
  });
});

describe('describeDifference()', () => {
  it('describeDifference() quotes both lines and counts the lines of each side', () => {
    expect(describeDifference('config', 'x\nCONFIG_A=y\n', 'x\n# CONFIG_A is not set\nz\n')).toBe(
      'config differs at line 2 (conf: 2 lines, engine: 3 lines)\n' +
        '  conf:   "CONFIG_A=y"\n  engine: "# CONFIG_A is not set"',
    );
  });
  it('describeDifferences() lists only the streams that differ', () => {
    const want = { config: 'c\n', stderr: '', stdout: 'o\n' };
    const got = { config: 'c\n', stderr: 'warning\n', stdout: 'o\n' };
    const out = describeDifferences(want, got);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^stderr differs at line 1 \(conf: 0 lines, engine: 1 lines\)/);
  });
});

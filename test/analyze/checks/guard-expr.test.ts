import { describe, expect, it } from 'vitest';
import {
  evaluateGuard,
  guardSymbols,
  parseDirective,
  parseGuard,
} from '../../../src/analyze/checks/guard-expr.ts';
import type { Tristate } from '../../../src/domain/matrix.ts';

const values =
  (table: Record<string, Tristate>) =>
  (symbol: string): Tristate =>
    table[symbol] ?? 'n';

describe('parseDirective()', () => {
  it.each([
    ['#if line', '#if IS_ENABLED(CONFIG_A) || IS_ENABLED(CONFIG_B)', ['A', 'B']],
    ['#ifdef', '#ifdef CONFIG_VFIO_NOIOMMU', ['VFIO_NOIOMMU']],
    ['#ifndef with spaces', '#  ifndef   CONFIG_X /* comment */', ['X']],
    ['#elif with defined', '#elif defined(CONFIG_A) && !defined CONFIG_B', ['A', 'B']],
    ['comment mentioning another symbol', '#if IS_BUILTIN(CONFIG_A) // CONFIG_B', ['A']],
  ])('reads the symbols of a %s', (_name, line, want) => {
    const guard = parseDirective(line);
    expect(guard).toBeDefined();
    expect(guardSymbols(guard!)).toEqual(want);
  });

  it('ignores lines that are not conditional directives', () => {
    expect(parseDirective('#include <linux/vfio.h>')).toBeUndefined();
    expect(parseDirective('\tif (IS_ENABLED(CONFIG_A))')).toBeUndefined();
  });
});

describe('evaluateGuard()', () => {
  const cases: [
    string,
    { given: string; values: Record<string, Tristate>; want: boolean | undefined },
  ][] = [
    ['IS_ENABLED is true for m', { given: 'IS_ENABLED(CONFIG_A)', values: { A: 'm' }, want: true }],
    [
      'IS_BUILTIN is false for m',
      { given: 'IS_BUILTIN(CONFIG_A)', values: { A: 'm' }, want: false },
    ],
    [
      'IS_MODULE is true only for m',
      { given: 'IS_MODULE(CONFIG_A)', values: { A: 'y' }, want: false },
    ],
    ['defined() is false for m', { given: 'defined(CONFIG_A)', values: { A: 'm' }, want: false }],
    [
      '|| of y/n',
      { given: 'IS_ENABLED(CONFIG_A) || IS_ENABLED(CONFIG_B)', values: { B: 'y' }, want: true },
    ],
    [
      '&& with negation',
      { given: 'defined(CONFIG_A) && !defined(CONFIG_B)', values: { A: 'y', B: 'y' }, want: false },
    ],
    [
      'parentheses bind',
      { given: '!(IS_ENABLED(CONFIG_A) || IS_ENABLED(CONFIG_B))', values: {}, want: true },
    ],
    [
      'opaque decides',
      { given: 'IS_ENABLED(CONFIG_A) && FOO > 2', values: { A: 'y' }, want: undefined },
    ],
    [
      'opaque does not decide',
      { given: 'IS_ENABLED(CONFIG_A) && FOO > 2', values: {}, want: false },
    ],
  ];
  it.each(cases)('%s', (_name, { given, values: table, want }) => {
    expect(evaluateGuard(parseGuard(given), values(table))).toBe(want);
  });
});

// The derived table is left out only when a preset's table shows every configuration it has.
import { describe, expect, it } from 'vitest';
import type { MatrixCell, MatrixReport, Tristate } from '../../src/domain/matrix.ts';
import { covers, matricesToPrint } from '../../src/report/matrix-overlap.ts';

const cell = (
  inputs: Record<string, 'y' | 'n' | '-'>,
  values: Record<string, Tristate>,
  unreachable?: string,
): MatrixCell => ({ inputs, values, ...(unreachable === undefined ? {} : { unreachable }) });

function report(
  name: string,
  arch: string,
  rows: [Record<string, Tristate>, Record<string, Tristate>][],
  unreachable: Record<string, Tristate>[] = [],
): MatrixReport {
  const spec = {
    name,
    arches: [arch],
    base: { target: 'defconfig', defconfigs: {}, settings: {} },
    axes: [{ name: 'A', symbols: ['A'] }],
    requests: [],
    observe: [],
    notes: [],
  } as const;
  const inputs = (i: number) => ({
    A: i % 2 === 0 ? ('y' as const) : ('n' as const),
    i: '-' as const,
  });
  const lost = unreachable.map((v, i) => cell(inputs(rows.length + i), v, 'A is selected'));
  return {
    spec,
    arch,
    before: { arch, cells: [...rows.map(([b], i) => cell(inputs(i), b)), ...lost] },
    after: { arch, cells: [...rows.map(([, a], i) => cell(inputs(i), a)), ...lost] },
  };
}

const preset = report('vfio', 'x86_64', [
  [
    { GROUP: 'y', CDEV: 'y', X: 'n', EXTRA: 'y' },
    { GROUP: 'y', CDEV: 'y', X: 'y', EXTRA: 'y' },
  ],
  [
    { GROUP: 'y', CDEV: 'n', X: 'n', EXTRA: 'n' },
    { GROUP: 'y', CDEV: 'n', X: 'n', EXTRA: 'n' },
  ],
]);

describe('matricesToPrint()', () => {
  it('leaves out a derived table whose configurations the preset shows, under other names', () => {
    const derived = report(
      'derived',
      'x86_64',
      [
        [
          { GROUP: 'y', CDEV: 'y', X: 'n' },
          { GROUP: 'y', CDEV: 'y', X: 'y' },
        ],
      ],
      [{ GROUP: 'n', CDEV: 'n', X: 'n' }],
    );
    expect(covers(preset, derived)).toBe(true);
    const { shown, repeated } = matricesToPrint([preset, derived]);
    expect(shown).toEqual([preset]);
    expect(repeated).toEqual([{ matrix: derived, shownBy: preset }]);
  });

  it('keeps it when one of its configurations differs after the series, or is on another arch', () => {
    const after = report('derived', 'x86_64', [
      [
        { GROUP: 'y', CDEV: 'y', X: 'n' },
        { GROUP: 'y', CDEV: 'y', X: 'n' },
      ],
    ]);
    expect(matricesToPrint([preset, after]).shown).toEqual([preset, after]);
    const arm = report('derived', 'arm', [
      [
        { GROUP: 'y', CDEV: 'y', X: 'n' },
        { GROUP: 'y', CDEV: 'y', X: 'y' },
      ],
    ]);
    expect(matricesToPrint([preset, arm]).repeated).toEqual([]);
  });

  it('keeps it when it reports a symbol the preset does not', () => {
    const more = report('derived', 'x86_64', [
      [
        { GROUP: 'y', CDEV: 'y', X: 'n', IOMMUFD: 'y' },
        { GROUP: 'y', CDEV: 'y', X: 'y', IOMMUFD: 'y' },
      ],
    ]);
    expect(covers(preset, more)).toBe(false);
  });

  it('never leaves out a preset, nor a derived matrix with nothing reachable', () => {
    const empty = report('derived', 'x86_64', [], [{ GROUP: 'n', CDEV: 'n', X: 'n' }]);
    expect(matricesToPrint([preset, empty]).shown).toEqual([preset, empty]);
    const twin = report('vfio-2', 'x86_64', [
      [
        { GROUP: 'y', CDEV: 'y', X: 'n' },
        { GROUP: 'y', CDEV: 'y', X: 'y' },
      ],
    ]);
    expect(matricesToPrint([preset, twin]).shown).toEqual([preset, twin]);
  });
});

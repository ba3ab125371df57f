import { describe, expect, it } from 'vitest';
import {
  compareRevisionMatrices,
  revisionMatrix,
} from '../../src/analyze/compare-revision-matrices.ts';
import type { AxisValue, MatrixCell, MatrixReport, Tristate } from '../../src/domain/matrix.ts';
import type { RevisionMatrix } from '../../src/domain/revision.ts';

const SPEC = {
  name: 'vfio-noiommu',
  arches: ['x86_64'],
  base: { target: 'defconfig' as const, defconfigs: {}, settings: {} },
  axes: [
    { name: 'GROUP', symbols: ['VFIO_GROUP'] },
    { name: 'CDEV', symbols: ['VFIO_DEVICE_CDEV'] },
  ],
  requests: [],
  observe: ['VFIO_NOIOMMU'],
  notes: [],
};

function cell(
  group: AxisValue,
  cdev: AxisValue,
  values: Record<string, Tristate>,
  unreachable?: string,
): MatrixCell {
  return {
    inputs: { GROUP: group, CDEV: cdev },
    values,
    ...(unreachable === undefined ? {} : { unreachable }),
  };
}

function report(cells: MatrixCell[], overrides: Partial<MatrixReport> = {}) {
  return revisionMatrix({
    spec: SPEC,
    arch: 'x86_64',
    before: { arch: 'x86_64', cells: [] },
    after: { arch: 'x86_64', cells },
    ...overrides,
  });
}

describe('compareRevisionMatrices()', () => {
  it('matches cases by their inputs, not their order, and groups each change by the cases it is in', () => {
    const v5 = report([
      cell('n', 'y', { VFIO_NOIOMMU: 'n', OLD: 'y' }),
      cell('y', 'y', { VFIO_NOIOMMU: 'n', OLD: 'y' }),
      cell('y', 'n', { VFIO_NOIOMMU: 'n', OLD: 'y' }),
    ]);
    const v6 = report([
      cell('y', 'y', { VFIO_NOIOMMU: 'y', OLD: 'n' }),
      cell('y', 'n', { VFIO_NOIOMMU: 'y', OLD: 'n' }),
      cell('n', 'y', { VFIO_NOIOMMU: 'n', OLD: 'n' }),
      // Only in v6: nothing to compare it with.
      cell('n', 'n', { VFIO_NOIOMMU: 'y', OLD: 'y' }),
    ]);
    expect(compareRevisionMatrices([v5], [v6])).toEqual([
      {
        spec: 'vfio-noiommu',
        arch: 'x86_64',
        changes: [
          { symbol: 'OLD', previous: 'y', current: 'n', cases: [1, 2, 3] },
          { symbol: 'VFIO_NOIOMMU', previous: 'n', current: 'y', cases: [1, 2] },
        ],
      },
    ]);
  });

  it.each<[string, { previous: RevisionMatrix; current: RevisionMatrix }]>([
    [
      'another architecture',
      {
        previous: report([cell('y', 'y', { VFIO_NOIOMMU: 'n' })], { arch: 'arm' }),
        current: report([cell('y', 'y', { VFIO_NOIOMMU: 'y' })]),
      },
    ],
    [
      'other axes',
      {
        previous: report([cell('y', 'y', { VFIO_NOIOMMU: 'n' })], {
          spec: { ...SPEC, axes: [SPEC.axes[0] ?? { name: '', symbols: [] }] },
        }),
        current: report([cell('y', 'y', { VFIO_NOIOMMU: 'y' })]),
      },
    ],
    [
      'a case unreachable on one side',
      {
        previous: report([cell('y', 'y', { VFIO_NOIOMMU: 'n' }, 'held at y')]),
        current: report([cell('y', 'y', { VFIO_NOIOMMU: 'y' })]),
      },
    ],
    [
      'a symbol only one side observes',
      {
        previous: report([cell('y', 'y', {})]),
        current: report([cell('y', 'y', { VFIO_NOIOMMU: 'y' })]),
      },
    ],
    [
      'the same values',
      {
        previous: report([cell('y', 'y', { VFIO_NOIOMMU: 'y' })]),
        current: report([cell('y', 'y', { VFIO_NOIOMMU: 'y' })]),
      },
    ],
  ])('reports nothing for %s', (_name, { previous, current }) => {
    expect(compareRevisionMatrices([previous], [current])).toEqual([]);
  });
});

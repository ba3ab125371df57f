import { describe, expect, it } from 'vitest';
import type { MatrixRun, MatrixSpec } from '../../src/domain/matrix.ts';
import { renderMatrixTable } from '../../src/report/matrix-table.ts';

const axes = ['VFIO_GROUP', 'VFIO_DEVICE_CDEV', 'VFIO_CONTAINER', 'IOMMUFD_VFIO_CONTAINER'];
const spec = (observe: string[]): MatrixSpec => ({
  name: 'derived',
  arches: ['x86_64'],
  base: { target: 'defconfig', defconfigs: {}, settings: {} },
  axes: axes.map((a) => ({ name: a, symbols: [a] })),
  requests: [],
  observe,
  notes: [],
});
const run = (observe: string[], value: 'y' | 'n'): MatrixRun => ({
  arch: 'x86_64',
  cells: [
    {
      inputs: Object.fromEntries(axes.map((a) => [a, 'y'])),
      values: Object.fromEntries([...axes, ...observe].map((s) => [s, value])),
    },
  ],
});

describe('renderMatrixTable() in a mail', () => {
  it('letters long heads with a legend when the table is wider than the mail', () => {
    const observe = ['IOMMUFD_NOIOMMU', 'VFIO_NOIOMMU'];
    const wide = renderMatrixTable(spec(observe), run(observe, 'n'), run(observe, 'y'), '->');
    expect(Math.max(...wide.split('\n').map((l) => l.length))).toBeGreaterThan(76);
    const lines = renderMatrixTable(
      spec(observe),
      run(observe, 'n'),
      run(observe, 'y'),
      '->',
      76,
    ).split('\n');
    expect(lines.every((l) => l.length <= 76)).toBe(true);
    expect(lines[0]).toBe('#  A  B  C  D  E       F');
    expect(lines[1]).toBe('1  y  y  y  y  y -> n  y -> n');
    expect(lines).toContain('B = VFIO_DEVICE_CDEV');
    expect(lines).toContain('F = VFIO_NOIOMMU');
  });

  it('splits the observed columns over tables that repeat the axes when letters are not enough', () => {
    const observe = [...'ABCDEFGHIJKLMNOP'].map((c) => `SYM_${c}`);
    const lines = renderMatrixTable(
      spec(observe),
      run(observe, 'n'),
      run(observe, 'y'),
      '->',
      40,
    ).split('\n');
    expect(lines.every((l) => l.length <= 40)).toBe(true);
    const heads = lines.filter((l) => l.startsWith('#'));
    expect(heads.length).toBeGreaterThan(1);
    for (const head of heads) expect(head.startsWith('#  A  B  C  D')).toBe(true);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../../src/analyze/matrix/spec.ts';

const preset = JSON.parse(
  readFileSync(new URL('../../../presets/vfio-noiommu.json', import.meta.url), 'utf8'),
);

describe('parseSpec()', () => {
  it('reads the vfio-noiommu preset with its group axis', () => {
    const spec = parseSpec(preset, 'presets/vfio-noiommu.json');
    expect(spec.axes.map((a) => [a.name, a.symbols.length])).toEqual([
      ['GROUP', 1],
      ['Container', 2],
      ['CDEV', 1],
    ]);
    expect(spec.base.target).toBe('defconfig');
    expect(spec.arches).toContain('x86_64');
    expect(spec.base.defconfigs.arm).toBe('versatile_defconfig');
  });

  it('strips CONFIG_ prefixes from symbols', () => {
    const spec = parseSpec(
      { name: 's', arches: ['arm64'], axes: ['CONFIG_A'], observe: ['CONFIG_B'] },
      'x.json',
    );
    expect(spec.axes[0]).toEqual({ name: 'A', symbols: ['A'] });
    expect(spec.observe).toEqual(['B']);
  });

  it.each([
    ['no arches', { name: 's', arches: [], axes: ['A'] }, /"arches" must name at least one/],
    [
      'a bad symbol',
      { name: 's', arches: ['x86_64'], axes: ['A'], observe: ['A B'] },
      /"observe\[0\]" is not a symbol/,
    ],
    [
      'an unknown base target',
      { name: 's', arches: ['x86_64'], axes: ['A'], base: { target: 'randconfig' } },
      /"base.target"/,
    ],
    [
      'too many axes',
      { name: 's', arches: ['x86_64'], axes: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I'] },
      /9 axes/,
    ],
    ['not an object', [1, 2], /"spec" must be an object/],
    [
      'a defconfig path that leaves arch/*/configs',
      { name: 's', arches: ['arm'], axes: ['A'], base: { defconfigs: { arm: '../../Makefile' } } },
      /"base.defconfigs.arm" must be a file name/,
    ],
  ])('refuses %s, naming the file and field', (_name, json, want) => {
    expect(() => parseSpec(json, 'my-spec.json')).toThrow(want);
    expect(() => parseSpec(json, 'my-spec.json')).toThrow(/Cannot read matrix spec "my-spec.json"/);
  });
});

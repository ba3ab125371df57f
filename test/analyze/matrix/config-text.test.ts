import { describe, expect, it } from 'vitest';
import {
  applySettings,
  readConfigValues,
  tristateOf,
} from '../../../src/analyze/matrix/config-text.ts';

const config = [
  '#',
  '# Automatically generated file; DO NOT EDIT.',
  '#',
  'CONFIG_VFIO=m',
  '# CONFIG_VFIO_NOIOMMU is not set',
  'CONFIG_CMDLINE="console=ttyS0 CONFIG_FAKE=y"',
  '',
].join('\n');

describe('readConfigValues()', () => {
  it('reads assignments and "is not set" lines, and nothing from comments or strings', () => {
    const values = readConfigValues(config);
    expect(values.get('VFIO')).toBe('m');
    expect(values.get('VFIO_NOIOMMU')).toBe('n');
    expect(values.get('CMDLINE')).toBe('"console=ttyS0 CONFIG_FAKE=y"');
    expect(values.has('FAKE')).toBe(false);
    expect(tristateOf(values, 'ABSENT')).toBe('n');
    expect(tristateOf(values, 'CMDLINE')).toBe('n');
  });
});

describe('applySettings()', () => {
  it('replaces existing lines in place and appends new ones sorted, once each', () => {
    const out = applySettings(
      config,
      new Map([
        ['ZED', 'y'],
        ['VFIO_NOIOMMU', 'y'],
        ['VFIO', 'n'],
        ['ALPHA', '0x10'],
      ]),
    );
    expect(out.split('\n')).toEqual([
      '#',
      '# Automatically generated file; DO NOT EDIT.',
      '#',
      '# CONFIG_VFIO is not set',
      'CONFIG_VFIO_NOIOMMU=y',
      'CONFIG_CMDLINE="console=ttyS0 CONFIG_FAKE=y"',
      'CONFIG_ALPHA=0x10',
      'CONFIG_ZED=y',
      '',
    ]);
  });
});

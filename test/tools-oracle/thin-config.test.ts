import { describe, expect, it } from 'vitest';
import { thinConfig } from '../../tools/oracle/thin-config.ts';

const config = [
  '#',
  '# Automatically generated file; DO NOT EDIT.',
  '#',
  ...Array.from({ length: 200 }, (_, i) =>
    i % 3 === 0 ? `# CONFIG_S${i} is not set` : `CONFIG_S${i}=y`,
  ),
  '',
].join('\n');

describe('thinConfig()', () => {
  it('thinConfig() keeps only assignments, about half of them', () => {
    const thin = thinConfig(config, 1)
      .split('\n')
      .filter((l) => l !== '');
    expect(thin.every((l) => /^(CONFIG_S\d+=y|# CONFIG_S\d+ is not set)$/.test(l))).toBe(true);
    expect(thin.length).toBeGreaterThan(70);
    expect(thin.length).toBeLessThan(130);
  });
  it('thinConfig() keeps the same symbols for the same seed and others for another seed', () => {
    expect(thinConfig(config, 7)).toBe(thinConfig(config, 7));
    expect(thinConfig(config, 7)).not.toBe(thinConfig(config, 8));
  });
  it('thinConfig() keeps the kept lines in their order and as they were', () => {
    const thin = thinConfig(config, 3)
      .split('\n')
      .filter((l) => l !== '');
    const original = config.split('\n');
    const positions = thin.map((l) => original.indexOf(l));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });
});

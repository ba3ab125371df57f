// Matrix specs as data: presets ship as JSON under presets/, users pass their own with --spec.
// Validation here turns a malformed file into an error that names the field.
import { KreviewError } from '../../domain/errors.ts';
import type { MatrixAxis, MatrixBase, MatrixSpec } from '../../domain/matrix.ts';

const SYMBOL = /^[A-Za-z0-9_]+$/;
const BASE_TARGETS = new Set([
  'defconfig',
  'allnoconfig',
  'alldefconfig',
  'allmodconfig',
  'allyesconfig',
]);
const MAX_AXES = 8;

/** Validates parsed JSON as a matrix spec; `where` names the file for error messages. */
export function parseSpec(json: unknown, where: string): MatrixSpec {
  const fail = (detail: string): never => {
    throw new KreviewError(`Cannot read matrix spec "${where}": ${detail}`, 'INPUT_UNREADABLE', {
      hint: 'see presets/vfio-noiommu.json for the expected shape',
    });
  };
  const object = (value: unknown, field: string): Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : fail(`"${field}" must be an object`);
  const symbols = (value: unknown, field: string): string[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value)) return fail(`"${field}" must be a list of symbols`);
    return value.map((item, i) =>
      typeof item === 'string' && SYMBOL.test(item)
        ? item.replace(/^CONFIG_/, '')
        : fail(`"${field}[${i}]" is not a symbol name: ${JSON.stringify(item)}`),
    );
  };

  const root = object(json, 'spec');
  const name = typeof root.name === 'string' ? root.name : fail('"name" must be a string');
  const arches = symbols(root.arches, 'arches');
  if (arches.length === 0) fail('"arches" must name at least one architecture');
  const baseJson = object(root.base ?? {}, 'base');
  const target = baseJson.target ?? 'defconfig';
  if (typeof target !== 'string' || !BASE_TARGETS.has(target)) {
    fail(`"base.target" must be one of ${[...BASE_TARGETS].join(', ')}`);
  }
  const settingsJson = object(baseJson.settings ?? {}, 'base.settings');
  const settings: Record<string, string> = {};
  for (const [key, value] of Object.entries(settingsJson)) {
    if (!SYMBOL.test(key) || typeof value !== 'string')
      fail(`"base.settings.${key}" must map a symbol to a string value`);
    settings[key.replace(/^CONFIG_/, '')] = value as string;
  }
  const defconfigs: Record<string, string> = {};
  for (const [arch, file] of Object.entries(object(baseJson.defconfigs ?? {}, 'base.defconfigs'))) {
    if (typeof file !== 'string' || !/^[\w.-]+$/.test(file)) {
      fail(`"base.defconfigs.${arch}" must be a file name under arch/*/configs`);
    }
    defconfigs[arch] = file as string;
  }
  const base: MatrixBase = { target: target as MatrixBase['target'], defconfigs, settings };
  if (!Array.isArray(root.axes) || root.axes.length === 0)
    fail('"axes" must list at least one axis');
  const axes: MatrixAxis[] = (root.axes as unknown[]).map((axis, i) => {
    if (typeof axis === 'string' && SYMBOL.test(axis)) {
      const symbol = axis.replace(/^CONFIG_/, '');
      return { name: symbol, symbols: [symbol] };
    }
    const group = object(axis, `axes[${i}]`);
    const members = symbols(group.symbols, `axes[${i}].symbols`);
    if (typeof group.name !== 'string' || members.length === 0) {
      fail(`"axes[${i}]" must be a symbol or { "name", "symbols": [..] }`);
    }
    return { name: group.name as string, symbols: members };
  });
  if (axes.length > MAX_AXES)
    fail(
      `${axes.length} axes is more than the ${MAX_AXES} kreview evaluates (2^${MAX_AXES} cells)`,
    );
  const notes = Array.isArray(root.notes)
    ? root.notes.filter((n): n is string => typeof n === 'string')
    : [];
  return {
    name,
    arches,
    base,
    axes,
    requests: symbols(root.requests, 'requests'),
    observe: symbols(root.observe, 'observe'),
    notes,
  };
}

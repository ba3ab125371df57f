// Reading and editing .config text for matrix cells. conf warns when a symbol is assigned twice,
// so settings replace the existing line instead of being appended after it.
import type { Tristate } from '../../domain/matrix.ts';
import { textKey } from '../../domain/text-key.ts';

const ASSIGNED = /^CONFIG_(\w+)=(.*)$/;
const NOT_SET = /^# CONFIG_(\w+) is not set$/;

// The checks read the same conf outputs again and again (each standard target's .config is read
// by five checks, each matrix cell's by the matrix and the upgrade check): the last few readings
// are kept, keyed by a digest of the text.
const MAX_REMEMBERED = 32;
const remembered = new Map<string, ReadonlyMap<string, string>>();

/** Symbol → raw value (`y`, `m`, `"text"`, `0x10`) of every assignment in a .config. */
export function readConfigValues(config: string): ReadonlyMap<string, string> {
  const key = textKey(config);
  let values = remembered.get(key);
  if (values === undefined) {
    values = parseConfigValues(config);
    if (remembered.size >= MAX_REMEMBERED)
      remembered.delete(remembered.keys().next().value as string);
    remembered.set(key, values);
  }
  return values;
}

function parseConfigValues(config: string): Map<string, string> {
  const values = new Map<string, string>();
  for (let at = 0; at < config.length; ) {
    const nl = config.indexOf('\n', at);
    const end = nl < 0 ? config.length : nl;
    if (config.startsWith('CONFIG_', at)) {
      const eq = config.indexOf('=', at + 7);
      const value = eq >= 0 && eq < end ? config.slice(eq + 1, end) : '\r';
      // a value runs to the end of its line; one with a carriage return is no assignment
      if (!/[\r\u2028\u2029]/.test(value) && /^\w+$/.test(config.slice(at + 7, eq)))
        values.set(config.slice(at + 7, eq), value);
    } else if (config.startsWith('# CONFIG_', at) && config.endsWith(' is not set', end)) {
      const symbol = config.slice(at + 9, end - 11);
      if (/^\w+$/.test(symbol)) values.set(symbol, 'n');
    }
    at = end + 1;
  }
  return values;
}

/** A symbol's tristate value in a .config: y or m when assigned so, else n (absent included). */
export function tristateOf(values: ReadonlyMap<string, string>, symbol: string): Tristate {
  const value = values.get(symbol);
  return value === 'y' || value === 'm' ? value : 'n';
}

/** Returns the .config with each setting applied (`n` writes `# CONFIG_X is not set`). */
export function applySettings(config: string, settings: ReadonlyMap<string, string>): string {
  const pending = new Map(settings);
  const lines = config.split('\n').map((line) => {
    const symbol = ASSIGNED.exec(line)?.[1] ?? NOT_SET.exec(line)?.[1];
    if (symbol === undefined || !pending.has(symbol)) return line;
    const value = pending.get(symbol) ?? 'n';
    pending.delete(symbol);
    return formatSetting(symbol, value);
  });
  if (lines.at(-1) === '') lines.pop();
  for (const [symbol, value] of [...pending].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    lines.push(formatSetting(symbol, value));
  }
  return `${lines.join('\n')}\n`;
}

function formatSetting(symbol: string, value: string): string {
  return value === 'n' ? `# CONFIG_${symbol} is not set` : `CONFIG_${symbol}=${value}`;
}

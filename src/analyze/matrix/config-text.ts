// Reading and editing .config text for matrix cells. conf warns when a symbol is assigned twice,
// so settings replace the existing line instead of being appended after it.
import type { Tristate } from '../../domain/matrix.ts';

const ASSIGNED = /^CONFIG_(\w+)=(.*)$/;
const NOT_SET = /^# CONFIG_(\w+) is not set$/;

/** Symbol → raw value (`y`, `m`, `"text"`, `0x10`) of every assignment in a .config. */
export function readConfigValues(config: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of config.split('\n')) {
    const assigned = ASSIGNED.exec(line);
    if (assigned !== null) values.set(assigned[1] ?? '', assigned[2] ?? '');
    else {
      const unset = NOT_SET.exec(line);
      if (unset !== null) values.set(unset[1] ?? '', 'n');
    }
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

// Random configurations that are not already what olddefconfig would write: conf's randconfig
// output is a fixed point of olddefconfig (conf answers "No change to .config"), so a differential
// on it alone could not tell an engine that recomputes the configuration from one that copies
// its input. Dropping about half of the assignments makes olddefconfig fill them in again.

const ASSIGNMENT = /^CONFIG_([A-Za-z0-9_]+)=/;
const NOT_SET = /^# CONFIG_([A-Za-z0-9_]+) is not set$/;

// FNV-1a: a small, stable hash, so the same seed thins the same symbols on every machine.
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Keeps the assignments (`CONFIG_X=…` and `# CONFIG_X is not set`) of about half of the symbols,
 * chosen by a hash of `seed` and the symbol's name, and drops every other line.
 */
export function thinConfig(config: string, seed: number): string {
  const kept: string[] = [];
  for (const line of config.split('\n')) {
    const name = ASSIGNMENT.exec(line)?.[1] ?? NOT_SET.exec(line)?.[1];
    if (name !== undefined && fnv1a(`${seed}:${name}`) % 2 === 0) kept.push(line);
  }
  return kept.length === 0 ? '' : `${kept.join('\n')}\n`;
}

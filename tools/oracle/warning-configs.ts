// Input .configs made to warn. No standard target or random configuration of a real tree makes
// conf print on stderr, so these start from conf's own allyesconfig of the arch and break it in
// the ways a hand-edited or stale .config is broken; conf's answer is then the expected output.
// Unmet dependencies of selected symbols cannot be provoked this way: turning off the dependency
// D of a selected symbol in allyesconfig, defconfig or allmodconfig (tried for up to 400 D on
// x86_64 6.12) never made conf warn, because the trees guard each select with the same condition
// (`select S if D`) or the selector depends on D itself; those warnings are covered by the
// synthetic trees (synthetic.slow.test.ts) against conf.
import type { Oracle, OracleCase } from './oracle-cache.ts';

const ASSIGNMENT = /^CONFIG_([A-Za-z0-9_]+)=(.*)$/;

// Wrong values by the kind of value conf wrote, cycled over the symbols of that kind.
const INT_BREAKS = ['y', '0x10', '-', '99999999999999999999', '', ' 1', '-5'];
const HEX_BREAKS = ['y', '10', '0xzz', '-0x1', '0x', '1e'];
const STRING_BREAKS = ['unquoted', '"unterminated', '"a\\"b\\\\c"', "'single'"];
const TRISTATE_BREAKS = ['m', 'yes', '1', 'Y', 'n'];
// Lines conf reads with a warning, or skips, whatever the tree.
const STRAY_LINES = [
  'CONFIG_KREVIEW_NO_SUCH_SYMBOL=y',
  'CONFIG_=y',
  'CONFIG_lower_case=y',
  'NOT_A_CONFIG_LINE=y',
  'CONFIG_KREVIEW_NO_VALUE',
  '# CONFIG_KREVIEW_UNKNOWN is not set',
  '# CONFIG_KREVIEW_ALSO is not set but more',
];

function kindOf(value: string): 'int' | 'hex' | 'string' | 'tristate' | undefined {
  if (/^-?[0-9]+$/.test(value)) return 'int';
  if (/^0[xX][0-9a-fA-F]+$/.test(value)) return 'hex';
  if (value.startsWith('"')) return 'string';
  if (value === 'y' || value === 'm') return 'tristate';
  return undefined;
}

const BREAKS = {
  int: INT_BREAKS,
  hex: HEX_BREAKS,
  string: STRING_BREAKS,
  tristate: TRISTATE_BREAKS,
};

/**
 * `allyes` with values of the wrong type or out of range: of each kind of value every `every`-th
 * symbol gets the next wrong value of its kind; then the first of each kind assigned a second
 * time, and stray lines (unknown symbols, malformed lines) at the end.
 */
export function valueWarningConfig(allyes: string, every = 9): string {
  const seen = { int: 0, hex: 0, string: 0, tristate: 0 };
  const again: string[] = [];
  const lines = allyes.split('\n').map((line) => {
    const m = ASSIGNMENT.exec(line);
    if (m === null) return line;
    const kind = kindOf(m[2] as string);
    if (kind === undefined) return line;
    const n = seen[kind]++;
    if (n === 0) again.push(`# CONFIG_${m[1]} is not set`);
    if (n % every !== every - 1) return line;
    const breaks = BREAKS[kind];
    return `CONFIG_${m[1]}=${breaks[Math.floor(n / every) % breaks.length]}`;
  });
  const body = lines.join('\n').replace(/\n$/, '');
  return `${body}\n${[...again, ...STRAY_LINES].join('\n')}\n`;
}

/** The made-to-warn cases of an arch, from conf's allyesconfig (none if conf cannot run it). */
export async function warningCases(oracle: Oracle, arch: string): Promise<OracleCase[]> {
  const allyes = await oracle.run(arch, { kind: 'target', target: 'allyesconfig' });
  if (allyes.failed !== undefined) return [];
  return [{ kind: 'olddefconfig', input: valueWarningConfig(allyes.config), label: 'warn-values' }];
}

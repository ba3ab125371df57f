// Argument parsing shared by the commands: node's own parseArgs, strict, with a failure turned
// into a usage error that points at the command's help (exit status 2).
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { usageError } from '../domain/errors.ts';

/** Parses argv for `kreview <command>`; unknown options and missing values are usage errors. */
export function parseCommandArgs<T extends Omit<ParseArgsConfig, 'args' | 'strict'>>(
  command: string,
  argv: readonly string[],
  config: T,
): ReturnType<typeof parseArgs<T & { args: string[]; strict: true }>> {
  try {
    return parseArgs({ ...config, args: [...argv], strict: true });
  } catch (error) {
    // Node's words ("Unknown option '--x'. To specify…"): the first sentence says it.
    const detail = (error instanceof Error ? error.message : String(error)).split('. ')[0] ?? '';
    throw usageError(
      `Cannot run "kreview ${command}": ${detail}`,
      `see "kreview ${command} --help"`,
    );
  }
}

/** The single mbox argument (a path, or "-" for standard input) that `action` needs. */
export function oneMbox(action: string, positionals: readonly string[]): string {
  const [path, ...extra] = positionals;
  if (path === undefined)
    throw usageError(`Cannot ${action}: no mbox given`, 'pass a path, or "-" for standard input');
  if (extra.length > 0)
    throw usageError(`Cannot ${action}: unexpected argument "${extra[0]}"`, 'give one mbox');
  return path;
}

/**
 * The ARCH values `make` accepts on a kernel tree: the directories under arch/ (Linux 6.12) and
 * the aliases the top Makefile maps to one of them.
 */
export const KNOWN_ARCHES: readonly string[] = [
  'alpha',
  'arc',
  'arm',
  'arm64',
  'csky',
  'hexagon',
  'i386',
  'loongarch',
  'm68k',
  'microblaze',
  'mips',
  'nios2',
  'openrisc',
  'parisc',
  'parisc64',
  'powerpc',
  'riscv',
  's390',
  'sh',
  'sh64',
  'sparc',
  'sparc32',
  'sparc64',
  'um',
  'x86',
  'x86_64',
  'xtensa',
];

/** One ARCH for make, checked against the known ones (a usage error listing them). */
export function oneArch(command: string, value: string): string {
  const arch = value.trim();
  if (!KNOWN_ARCHES.includes(arch))
    throw usageError(
      `Cannot run "kreview ${command}": ${arch === '' ? 'empty --arch' : `unknown architecture "${arch}"`}`,
      `give one of ${KNOWN_ARCHES.join(', ')}`,
    );
  return arch;
}

/** A comma-separated --arch list (undefined when not given); every entry must be known. */
export function archList(command: string, value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const arches = value
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
  if (arches.length === 0) oneArch(command, '');
  return arches.map((a) => oneArch(command, a));
}

/** A --revision: a positive whole number, with or without a leading "v" (v3 or 3). */
export function revisionNumber(command: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^v?([1-9][0-9]*)$/i.exec(value.trim());
  if (match === null)
    throw usageError(
      `Cannot run "kreview ${command}": invalid --revision "${value}"`,
      'give a positive whole number, e.g. 2 or v2 (the N of "[PATCH vN]")',
    );
  return Number(match[1]);
}

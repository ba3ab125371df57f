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

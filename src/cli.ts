// The entry point: argv → command. The only place that prints errors and chooses exit codes.
import { readFileSync } from 'node:fs';
import process from 'node:process';
import type { CommandIo } from './commands/command.ts';
import { COMMANDS, type CommandEntry } from './commands/registry.ts';
import { KreviewError } from './domain/errors.ts';

const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

function usage(commands: readonly CommandEntry[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: kreview <command> [options]',
    '',
    'Review Linux kernel patch series for what they change in Kconfig.',
    '',
    'Commands:',
    ...lines,
    '',
    'Run "kreview <command> --help" for the options and an example,',
    'and "kreview --version" for the version.',
    '',
  ].join('\n');
}

/** kreview's version, from its package.json. */
export function kreviewVersion(): string {
  const url = new URL('../package.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
}

/** Runs kreview with the given arguments (without node and script) and returns the exit status. */
export async function main(argv: readonly string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage(COMMANDS));
    return name === undefined ? EXIT_USAGE : 0;
  }
  if (name === '--version' || name === '-V') {
    io.stdout.write(`kreview ${kreviewVersion()}\n`);
    return 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (entry === undefined) {
    io.stderr.write(`kreview: Unknown command "${name}"\n\n${usage(COMMANDS)}`);
    return EXIT_USAGE;
  }
  // Only the command that runs is loaded: `show` does not pay for the Kconfig engine or SMTP.
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.help.endsWith('\n') ? command.help : `${command.help}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    return report(error, argv, io);
  }
}

function report(error: unknown, argv: readonly string[], io: CommandIo): number {
  if (error instanceof KreviewError) {
    io.stderr.write(`kreview: ${error.message}\n`);
    if (error.hint !== undefined) io.stderr.write(`hint: ${error.hint}\n`);
    if (io.env.KREVIEW_DEBUG && error.cause !== undefined)
      io.stderr.write(`${String(error.cause)}\n`);
    return error.code === 'USAGE' ? EXIT_USAGE : EXIT_FAILED;
  }
  // Anything else is a bug in kreview: show the stack so it can be reported.
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  const quoted = argv.map((a) =>
    /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", "'\\''")}'`,
  );
  io.stderr.write(
    [
      `kreview: Internal error: ${text}`,
      '',
      'This is a bug in kreview. Please report it to the kreview maintainers with:',
      `  version:      kreview ${kreviewVersion()} on Node ${process.versions.node}`,
      `  command line: kreview ${quoted.join(' ')}`,
      '  the stack above, and the input if you can share it.',
      '',
    ].join('\n'),
  );
  return EXIT_FAILED;
}

if (import.meta.main) {
  const io: CommandIo = {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  };
  process.exitCode = await main(process.argv.slice(2), io);
}

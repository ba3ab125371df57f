import type { Readable } from 'node:stream';

/** The streams a command talks through; passed in so tests can capture them. */
export interface CommandIo {
  readonly stdout: { write(chunk: string): unknown };
  readonly stderr: { write(chunk: string): unknown; isTTY?: boolean };
  readonly stdin: Readable;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/** A subcommand's body and its full help text with an example (its name is in the registry). */
export interface Command {
  readonly help: string;
  /** Runs the command; resolves to the exit status (0 when the job ran, even with findings). */
  run(argv: readonly string[], io: CommandIo): Promise<number>;
}

import { KreviewError } from '../../domain/errors.ts';

/**
 * Kconfig conf refuses to read. The message names the first error ("Cannot parse Kconfig:
 * b/Kconfig:5: unknown statement "frobnicate""); `stderr` is everything conf prints before it
 * exits: the warnings and errors of the parse in their order, conf's "syntax error" lines
 * included, so kreview-conf can print it unchanged.
 */
export class KconfigParseError extends KreviewError {
  // Private, so an error compares equal to a KreviewError of the same message in tests.
  readonly #stderr: string;
  constructor(message: string, stderr: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, 'KCONFIG_PARSE', options);
    this.#stderr = stderr;
  }

  get stderr(): string {
    return this.#stderr;
  }
}

/** The lines as conf prints them, each ending in a newline. */
export function stderrText(lines: readonly string[]): string {
  return lines.map((s) => (s.endsWith('\n') ? s : `${s}\n`)).join('');
}

/** The text conf prints for a kreview error: the part after kreview's "Cannot <action>: ". */
export function confText(message: string): string {
  return message.replace(/^Cannot [^:]*: /, '');
}

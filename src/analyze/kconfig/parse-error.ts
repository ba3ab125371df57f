import { KconfigError, type KconfigErrorSite } from '../../domain/kconfig-error.ts';

export { KconfigError, type KconfigErrorSite, siteText } from '../../domain/kconfig-error.ts';

/**
 * Kconfig conf refuses to read. The message names the first error ("Cannot parse Kconfig:
 * b/Kconfig:5: unknown statement "frobnicate""); `stderr` is everything conf prints before it
 * exits: the warnings and errors of the parse in their order, conf's "syntax error" lines
 * included, so kreview-conf can print it unchanged.
 */
export class KconfigParseError extends KconfigError {
  readonly #stderr: string;
  constructor(
    action: string,
    site: KconfigErrorSite,
    stderr: string,
    options: { text?: string; hint?: string; cause?: unknown } = {},
  ) {
    super(action, site, options);
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

import { KreviewError } from './errors.ts';

/**
 * Where a Kconfig error is and what it says. `file` and `line` are absent when the error names no
 * one place (a limit on the whole tree); `detail` is the text after the place.
 */
export interface KconfigErrorSite {
  readonly file?: string;
  readonly line?: number;
  readonly detail: string;
}

/** The error as conf prints it: "file:line: detail", or less of it when less is known. */
export function siteText(at: KconfigErrorSite): string {
  if (at.file === undefined) return at.detail;
  return at.line === undefined ? `${at.file}: ${at.detail}` : `${at.file}:${at.line}: ${at.detail}`;
}

type KconfigCode = 'KCONFIG_PARSE' | 'KCONFIG_LIMIT';

/**
 * A Kconfig tree kreview cannot read, with the place as data so a finding can be anchored there
 * without reading it back out of the message. `text` is what conf prints when that differs from
 * the place and detail (an inclusion cycle is reported as a chain of files).
 */
export class KconfigError extends KreviewError {
  // Private, so an error compares equal to a KreviewError of the same message in tests.
  readonly #action: string;
  readonly #site: KconfigErrorSite;
  readonly #text: string;
  constructor(
    action: string,
    site: KconfigErrorSite,
    options: { code?: KconfigCode; text?: string; hint?: string; cause?: unknown } = {},
  ) {
    const text = options.text ?? siteText(site);
    const rest: { hint?: string; cause?: unknown } = {};
    if (options.hint !== undefined) rest.hint = options.hint;
    if (options.cause !== undefined) rest.cause = options.cause;
    super(`Cannot ${action}: ${text}`, options.code ?? 'KCONFIG_PARSE', rest);
    this.#action = action;
    this.#site = site;
    this.#text = text;
  }

  /** What kreview was doing: "parse Kconfig", "expand Kconfig macro". */
  get action(): string {
    return this.#action;
  }

  get file(): string | undefined {
    return this.#site.file;
  }
  get line(): number | undefined {
    return this.#site.line;
  }
  get detail(): string {
    return this.#site.detail;
  }
  get site(): KconfigErrorSite {
    return this.#site;
  }
  /** The message without kreview's "Cannot <action>: ", as conf prints it. */
  get confText(): string {
    return this.#text;
  }
}

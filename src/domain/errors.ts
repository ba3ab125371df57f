/** What went wrong, as a stable code that scripts and tests can match on. */
export type ErrorCode =
  | 'USAGE'
  | 'INPUT_NOT_FOUND'
  | 'INPUT_UNREADABLE'
  | 'GIT_FAILED'
  | 'TREE_NOT_FOUND'
  | 'KCONFIG_PARSE'
  | 'KCONFIG_LIMIT'
  | 'NETWORK'
  | 'INTERNAL';

/**
 * An error for misuse or a broken environment (never for an expected outcome such as a patch that
 * does not apply). Carries a code, a hint that says how to fix it, and the underlying cause.
 */
export class KreviewError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(message: string, code: ErrorCode, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'KreviewError';
    this.code = code;
    this.hint = options.hint;
  }
}

/** Misuse of the command line: exit status 2. */
export function usageError(message: string, hint?: string): KreviewError {
  return new KreviewError(message, 'USAGE', hint === undefined ? {} : { hint });
}

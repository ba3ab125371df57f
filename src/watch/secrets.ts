// Secrets (Patchwork token, SMTP password) come from the environment, never from the config. A
// list that needs one the environment lacks is misuse, found at once rather than as a fault on
// every run.
import { usageError } from '../domain/errors.ts';
import type { ListConfig } from './config.ts';

/** Throws a usage error when a list needs a secret the environment does not hold. */
export function checkSecrets(
  lists: readonly ListConfig[],
  env: Readonly<Record<string, string | undefined>>,
): void {
  for (const list of lists) {
    if (list.delivery.patchwork !== undefined && env.KREVIEW_PATCHWORK_TOKEN === undefined)
      throw usageError(
        `Cannot post checks for "${list.name}": no Patchwork token`,
        'set KREVIEW_PATCHWORK_TOKEN',
      );
    const smtp = list.delivery.mode === 'send' ? list.delivery.smtp : undefined;
    if (smtp?.user !== undefined && env.KREVIEW_SMTP_PASSWORD === undefined)
      throw usageError(
        `Cannot send for "${list.name}" as "${smtp.user}": no SMTP password`,
        'set KREVIEW_SMTP_PASSWORD',
      );
  }
}

// Who the replies are from: `--from`, else KREVIEW_FROM, else git's user.name and user.email.
import { simpleGit } from 'simple-git';
import { usageError } from '../domain/errors.ts';
import type { Address } from '../domain/message.ts';

/** Reads `Name <addr>` or a bare `addr`; undefined when it is not an address. */
export function parseAddress(text: string): Address | undefined {
  const trimmed = text.trim();
  const angle = /^(.*?)\s*<([^<>\s]+@[^<>\s]+)>$/.exec(trimmed);
  if (angle !== null) {
    const name = (angle[1] ?? '').replace(/^"(.*)"$/, '$1').trim();
    return { name, address: angle[2] ?? '' };
  }
  return /^[^<>\s@]+@[^<>\s@]+$/.test(trimmed) ? { name: '', address: trimmed } : undefined;
}

/** The sender of the replies, from the flag, the environment or git's configuration. */
export async function resolveSender(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): Promise<Address> {
  const given = flag ?? env.KREVIEW_FROM;
  if (given !== undefined) {
    const address = parseAddress(given);
    if (address === undefined)
      throw usageError(
        `Cannot use "${given}" as the sender: it is not an address`,
        'write it as "Name <name@example.org>"',
      );
    return address;
  }
  const [name, email] = await Promise.all([
    gitConfig('user.name', cwd),
    gitConfig('user.email', cwd),
  ]);
  if (email === '')
    throw usageError(
      'Cannot write replies: no sender known',
      'pass --from "Name <addr>", set KREVIEW_FROM, or set git config user.email',
    );
  return { name, address: email };
}

// git's configuration as seen from cwd (the repository's, else the user's); "" when unset or
// when there is no git to ask.
async function gitConfig(key: string, cwd: string): Promise<string> {
  try {
    return (await simpleGit({ baseDir: cwd }).getConfig(key)).value?.trim() ?? '';
  } catch {
    return '';
  }
}

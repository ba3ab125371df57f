// Where a command's series comes from: an mbox path, "-" for standard input, or, as `b4 am MSGID`
// does it, a Message-ID or lore URL whose thread is fetched as t.mbox.gz from public-inbox.
import { stat } from 'node:fs/promises';
import { KreviewError } from '../domain/errors.ts';
import { type Ingested, ingestMessages } from '../ingest/ingest.ts';
import { parseMessageId } from '../ingest/message-id.ts';
import { readMbox } from '../sources/mbox-file.ts';
import type { CommandIo } from './command.ts';

/** The kernel's archive of every list, as b4 uses it by default. */
export const DEFAULT_LORE = 'https://lore.kernel.org/all';

/** Help text for the argument and --lore, shared by show, apply and review. */
export const SERIES_INPUT_HELP = `  <mbox|-|msgid>   An mbox file, - for standard input, or a Message-ID (or lore URL) whose
                   thread is fetched from public-inbox as t.mbox.gz
  --lore URL       The public-inbox to fetch a Message-ID from (default ${DEFAULT_LORE})`;

/**
 * Reads the messages of `input`: a file or "-" first; otherwise, when it reads as a Message-ID
 * (it has an "@") or a URL, the thread from `lore`. A missing file that is neither is an error.
 */
export async function readSeriesInput(
  input: string,
  io: CommandIo,
  lore: string | undefined,
): Promise<Ingested> {
  if (input === '-' || (await exists(input))) return readMbox(input, io.stdin);
  const id = /@|^https?:\/\//.test(input) ? parseMessageId(input) : undefined;
  if (id === undefined) return readMbox(input, io.stdin);
  const base = (lore ?? inboxOf(input, id) ?? DEFAULT_LORE).replace(/\/+$/, '');
  // Loaded only to fetch: HTTPS and the Atom parser cost ~15 MiB of a file's `show`.
  const [{ fetchThread }, { httpPort }] = await Promise.all([
    import('../sources/lore.ts'),
    import('../sources/lore-http.ts'),
  ]);
  const got = await fetchThread(httpPort(), base, id);
  if (!got.ok) {
    throw new KreviewError(
      `Cannot fetch the thread of <${id}> from "${base}": ${got.fault}`,
      got.gone ? 'INPUT_NOT_FOUND' : 'NETWORK',
      {
        hint: got.gone
          ? 'check the Message-ID, or pass --lore with the inbox that has it'
          : 'try again later, or save the thread as an mbox and pass its path',
      },
    );
  }
  const ingested = ingestMessages(got.messages);
  return { ...ingested, warnings: [...got.warnings, ...ingested.warnings] };
}

// A URL to a message names its inbox too: everything before the Message-ID's segment.
function inboxOf(input: string, id: string): string | undefined {
  if (!/^https?:\/\//.test(input)) return undefined;
  const at = input.indexOf(`/${encodeURIComponent(id)}`);
  const plain = at < 0 ? input.indexOf(`/${id}`) : at;
  return plain > 0 ? input.slice(0, plain) : undefined;
}

// Any path that exists is read as mail (readMbox says what is wrong with a directory, say).
async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

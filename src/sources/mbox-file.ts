// The I/O edge of ingest: opens an mbox file (or standard input), un-gzips it when its first bytes
// say so, and streams it through the pure ingest stage.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { KreviewError } from '../domain/errors.ts';
import type { IngestWarning } from '../domain/message.ts';
import { type Ingested, type IngestOptions, ingestStream, sortWarnings } from '../ingest/ingest.ts';

export type { Ingested } from '../ingest/ingest.ts';

/**
 * Reads an mbox (mboxo or mboxrd, plain or gzip, or a single message) from `path`, or from
 * `stdin` when path is `-`. Problems inside the file are warnings; a missing file is an error.
 * @example const { series, warnings } = await readMbox('fixtures/mbox/vfio-noiommu.mbox', process.stdin);
 */
export async function readMbox(
  path: string,
  stdin: Readable,
  options: IngestOptions = {},
): Promise<Ingested> {
  const problems: IngestWarning[] = [];
  const name = path === '-' ? 'standard input' : `"${path}"`;
  if (path === '-')
    return withProblems(await ingestStream(maybeGunzip(stdin, name, problems), options), problems);
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      throw new KreviewError(`Cannot read mbox "${path}": it is a directory`, 'INPUT_UNREADABLE', {
        hint: 'give the path of an mbox file, such as a t.mbox.gz downloaded from lore',
      });
    }
  } catch (error) {
    if (error instanceof KreviewError) throw error;
    throw new KreviewError(`Cannot read mbox "${path}": no such file`, 'INPUT_NOT_FOUND', {
      hint: 'check the path, or pass "-" to read the mbox from standard input',
      cause: error,
    });
  }
  const file = createReadStream(path, { highWaterMark: 256 * 1024 });
  return withProblems(await ingestStream(maybeGunzip(file, name, problems), options), problems);
}

function withProblems(ingested: Ingested, problems: readonly IngestWarning[]): Ingested {
  if (problems.length === 0) return ingested;
  return { ...ingested, warnings: sortWarnings([...ingested.warnings, ...problems]) };
}

// gzip is recognised by its magic bytes (1f 8b), not by the file name: lore serves t.mbox.gz,
// and piped input has no name at all.
async function* maybeGunzip(
  input: AsyncIterable<Uint8Array | string>,
  name: string,
  problems: IngestWarning[],
): AsyncGenerator<Uint8Array> {
  const iterator = input[Symbol.asyncIterator]();
  let head = Buffer.alloc(0);
  const buffered: Buffer[] = [];
  while (head.length < 2) {
    const next = await iterator.next();
    if (next.done === true) break;
    const chunk =
      typeof next.value === 'string' ? Buffer.from(next.value) : Buffer.from(next.value);
    buffered.push(chunk);
    head = Buffer.concat([head, chunk]);
  }
  async function* rest(): AsyncGenerator<Buffer> {
    yield* buffered;
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) {
      yield typeof next.value === 'string' ? Buffer.from(next.value) : Buffer.from(next.value);
    }
  }
  if (head[0] !== 0x1f || head[1] !== 0x8b) {
    yield* rest();
    return;
  }
  const gunzip = createGunzip();
  const feed = (async () => {
    for await (const chunk of rest()) {
      if (!gunzip.write(chunk)) await new Promise((resolve) => gunzip.once('drain', resolve));
    }
    gunzip.end();
  })();
  feed.catch((error: unknown) =>
    gunzip.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  try {
    yield* gunzip;
    await feed;
  } catch (error) {
    // A truncated or corrupt download: keep what was read, say where it stopped.
    const detail = error instanceof Error ? error.message : String(error);
    problems.push({
      position: undefined,
      messageId: undefined,
      message: `Cannot read the rest of ${name}: its gzip data is corrupt or truncated (${detail})`,
    });
  }
}

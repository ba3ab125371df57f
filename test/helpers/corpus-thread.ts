// Threads of the real kbuild corpus (../shared/corpus), cut out at test time into temp mboxes:
// the corpus is read where it lies and never copied into the repository.
import { createReadStream } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { splitMbox } from '../../src/ingest/mbox-split.ts';
import { adaptMessage } from '../../src/ingest/message.ts';
import { mboxOf } from '../../src/report/mbox-out.ts';

/**
 * One pass over a gzipped mbox: for each root Message-ID, the messages of its thread (the root
 * and every message whose References or In-Reply-To name it), as an mboxrd text in mbox order.
 */
export async function corpusThreads(
  corpus: string,
  roots: readonly string[],
): Promise<Map<string, string>> {
  const kept = new Map<string, string[]>(roots.map((r) => [r, []]));
  // A read error (a missing corpus) must reach the gunzip stream, or it never ends.
  const file = createReadStream(corpus);
  const chunks = createGunzip();
  file.on('error', (error) => chunks.destroy(error));
  file.pipe(chunks);
  for await (const event of splitMbox(chunks)) {
    if (event.kind !== 'message') continue;
    const { message } = await adaptMessage(event.message);
    if (message === undefined) continue;
    const named = new Set([message.id, message.headers.inReplyTo, ...message.headers.references]);
    for (const root of roots) {
      if (named.has(root)) kept.get(root)?.push(event.message.bytes.toString('latin1'));
    }
  }
  const threads = new Map<string, string>();
  for (const [root, messages] of kept) {
    if (messages.length === 0) throw new Error(`The corpus has no thread <${root}>`);
    threads.set(root, mboxOf(messages));
  }
  return threads;
}

/** Writes each thread to `<dir>/<n>.mbox` in a new temp dir; returns the paths by root. */
export async function writeThreads(
  threads: ReadonlyMap<string, string>,
): Promise<{ dir: string; paths: Map<string, string> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kreview-corpus-'));
  const paths = new Map<string, string>();
  let n = 0;
  for (const [root, text] of threads) {
    const file = path.join(dir, `${++n}.mbox`);
    await writeFile(file, text, 'latin1');
    paths.set(root, file);
  }
  return { dir, paths };
}

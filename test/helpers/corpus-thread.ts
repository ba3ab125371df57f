// Threads of the real kbuild corpus (../shared/corpus), cut out at test time into temp mboxes:
// the corpus is read where it lies and never copied into the repository.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { corpusThreads as readThreads, threadMbox } from '../../eval/corpus.ts';

/**
 * For each root Message-ID, the messages of its thread as an mboxrd text in mbox order, read
 * by the evaluation's corpus reader (one pass over the gzipped mbox).
 */
export async function corpusThreads(
  corpus: string,
  roots: readonly string[],
): Promise<Map<string, string>> {
  const found = await readThreads(corpus, roots);
  const threads = new Map<string, string>();
  for (const root of roots) {
    const thread = found.get(root);
    if (thread === undefined) throw new Error(`The corpus has no thread <${root}>`);
    threads.set(root, threadMbox(thread));
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

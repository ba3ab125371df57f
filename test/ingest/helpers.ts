// Shared by the ingest tests: where the repository and the fixtures are, and a reader for them.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Ingested, ingestStream } from '../../src/ingest/ingest.ts';
import type { SplitOptions } from '../../src/ingest/mbox-split.ts';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export { CORPUS as corpusPath } from '../helpers/shared-data.ts';

/** Path of a file under fixtures/mbox. */
export function fixture(name: string): string {
  return path.join(repoRoot, 'fixtures/mbox', name);
}

/** Reads bytes through the pure ingest stage, in chunks of the given size (to cross boundaries). */
export async function ingestBytes(
  bytes: Uint8Array,
  chunkSize = 7,
  options: SplitOptions = {},
): Promise<Ingested> {
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
  }
  return ingestStream(chunks(), options);
}

/** Reads a fixture through the pure ingest stage. */
export async function ingestFixture(name: string, chunkSize = 4096): Promise<Ingested> {
  return ingestBytes(await readFile(fixture(name)), chunkSize);
}

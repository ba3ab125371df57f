// Writes b4's review-agent folder. The paths are kreview's own (the head's hex id and fixed
// names), never taken from the mail, so nothing is written outside DIR.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { KreviewError } from '../domain/errors.ts';
import type { Address } from '../domain/message.ts';
import type { Review } from '../domain/review.ts';
import { b4ReviewFiles } from '../report/b4-review.ts';

/** Writes the folder's files under `dir` and returns their paths. */
export async function writeB4Review(dir: string, review: Review, from: Address): Promise<string[]> {
  let files: Map<string, string>;
  try {
    files = b4ReviewFiles(review, from);
  } catch (error) {
    throw new KreviewError(
      `Cannot write the b4 review of "${review.series.subject}": ${error instanceof Error ? error.message : String(error)}`,
      'USAGE',
      { hint: 'b4 reviews an applied head; see why the series did not apply with --format text' },
    );
  }
  const written: string[] = [];
  for (const [name, text] of files) {
    const full = path.join(dir, name);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, text);
    written.push(full);
  }
  return written;
}

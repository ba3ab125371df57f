// A missing corpus fails the read at once instead of leaving the gunzip stream open for ever.
import { describe, expect, it } from 'vitest';
import { corpusThreads } from './corpus-thread.ts';

describe('corpusThreads() on a missing corpus', () => {
  it('rejects with the read error (ENOENT)', async () => {
    await expect(corpusThreads('/nonexistent/kreview-corpus.mbox.gz', ['x@y'])).rejects.toThrow(
      /ENOENT/,
    );
  });
});

// A 200 MB message in the middle of an mbox: skipped with a warning while the stream is drained,
// without ever holding it in memory.
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { readMbox } from '../../src/sources/mbox-file.ts';

const MB = 1024 * 1024;

function message(id: string, body: string): string {
  return `From mboxrd@z Thu Jan  1 00:00:00 1970\nFrom: A <a@example.org>\nSubject: ${id}\nMessage-ID: <${id}@example.org>\n\n${body}\n\n`;
}

async function writeBigMbox(file: string, bodyBytes: number, withNewlines: boolean): Promise<void> {
  async function* parts(): AsyncGenerator<string> {
    yield message('before', 'small');
    yield message('huge', '').trimEnd();
    yield '\n';
    const line = withNewlines ? `${'x'.repeat(99)}\n` : 'y'.repeat(100);
    const block = line.repeat(MB / 100);
    for (let written = 0; written < bodyBytes; written += block.length) yield block;
    yield '\n\n';
    yield message('after', 'small');
  }
  await pipeline(Readable.from(parts()), createWriteStream(file));
}

describe('a 200 MB message', () => {
  it.each([
    ['with lines', true],
    ['as one line', false],
  ])(
    '%s is skipped with a warning, the rest is read, memory stays bounded',
    async (_name, newlines) => {
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'kreview-big-')), 'big.mbox');
      await writeBigMbox(file, 200 * MB, newlines);
      globalThis.gc?.();
      const before = process.memoryUsage().rss;
      const result = await readMbox(file, Readable.from([]));
      const peak = process.resourceUsage().maxRSS * 1024;
      expect(result.messages.map((m) => m.id)).toEqual(['before@example.org', 'after@example.org']);
      expect(result.warnings).toHaveLength(1);
      expect(result.warnings[0]).toMatchObject({ position: 2, messageId: 'huge@example.org' });
      expect(result.warnings[0]?.message).toMatch(
        /^Skipped message 2: it is 2\d{8} bytes, over the limit of 67108864$/,
      );
      // The cap is 64 MiB; reading must not come near the 200 MB it skipped.
      expect(peak - before).toBeLessThan(150 * MB);
    },
    120_000,
  );
});

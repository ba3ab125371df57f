import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { KreviewError } from '../../src/domain/errors.ts';
import { readMbox } from '../../src/sources/mbox-file.ts';
import { fixture } from '../ingest/helpers.ts';

const vfio = readFileSync(fixture('vfio-noiommu.mbox'));
const noStdin = Readable.from([]);

function tempFile(name: string, bytes: Uint8Array): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'kreview-mbox-')), name);
  writeFileSync(file, bytes);
  return file;
}

// Deterministic "random" bytes, so a failure can be reproduced.
function garbage(length: number): Buffer {
  const out = Buffer.alloc(length);
  let x = 2463534242;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

describe('readMbox()', () => {
  it('recognises gzip by its magic bytes, not by the name', async () => {
    const plain = await readMbox(fixture('vfio-noiommu.mbox'), noStdin);
    const zipped = await readMbox(tempFile('no-suffix.mbox', gzipSync(vfio)), noStdin);
    expect(zipped.messages.map((m) => m.body)).toEqual(plain.messages.map((m) => m.body));
    expect(zipped.series.map((s) => s.version)).toEqual([6, 5]);
  });

  it('reads standard input for "-", plain or gzip, in small chunks', async () => {
    const chunks = (bytes: Buffer) =>
      Readable.from([bytes.subarray(0, 1), bytes.subarray(1, 100), bytes.subarray(100)]);
    const plain = await readMbox('-', chunks(vfio));
    const zipped = await readMbox('-', chunks(gzipSync(vfio)));
    expect(plain.messages).toHaveLength(11);
    expect(zipped.messages.map((m) => m.id)).toEqual(plain.messages.map((m) => m.id));
  });

  it('a missing file is an INPUT_NOT_FOUND error with a hint', async () => {
    const error = await readMbox('/nonexistent/t.mbox.gz', noStdin).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KreviewError);
    expect(error).toMatchObject({
      code: 'INPUT_NOT_FOUND',
      message: 'Cannot read mbox "/nonexistent/t.mbox.gz": no such file',
    });
    expect((error as KreviewError).hint).toContain('"-"');
  });

  it('a truncated gzip download keeps the messages before the cut and says where it stopped', async () => {
    const zipped = gzipSync(vfio);
    const cut = await readMbox(
      tempFile('t.mbox.gz', zipped.subarray(0, zipped.length - 2000)),
      noStdin,
    );
    expect(cut.messages.length).toBeGreaterThan(0);
    expect(cut.messages.length).toBeLessThan(11);
    expect(cut.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(
        /^Cannot read the rest of ".*t\.mbox\.gz": its gzip data is corrupt or truncated/,
      ),
    );
  });

  it('binary garbage gives no messages and one warning, no crash', async () => {
    const result = await readMbox(tempFile('garbage.bin', garbage(1_000_000)), noStdin);
    expect(result.messages).toEqual([]);
    expect(result.warnings.map((w) => w.message)).toEqual([
      'Skipped 1000000 bytes before the first message: they are neither an mbox "From " line nor mail headers',
    ]);
  });

  it('messages over the size cap are skipped with a warning naming position and Message-ID', async () => {
    const result = await readMbox(fixture('vfio-noiommu.mbox'), noStdin, { maxMessageBytes: 2500 });
    const kept = result.messages.map((m) => m.position);
    const skipped = result.warnings.filter((w) => w.message.startsWith('Skipped message'));
    expect(kept.length + skipped.length).toBe(11);
    expect(skipped.length).toBeGreaterThan(0);
    expect(skipped[0]?.messageId).toMatch(/@example\.org$/);
    expect(skipped[0]?.message).toMatch(
      /^Skipped message \d+: it is \d+ bytes, over the limit of 2500$/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { ingestBytes } from './helpers.ts';

// One thread as an mbox: a cover letter and its patches, each message replying to the cover.
function thread(cover: string, patches: readonly string[]): Uint8Array {
  const mail = (id: string, subject: string, body: string, reply?: string) =>
    [
      'From mboxrd@z Thu Jan  1 00:00:00 1970',
      `Message-ID: <${id}>`,
      'From: A U Thor <author@example.org>',
      'Date: Fri, 01 Mar 2024 10:00:00 +0100',
      `Subject: ${subject}`,
      ...(reply === undefined ? [] : [`In-Reply-To: <${reply}>`, `References: <${reply}>`]),
      '',
      body,
      '',
    ].join('\n');
  const diff = (n: number) =>
    `Change ${n}.\n\nSigned-off-by: A U Thor <author@example.org>\n---\ndiff --git a/f${n} b/f${n}\n--- a/f${n}\n+++ b/f${n}\n@@ -1 +1 @@\n-a\n+b\n`;
  return Buffer.from(
    [
      mail('c@x', cover, 'The cover.\n'),
      ...patches.map((s, i) => mail(`p${i + 1}@x`, s, diff(i + 1), 'c@x')),
    ].join('\n'),
  );
}

describe('series assembly: a versioned cover letter over unversioned patches', () => {
  it('assembleThread() puts [PATCH 1/2] under [PATCH net-next v3 0/2] into v3', async () => {
    const { series } = await ingestBytes(
      thread('[PATCH net-next v3 0/2] net: two', ['[PATCH 1/2] net: one', '[PATCH 2/2] net: two']),
    );
    expect(series.map((s) => [s.version, s.patches.length, s.missing, s.cover?.id])).toEqual([
      [3, 2, [], 'c@x'],
    ]);
  });

  it('assembleThread() keeps a patch that writes its own revision in that revision', async () => {
    const { series } = await ingestBytes(
      thread('[PATCH v3 0/2] x: two', ['[PATCH v2 1/2] x: one', '[PATCH 2/2] x: two']),
    );
    expect(series.map((s) => [s.version, s.patches.map((p) => p.index)])).toEqual([
      [3, [2]],
      [2, [1]],
    ]);
  });

  it('assembleThread() does not move patches of another total under the cover', async () => {
    const { series } = await ingestBytes(thread('[PATCH v3 0/3] x: three', ['[PATCH 1/2] x: one']));
    expect(series.map((s) => [s.version, s.total, s.patches.length])).toEqual([
      [3, 3, 0],
      [1, 2, 1],
    ]);
  });

  it('assembleThread() marks an [RFC PATCH] series as RFC, and a plain one not', async () => {
    const rfc = await ingestBytes(
      thread('[RFC PATCH v2 0/1] x: idea', ['[RFC PATCH v2 1/1] x: idea']),
    );
    expect(rfc.series.map((s) => [s.version, s.isRfc])).toEqual([[2, true]]);
    const plain = await ingestBytes(thread('[PATCH v2 0/1] x: idea', ['[PATCH v2 1/1] x: idea']));
    expect(plain.series.map((s) => s.isRfc)).toEqual([false]);
  });
});

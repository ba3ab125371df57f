// The real 2023 linux-kbuild archive: everything is read, and threads checked by hand (zcat and
// grep over the archive) come out as counted there.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Ingested } from '../../src/ingest/ingest.ts';
import { readMbox } from '../../src/sources/mbox-file.ts';
import { missingShared } from '../helpers/shared-data.ts';
import {
  expectSameAsMailinfo,
  gitMailinfoPatch,
  gitMailsplit,
  gitNumstat,
  messageIdOf,
} from './git-oracle.ts';
import { corpusPath } from './helpers.ts';

const skip = missingShared('the corpus tests', corpusPath);

let corpus: Ingested;

beforeAll(async () => {
  if (skip) return;
  corpus = await readMbox(corpusPath, process.stdin);
}, 120_000);

function seriesWith(messageId: string) {
  return corpus.series.filter(
    (s) => s.patches.some((p) => p.messageId === messageId) || s.cover?.id === messageId,
  );
}

describe.skipIf(skip)('the linux-kbuild 2023 corpus', () => {
  it('reads every message (3,709 "From mboxrd@z" separators) without crashing', () => {
    const text = gunzipSync(readFileSync(corpusPath)).toString('latin1');
    const separators = text.match(/^From mboxrd@z /gm)?.length;
    expect(separators).toBe(3709);
    expect(corpus.messages).toHaveLength(3709);
    expect(new Set(corpus.messages.map((m) => m.id)).size).toBe(3709);
    // Warnings are rare and each names the message it is about.
    expect(corpus.warnings.length).toBeLessThan(37);
    for (const w of corpus.warnings) expect(w.position).toBeGreaterThan(0);
  });

  it('a reroll in one thread: gtags v1, v2 (replying to v1) and v3 (replying to v2); v3 is newest', () => {
    const thread = corpus.series.filter(
      (s) => s.threadRoot === '20230504201833.202494-1-darwi@linutronix.de',
    );
    expect(
      thread.map((s) => [s.version, s.total, s.patches.map((p) => p.index), s.cover?.id]),
    ).toEqual([
      [3, 2, [1, 2], '20230515173217.64864-1-darwi@linutronix.de'],
      [2, 2, [1, 2], '20230509012616.81579-1-darwi@linutronix.de'],
      [1, 1, [1], '20230504201833.202494-1-darwi@linutronix.de'],
    ]);
    const latest = corpus.latest.filter(
      (s) => s.threadRoot === '20230504201833.202494-1-darwi@linutronix.de',
    );
    expect(latest.map((s) => s.version)).toEqual([3]);
    expect(thread[0]?.subject).toBe('scripts: Resolve gtags empty index generation');
  });

  it('a series with missing patches: only v2 6/7 and 7/7 of the rpm-pkg series were posted', () => {
    const [series] = seriesWith('20230315155018.99531-1-masahiroy@kernel.org');
    expect(series?.version).toBe(2);
    expect(series?.total).toBe(7);
    expect(series?.patches.map((p) => p.index)).toEqual([6, 7]);
    expect(series?.missing).toEqual([1, 2, 3, 4, 5]);
    expect(series?.cover).toBeUndefined();
  });

  it('trailers given in a reply attach to the patch replied to; quoted ones do not', () => {
    const [series] = seriesWith('20230107091820.3382134-1-masahiroy@kernel.org');
    expect(series?.patches).toHaveLength(7);
    const reply = 'CANiq72nY9X1cyu=3MwfRKTcxMUNHRTUGPFC7VR=OtL8V-NPQog@mail.gmail.com';
    expect(series?.patches[0]?.trailers).toEqual([
      {
        key: 'Signed-off-by',
        value: 'Masahiro Yamada <masahiroy@kernel.org>',
        fromReply: undefined,
      },
      { key: 'Reviewed-by', value: 'Miguel Ojeda <ojeda@kernel.org>', fromReply: reply },
      { key: 'Tested-by', value: 'Miguel Ojeda <ojeda@kernel.org>', fromReply: reply },
    ]);
    expect(series?.patches[1]?.trailers.map((t) => [t.key, t.fromReply])).toEqual([
      ['Signed-off-by', undefined],
      ['Reviewed-by', undefined],
      ['Tested-by', undefined],
      ['Reviewed-by', undefined],
    ]);
  });

  it('a patch the archive holds mangled is one warning, and git apply rejects it too', () => {
    const id = '90e8f79ec40ab4ce1c7e7961cb77a012@208suo.com';
    const about = corpus.warnings.filter((w) => w.messageId === id);
    expect(about).toHaveLength(1);
    expect(about[0]?.message).toMatch(/ends early: .* \(and \d+ more like it\)$/);
    const patch = corpus.series.flatMap((s) => s.patches).find((p) => p.messageId === id);
    expect(() => gitNumstat(patch?.diff ?? '')).toThrow(/corrupt patch/);
  });

  it('diffs are byte-exact: every corpus patch, in any charset, matches what git mailinfo extracts', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kreview-corpus-'));
    const plain = path.join(dir, 'corpus.mbox');
    writeFileSync(plain, gunzipSync(readFileSync(corpusPath)));
    const files = new Map(gitMailsplit(plain, true).map((f) => [messageIdOf(f), f]));
    const patches = corpus.series.flatMap((s) => s.patches).filter((p) => p.files.length > 0);
    // git am applies 8-bit bodies in other charsets undecoded, and so does kreview now.
    const other = patches.filter((p) =>
      /charset="?(?!utf-8|us-ascii)[\w-]+/i.test(p.message.rawHeaders),
    );
    expect(other.length).toBeGreaterThan(0);
    const sample = patches;
    expect(sample.length).toBeGreaterThan(1000);
    let checked = 0;
    for (const patch of sample) {
      const file = files.get(patch.messageId);
      if (file === undefined) throw new Error(`git mailsplit did not find "${patch.messageId}"`);
      const theirs = gitMailinfoPatch(file);
      expectSameAsMailinfo(patch, theirs);
      // And git reads the same files and line counts from both.
      if (checked++ % 8 === 0) expect(gitNumstat(patch.diff)).toEqual(gitNumstat(theirs));
    }
  }, 120_000);
});

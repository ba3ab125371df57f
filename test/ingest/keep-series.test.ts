// `keep: 'series'` (what `kreview show` reads with) drops replies' bodies but their trailer lines:
// on the real 2023 archive it must list exactly what reading every message whole lists.
import { beforeAll, describe, expect, it } from 'vitest';
import { showJson, showText } from '../../src/commands/show.ts';
import type { Ingested } from '../../src/ingest/ingest.ts';
import { parseSubject } from '../../src/ingest/subject.ts';
import { replyTrailerLines } from '../../src/ingest/trailers.ts';
import { readMbox } from '../../src/sources/mbox-file.ts';
import { missingShared } from '../helpers/shared-data.ts';
import { corpusPath } from './helpers.ts';

const skip = missingShared('the keep-series tests', corpusPath);

let whole: Ingested;
let slim: Ingested;

beforeAll(async () => {
  if (skip) return;
  whole = await readMbox(corpusPath, process.stdin);
  slim = await readMbox(corpusPath, process.stdin, { keep: 'series' });
}, 120_000);

describe.skipIf(skip)("keep: 'series' on the linux-kbuild 2023 corpus", () => {
  it('lists the same series, patches, trailers and warnings as keeping every message whole', () => {
    expect(slim.series.length).toBeGreaterThan(500);
    expect(showText(slim.series, slim.messages.length)).toBe(
      showText(whole.series, whole.messages.length),
    );
    expect(showJson(slim.series, slim.warnings)).toEqual(showJson(whole.series, whole.warnings));
  });

  it('keeps the diff text and files of every patch but not their parsed hunks', () => {
    const patches = (r: Ingested) => r.series.flatMap((s) => s.patches);
    const full = patches(whole);
    expect(full.some((p) => p.files.some((f) => f.hunks.length > 0))).toBe(true);
    patches(slim).forEach((p, i) => {
      expect(p.diff).toEqual(full[i]?.diff);
      expect(p.files.map((f) => ({ ...f, hunks: [] }))).toEqual(
        full[i]?.files.map((f) => ({ ...f, hunks: [] })),
      );
      for (const f of p.files) expect(f.hunks).toEqual([]);
    });
  });

  it("keeps patches' and cover letters' bodies whole, of replies only their trailer lines", () => {
    let replies = 0;
    let kept = 0;
    slim.messages.forEach((m, i) => {
      const full = whole.messages[i];
      expect(m.id).toBe(full?.id);
      expect(m.headers).toEqual(full?.headers);
      expect(m.rawHeaders).toBe('');
      const s = parseSubject(m.headers.subject);
      if (s.isPatch && !s.isReply) {
        expect(m.body).toBe(full?.body);
        return;
      }
      replies += 1;
      expect(m.body).toBe(replyTrailerLines(full?.body ?? '').join('\n'));
      kept += m.body.length;
    });
    expect(replies).toBeGreaterThan(1500);
    const wholeReplies = whole.messages
      .filter((m) => {
        const s = parseSubject(m.headers.subject);
        return !(s.isPatch && !s.isReply);
      })
      .reduce((n, m) => n + m.body.length, 0);
    // What is dropped is most of the text: quoted patches and discussion.
    expect(kept * 20).toBeLessThan(wholeReplies);
  });
});

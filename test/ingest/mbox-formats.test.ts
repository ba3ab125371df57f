import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { fixture, ingestBytes, ingestFixture } from './helpers.ts';

// diff-kinds.patch is the format-patch output the mbox fixtures were written from: the oracle
// for what the message body must be after un-escaping.
async function formatPatchBody(): Promise<string> {
  const text = await readFile(fixture('tools/diff-kinds.patch'), 'utf8');
  // format-patch ends its output with the blank line that separates mbox messages.
  return text.slice(text.indexOf('\n\n') + 2, -1);
}

describe('mbox formats', () => {
  it('mboxrd: ">From " and ">>From " lines are un-escaped one level, so the body is as sent', async () => {
    const { messages } = await ingestFixture('diff-kinds.mbox');
    expect(messages).toHaveLength(1);
    expect(messages[0]?.body).toBe(await formatPatchBody());
    expect(messages[0]?.body).toMatch(/^From the start this commit message/m);
    expect(messages[0]?.body).toMatch(/^>From here it is quoted once\./m);
  });

  it('mboxo: ">From " is un-escaped, and a line that was ">From " cannot be told apart (lossy)', async () => {
    const { messages } = await ingestFixture('mboxo.mbox');
    expect(messages[0]?.body).toMatch(/^From the start this commit message/m);
    expect(messages[0]?.body).toMatch(/^From here it is quoted once\./m);
  });

  it('CRLF mbox reads the same as the LF one, one byte at a time too', async () => {
    const lf = await ingestFixture('diff-kinds.mbox');
    const crlf = await ingestBytes(await readFile(fixture('crlf.mbox')), 1);
    expect(crlf.messages[0]?.body).toBe(lf.messages[0]?.body);
    expect(crlf.series[0]?.patches[0]?.diff).toEqual(lf.series[0]?.patches[0]?.diff);
  });

  it('a single message without a "From " line is read as message 1', async () => {
    const { messages, series, warnings } = await ingestFixture('single-message.eml');
    expect(messages.map((m) => [m.position, m.id])).toEqual([[1, 'single@example.org']]);
    expect(series[0]?.version).toBe(3);
    expect(series[0]?.patches[0]?.parsedSubject.isRfc).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('the "From " separator may fall across any chunk boundary', async () => {
    const bytes = await readFile(fixture('vfio-noiommu.mbox'));
    const whole = await ingestBytes(bytes, bytes.length);
    for (const size of [1, 5, 64]) {
      const split = await ingestBytes(bytes, size);
      expect(split.messages.map((m) => m.body)).toEqual(whole.messages.map((m) => m.body));
    }
    expect(whole.messages).toHaveLength(11);
  });

  it('prose starting with "From " after a blank line does not split an unescaped format-patch file', async () => {
    const raw = await readFile(fixture('tools/diff-kinds.patch'));
    const { messages } = await ingestBytes(raw, 4096);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.body).toBe(await formatPatchBody());
  });
});

describe('separators', () => {
  it('a full "From sender ctime" line separates messages even without a blank line before it', async () => {
    const mbox = [
      'From a@example.org Thu Jan  1 00:00:00 2026',
      'Subject: one',
      'Message-ID: <one@x>',
      '',
      'body one',
      'From b@example.org Fri Jan  2 00:00:00 2026',
      'Subject: two',
      'Message-ID: <two@x>',
      '',
      'body two, which mentions',
      'From the start, a line starting with From',
      '',
    ].join('\n');
    const { messages } = await ingestBytes(Buffer.from(mbox), 3);
    expect(messages.map((m) => [m.id, m.body])).toEqual([
      ['one@x', 'body one\n'],
      ['two@x', 'body two, which mentions\nFrom the start, a line starting with From\n'],
    ]);
  });
});

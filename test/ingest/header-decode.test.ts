// Subjects and addresses are decoded without mailparser (its load is ~30 MiB of RSS); mailparser,
// which did it before, is the oracle: on every message of both real archives and of the
// fixtures, the decoded Subject, From, To and Cc must come out as it reads them.
import { createReadStream, readdirSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { parseAddressHeader, simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { decodeEncodedWords } from '../../src/ingest/encoded-words.ts';
import { readHeaderFields, unfold } from '../../src/ingest/header-block.ts';
import { splitMbox } from '../../src/ingest/mbox-split.ts';
import { adaptMessage } from '../../src/ingest/message.ts';
import { headerEnd } from '../../src/ingest/mime-body.ts';
import { CORPUS_2024H1, missingShared } from '../helpers/shared-data.ts';
import { corpusPath, fixture } from './helpers.ts';

async function mailparserHeaders(bytes: Buffer) {
  const fields = readHeaderFields(bytes.toString('utf8', 0, headerEnd(bytes).headers));
  const raw = fields.find((f) => f.name.toLowerCase() === 'subject')?.raw ?? '';
  let subject = unfold(raw);
  if (/=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=/.test(raw)) {
    const parsed = await simpleParser(Buffer.from(`Subject: ${raw}\n\n`, 'utf8'));
    subject = parsed.subject ?? subject;
  }
  const list = (name: string) => {
    const values = fields.filter((f) => f.name.toLowerCase() === name).map((f) => unfold(f.raw));
    if (values.length === 0) return [];
    return parseAddressHeader(values).value.flatMap((e) =>
      (e.group ?? [e]).map((m) => ({ name: m.name ?? '', address: m.address ?? '' })),
    );
  };
  return {
    subject: subject.replace(/\s+/g, ' ').trim(),
    from: list('from')[0],
    to: list('to'),
    cc: list('cc'),
  };
}

async function compareAll(path: string): Promise<{ messages: number; encoded: number }> {
  const input = path.endsWith('.gz')
    ? createReadStream(path).pipe(createGunzip())
    : createReadStream(path);
  let messages = 0;
  let encoded = 0;
  for await (const event of splitMbox(input)) {
    if (event.kind !== 'message') continue;
    const ours = (await adaptMessage(event.message)).message;
    if (ours === undefined) continue;
    messages += 1;
    if (/=\?/.test(ours.rawHeaders)) encoded += 1;
    const { subject, from, to, cc } = ours.headers;
    expect({ at: event.message.position, subject, from, to, cc }).toEqual({
      at: event.message.position,
      ...(await mailparserHeaders(event.message.bytes)),
    });
  }
  return { messages, encoded };
}

describe('decoding RFC 2047 words', () => {
  it('joins adjacent words of one charset, drops the space between words, keeps the rest', () => {
    // "é" split over two B words: decoded apart it would be two replacement characters.
    expect(decodeEncodedWords('=?UTF-8?B?w6k=?=')).toBe('é');
    expect(decodeEncodedWords('=?UTF-8?B?dw==?= =?UTF-8?B?w6k=?= x')).toBe('wé x');
    expect(decodeEncodedWords('a =?utf-8?q?Andr=C3?= =?utf-8?q?=A9_B?= c')).toBe('a André B c');
    expect(decodeEncodedWords('=?ISO-8859-1*en?Q?J=F6rg?=')).toBe('Jörg');
    expect(decodeEncodedWords('=?x-unknown?Q?abc?= d')).toBe('=?x-unknown?Q?abc?= d');
    expect(decodeEncodedWords('no words = here ?=')).toBe('no words = here ?=');
  });
});

const skip = missingShared('the header decoding oracle tests', corpusPath);

describe('the same headers as mailparser reads', () => {
  it('on every fixture mbox', async () => {
    const dir = fixture('');
    for (const name of readdirSync(dir).filter((n) => /\.(mbox|eml)(\.gz)?$/.test(n)))
      await compareAll(fixture(name));
  }, 60_000);

  it.skipIf(skip)(
    'on every message of the 2023 and 2024h1 linux-kbuild archives',
    async () => {
      const a = await compareAll(corpusPath);
      const b = await compareAll(CORPUS_2024H1);
      expect(a.messages).toBe(3709);
      // Encoded words do occur there: the comparison is not only over plain ASCII.
      expect(a.encoded + b.encoded).toBeGreaterThan(100);
    },
    180_000,
  );
});

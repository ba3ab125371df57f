// The transfer encoding formatMail() picks, checked by decoding its output with mailparser (a
// real mail reader): the text that comes out is the text that went in.
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { formatMail, type OutgoingMail } from '../../src/report/email.ts';

const mail = (body: string): OutgoingMail => ({
  from: { name: 'Kconfig Bot', address: 'bot@example.org' },
  to: [{ name: '', address: 'ada@example.org' }],
  cc: [],
  subject: 'Re: [PATCH] x',
  date: 'Tue, 10 Mar 2026 12:00:00 +0000',
  messageId: 'k@example.org',
  inReplyTo: 'p@example.org',
  references: ['p@example.org'],
  body,
});

describe('formatMail() transfer encodings', () => {
  it.each([
    ['7bit for ASCII', { given: '> +config A\n\nFine.\n', want: '7bit' }],
    ['8bit for UTF-8 text', { given: '> +\tbool "Größe"\n', want: '8bit' }],
    [
      'quoted-printable for a line past 998 octets',
      { given: `> +${'x'.repeat(1200)} = ß\t\nNext = line \n`, want: 'quoted-printable' },
    ],
  ])('formatMail() picks %s', async (_name, { given, want }) => {
    const text = formatMail(mail(given));
    expect(text).toContain(`\nContent-Transfer-Encoding: ${want}\n`);
    expect(text.split('\n').every((l) => Buffer.byteLength(l) <= 998)).toBe(true);
    const parsed = await simpleParser(text);
    expect(parsed.text).toBe(given);
  });
});

import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/domain/finding.ts';
import { formatAddress, formatMail } from '../../src/report/email.ts';
import { quotePatch } from '../../src/report/quote.ts';
import { rfc2822 } from '../../src/report/replies.ts';
import { wrapProse } from '../../src/report/wrap.ts';
import { file, hunk, patchOf } from '../helpers/diff-builders.ts';

describe('wrapProse()', () => {
  it('wraps paragraphs at 72 columns and leaves indented lines alone', () => {
    const long = 'word '.repeat(30).trim();
    const table = `  ${'x'.repeat(90)}`;
    const out = wrapProse(`${long}\n\n${table}\n- ${long}`).split('\n');
    expect(
      Math.max(...out.filter((l) => !l.startsWith('  x')).map((l) => l.length)),
    ).toBeLessThanOrEqual(72);
    expect(out).toContain(table);
    expect(out.find((l) => l.startsWith('- '))).toBeDefined();
    expect(out.filter((l) => l.startsWith('  word')).length).toBeGreaterThan(0);
  });
});

describe('formatMail()', () => {
  const mail = {
    from: { name: 'kreview', address: 'bot@example.org' },
    to: [{ name: 'Ada Lovelace', address: 'ada@example.org' }],
    cc: [{ name: 'Jürgen Groß', address: 'jg@example.org' }],
    subject: 'Re: [PATCH v6 2/3] vfio: Größe',
    date: rfc2822(new Date(Date.UTC(2026, 10, 24, 16, 30, 5))),
    messageId: 'kreview-1@kreview.invalid',
    inReplyTo: 'p2@example.org',
    references: Array.from(
      { length: 5 },
      (_, i) => `a-long-message-id-number-${i}@mail.example.org`,
    ),
    body: 'On …, Ada wrote:\n> +config X\n',
  };

  it('encodes non-ASCII header text, folds References and marks an 8bit body', () => {
    const text = formatMail(mail);
    const [head = '', body] = text.split('\n\n');
    expect(head).toContain('Date: Tue, 24 Nov 2026 16:30:05 +0000');
    expect(head).toMatch(/^Subject: =\?UTF-8\?B\?/m);
    expect(
      Buffer.from(
        /=\?UTF-8\?B\?([^?]+)\?=/.exec(head.split('Subject:')[1] ?? '')?.[1] ?? '',
        'base64',
      ).toString(),
    ).toContain('Re: [PATCH');
    expect(head).toContain('Content-Transfer-Encoding: 8bit');
    expect(head.split('\n').every((l) => l.length <= 78)).toBe(true);
    expect(head).toMatch(/^References: <a-long-message-id-number-0@mail.example.org>\n <a-long/m);
    expect(body).toBe(mail.body);
  });

  it('quotes display names with specials and leaves plain ones', () => {
    expect(formatAddress({ name: 'Lovelace, Ada', address: 'a@x' })).toBe('"Lovelace, Ada" <a@x>');
    expect(formatAddress({ name: 'Ada', address: 'a@x' })).toBe('Ada <a@x>');
    expect(formatAddress({ name: '', address: 'a@x' })).toBe('a@x');
  });
});

describe('quotePatch()', () => {
  const patch = {
    ...patchOf(2, [
      file('drivers/vfio/Kconfig', [
        hunk(55, 55, 'endif', [
          ' ',
          ' config VFIO_NOIOMMU',
          ' \tbool "VFIO No-IOMMU support"',
          '-\tdepends on VFIO_GROUP',
          '+\tdepends on VFIO_GROUP || VFIO_DEVICE_CDEV',
          ' \thelp',
          ' \t  VFIO is built on the ability to isolate devices using the IOMMU.',
          ' \t  Only with an IOMMU can userspace access to DMA capable devices be',
        ]),
      ]),
    ]),
    subject: '[PATCH v6 2/3] vfio: Allow noiommu with cdev',
    commitMessage: 'vfio: Allow noiommu with cdev\n\nBody.\n',
  } as unknown as Parameters<typeof quotePatch>[0];
  const finding = (line: number, side: 'new' | 'old', title: string): Finding => ({
    check: 'matrix-cell-changed',
    severity: 'warning',
    anchor: { patch: 2, file: 'drivers/vfio/Kconfig', line, side },
    title,
    detail: 'Detail text.',
  });

  it('quotes the hunk up to each finding, writes it below, and leaves the rest out', () => {
    const lines = quotePatch(patch, [finding(58, 'new', 'Second'), finding(58, 'old', 'First')]);
    expect(lines).toEqual([
      '> diff --git a/drivers/vfio/Kconfig b/drivers/vfio/Kconfig',
      '> @@ -55,7 +55,7 @@ endif',
      '>  ',
      '>  config VFIO_NOIOMMU',
      '>  \tbool "VFIO No-IOMMU support"',
      '> -\tdepends on VFIO_GROUP',
      '',
      'First.',
      '',
      'Detail text.',
      '',
      '> +\tdepends on VFIO_GROUP || VFIO_DEVICE_CDEV',
      '',
      'Second.',
      '',
      'Detail text.',
    ]);
    expect(lines[0]).toBe('> diff --git a/drivers/vfio/Kconfig b/drivers/vfio/Kconfig');
    expect(lines.indexOf('First.')).toBeLessThan(
      lines.indexOf('> +\tdepends on VFIO_GROUP || VFIO_DEVICE_CDEV'),
    );
    expect(lines.indexOf('> +\tdepends on VFIO_GROUP || VFIO_DEVICE_CDEV')).toBeLessThan(
      lines.indexOf('Second.'),
    );
    expect(lines).not.toContain('>  \thelp');
    expect(lines.at(-1)).toBe('Detail text.');
  });
});

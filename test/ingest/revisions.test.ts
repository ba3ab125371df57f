import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Series } from '../../src/domain/series.ts';
import { gitEnvironment, gitProcessPort } from '../../src/git/process-port.ts';
import { seriesPatchIds } from '../../src/git/series-patch-ids.ts';
import {
  changeIdOf,
  normaliseTitle,
  previousRevision,
  unchangedPatches,
} from '../../src/ingest/revisions.ts';
import { runGit } from '../helpers/git-repo.ts';
import { ingestBytes, ingestFixture } from './helpers.ts';

interface Mail {
  id: string;
  subject: string;
  from?: string;
  replyTo?: string;
  body: string;
}

function mbox(mails: readonly Mail[]): Uint8Array {
  const text = mails
    .map((m, i) =>
      [
        'From mboxrd@z Thu Jan  1 00:00:00 1970',
        `From: ${m.from ?? 'Ada Lovelace <ada@example.org>'}`,
        'To: list@example.org',
        `Subject: ${m.subject}`,
        `Date: Mon, ${i + 1} Mar 2026 10:00:00 +0000`,
        `Message-ID: <${m.id}>`,
        ...(m.replyTo === undefined
          ? []
          : [`In-Reply-To: <${m.replyTo}>`, `References: <${m.replyTo}>`]),
        '',
        m.body,
        '',
      ].join('\n'),
    )
    .join('\n');
  return new TextEncoder().encode(text);
}

function diff(file: string, line: string): string {
  return [
    '---',
    ` ${file} | 1 +`,
    '',
    `diff --git a/${file} b/${file}`,
    'index 1111111..2222222 100644',
    `--- a/${file}`,
    `+++ b/${file}`,
    '@@ -1,2 +1,3 @@',
    ' one',
    `+${line}`,
    ' two',
    '-- ',
    '2.39.5',
  ].join('\n');
}

function patch(
  version: number,
  n: number,
  title: string,
  body: string,
  extra: Partial<Mail> = {},
): Mail {
  return {
    id: `v${version}-${n}@example.org`,
    subject: `[PATCH v${version} ${n}/2] ${title}`,
    replyTo: `v${version}-0@example.org`,
    body: `${title}.\n\nSigned-off-by: Ada Lovelace <ada@example.org>\n${body}`,
    ...extra,
  };
}

function cover(version: number, title: string, extra: Partial<Mail> = {}): Mail {
  return {
    id: `v${version}-0@example.org`,
    subject: `[PATCH v${version} 0/2] ${title}`,
    body: 'Cover.',
    ...extra,
  };
}

async function seriesOfAll(mails: readonly Mail[]): Promise<readonly Series[]> {
  return (await ingestBytes(mbox(mails), 4096)).series;
}

function byVersion(all: readonly Series[], version: number): Series {
  const s = all.find((x) => x.version === version);
  if (s === undefined) throw new Error(`no v${version}`);
  return s;
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function gitPort() {
  const dir = mkdtempSync(path.join(tmpdir(), 'kreview-revisions-'));
  dirs.push(dir);
  runGit(dir, ['init', '-q']);
  return gitProcessPort(dir, gitEnvironment(process.env));
}

describe('normaliseTitle() and changeIdOf()', () => {
  it.each([
    [
      'drops bracketed prefixes, case, runs of spaces and the final period',
      '[RFC] Foo:  Add  BAR.',
      'foo: add bar',
    ],
    ['keeps inner punctuation', 'vfio: Add VFIO_CDEV_NOIOMMU', 'vfio: add vfio_cdev_noiommu'],
  ])('normaliseTitle() %s', (_name, given, want) => {
    expect(normaliseTitle(given)).toBe(want);
  });

  it('changeIdOf() reads the change-id: line of the cover letter', async () => {
    const all = await seriesOfAll([
      cover(2, 'foo: Bar', {
        body: 'Cover.\n\n---\nbase-commit: abc\nchange-id: 20260301-foo-bar-0123abcd\n\nBest regards,',
      }),
      patch(2, 1, 'foo: One', diff('a.c', 'x')),
      patch(2, 2, 'foo: Two', diff('b.c', 'y')),
    ]);
    expect(changeIdOf(byVersion(all, 2))).toBe('20260301-foo-bar-0123abcd');
  });
});

describe('previousRevision()', () => {
  it('links by change-id even when title, author and thread all differ', async () => {
    const v1 = await seriesOfAll([
      cover(1, 'foo: Old title', { body: 'Cover.\n\nchange-id: 20260301-foo-1' }),
      patch(1, 1, 'foo: One', diff('a.c', 'x')),
      patch(1, 2, 'foo: Two', diff('b.c', 'y')),
      cover(1, 'bar: Another series', {
        id: 'w1-0@example.org',
        body: 'Cover.\n\nchange-id: 20260301-bar-9',
      }),
    ]);
    const v2 = await seriesOfAll([
      cover(2, 'foo: Quite another title', {
        from: 'Ada L <ada@other.example>',
        body: 'Cover.\n\nchange-id: 20260301-foo-1',
      }),
      patch(2, 1, 'foo: One', diff('a.c', 'x2'), { from: 'Ada L <ada@other.example>' }),
      patch(2, 2, 'foo: Two', diff('b.c', 'y2'), { from: 'Ada L <ada@other.example>' }),
    ]);
    const link = previousRevision(byVersion(v2, 2), [...v1]);
    expect(link?.reason).toBe('change-id');
    expect(link?.previous.subject).toBe('foo: Old title');
  });

  it('does not link two revisions whose change-ids differ, even with the same title', async () => {
    const all = await seriesOfAll([
      cover(1, 'foo: Bar', { body: 'Cover.\n\nchange-id: one' }),
      patch(1, 1, 'foo: One', diff('a.c', 'x')),
      cover(2, 'foo: Bar', { id: 'z2-0@example.org', body: 'Cover.\n\nchange-id: two' }),
      patch(2, 1, 'foo: One', diff('a.c', 'x2'), {
        replyTo: 'z2-0@example.org',
        id: 'z2-1@example.org',
      }),
    ]);
    expect(previousRevision(byVersion(all, 2), all)).toBeUndefined();
  });

  it('links a v2 sent in reply to v1 although its title changed (the VFIO fixture)', async () => {
    const { series } = await ingestFixture('vfio-noiommu.mbox');
    const v6 = byVersion(series, 6);
    const link = previousRevision(v6, series);
    expect(link?.reason).toBe('reply');
    expect(link?.previous.version).toBe(5);
    expect(link?.previous.messageId).toBe('20260302100000.500-0-ada@example.org');
    expect(previousRevision(byVersion(series, 5), series)).toBeUndefined();
  });

  it('links by author and normalised title, newest older revision first, and not across authors', async () => {
    const all = await seriesOfAll([
      cover(1, 'foo: Add the bar.'),
      patch(1, 1, 'foo: One', diff('a.c', 'x')),
      cover(2, 'Foo: add  the bar'),
      patch(2, 1, 'foo: One', diff('a.c', 'x2')),
      cover(3, 'foo: Add the bar'),
      patch(3, 1, 'foo: One', diff('a.c', 'x3')),
      cover(4, 'foo: Add the bar', { id: 'eve-0@example.org', from: 'Eve <eve@example.org>' }),
    ]);
    const link = previousRevision(byVersion(all, 3), all);
    expect([link?.reason, link?.previous.version]).toEqual(['author-title', 2]);
    const eve = all.find((s) => s.messageId === 'eve-0@example.org');
    if (eve === undefined) throw new Error('no series from Eve');
    expect(previousRevision(eve, all)).toBeUndefined();
  });

  it('links by the patch-id of an unchanged patch, computed by git, and marks that patch', async () => {
    const all = await seriesOfAll([
      cover(1, 'foo: First try'),
      patch(1, 1, 'foo: One', diff('a.c', 'same line')),
      patch(1, 2, 'foo: Two', diff('b.c', 'y')),
      cover(2, 'foo: Second try', { from: 'Ada <ada@elsewhere.example>' }),
      // The same change under another subject and message: same stable patch-id.
      patch(2, 1, 'foo: One, reworded', diff('a.c', 'same line'), {
        from: 'Ada <ada@elsewhere.example>',
      }),
      patch(2, 2, 'foo: Two', diff('b.c', 'y changed'), { from: 'Ada <ada@elsewhere.example>' }),
    ]);
    const v1 = byVersion(all, 1);
    const v2 = byVersion(all, 2);
    expect(previousRevision(v2, all)).toBeUndefined();
    const ids = await seriesPatchIds(gitPort(), all);
    expect(ids.size).toBe(4);
    expect(ids.get('v1-1@example.org')).toMatch(/^[0-9a-f]{40}$/);
    expect(ids.get('v2-1@example.org')).toBe(ids.get('v1-1@example.org'));
    expect(ids.get('v2-2@example.org')).not.toBe(ids.get('v1-2@example.org'));
    const link = previousRevision(v2, all, ids);
    expect([link?.reason, link?.previous.version]).toEqual(['patch-id', 1]);
    expect(unchangedPatches(v2, v1, ids)).toEqual([{ patch: 1, previousPatch: 1 }]);
  });
  it('takes the newest older revision: a v3 sent in reply to v1 follows v2 (same author and title)', async () => {
    const all = await seriesOfAll([
      cover(1, 'foo: Bar'),
      patch(1, 1, 'foo: One', diff('a.c', 'x')),
      cover(2, 'foo: Bar'),
      patch(2, 1, 'foo: One', diff('a.c', 'x2')),
      cover(3, 'foo: Bar', { replyTo: 'v1-0@example.org' }),
      patch(3, 1, 'foo: One', diff('a.c', 'x3')),
    ]);
    const link = previousRevision(byVersion(all, 3), all);
    expect([link?.reason, link?.previous.version]).toEqual(['author-title', 2]);
  });
});

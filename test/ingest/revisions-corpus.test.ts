// Real rerolls from the linux-kbuild archives (2023, and January–June 2024), with and without
// b4's change-id: each revision links to the one it follows. Checked by hand in the archives
// (zcat | grep for the Message-IDs, In-Reply-To and change-id lines).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Series } from '../../src/domain/series.ts';
import { previousRevision } from '../../src/ingest/revisions.ts';
import { readMbox } from '../../src/sources/mbox-file.ts';
import { CORPUS, CORPUS_2024H1, missingShared } from '../helpers/shared-data.ts';

const skip = missingShared('the reroll corpus tests', CORPUS, CORPUS_2024H1);
const archives: Record<string, readonly Series[]> = {};

beforeAll(async () => {
  if (skip) return;
  for (const [name, file] of [
    ['2023', CORPUS],
    ['2024h1', CORPUS_2024H1],
  ] as const)
    archives[name] = (await readMbox(file, process.stdin)).series;
}, 120_000);

describe.skipIf(skip)('previousRevision() on real rerolls', () => {
  it.each<[string, { archive: string; id: string; want: [string, number, string] }]>([
    [
      'change-id links v3 to v2 although the title changed',
      {
        archive: '2023',
        id: '20230117-kernel-kheaders-gitignore-v3-0-d67d649dd990@weissschuh.net',
        want: [
          'change-id',
          2,
          '20230117-kernel-kheaders-gitignore-v2-1-1c29b3adf04a@weissschuh.net',
        ],
      },
    ],
    [
      'a v4 sent in reply to v3 (no change-id)',
      {
        archive: '2023',
        id: '20230307155521.241104-1-varmavinaym@gmail.com',
        want: ['reply', 3, '20230307144233.205819-1-varmavinaym@gmail.com'],
      },
    ],
    [
      'a v3 sent in reply to v1 follows the v2 between them (same author and title)',
      {
        archive: '2023',
        id: '20230825072744.1322656-1-denik@chromium.org',
        want: ['author-title', 2, '20230822174835.253469-1-denik@chromium.org'],
      },
    ],
    [
      'change-id in 2024',
      {
        archive: '2024h1',
        id: '20240212-coreboot-mod-defconfig-v4-0-d14172676f6d@collabora.com',
        want: ['change-id', 3, '20240117-coreboot-mod-defconfig-v3-0-049565a27bba@collabora.com'],
      },
    ],
    [
      'a reply in 2024',
      {
        archive: '2024h1',
        id: '20240114081400.12452-1-xtex@envs.net',
        want: ['reply', 1, '20240113001135.7781-1-xtex@envs.net'],
      },
    ],
  ])('%s', (_name, { archive, id, want }) => {
    const all = archives[archive] ?? [];
    const series = all.find((s) => s.messageId === id);
    expect(series, id).toBeDefined();
    if (series === undefined) return;
    const link = previousRevision(series, all);
    expect([link?.reason, link?.previous.version, link?.previous.messageId]).toEqual(want);
  });

  it('two in three revisions after the first find the one they follow (the others follow one posted elsewhere or earlier), and none an equal or newer one', () => {
    for (const all of Object.values(archives)) {
      const rerolls = all.filter((s) => s.version > 1);
      const links = rerolls.map((s) => [s, previousRevision(s, all)] as const);
      const found = links.filter(([, l]) => l !== undefined);
      expect(found.length / rerolls.length).toBeGreaterThan(0.65);
      for (const [s, l] of found) expect(l?.previous.version).toBeLessThan(s.version);
    }
  });
});

// Real rerolls from the linux-kbuild archives (2023, and January–June 2024), with and without
// b4's change-id: each revision links to the one it follows, and with the stable patch-ids
// (git patch-id, as b4 uses them) a reroll whose title changed links by the patches it kept,
// which are marked unchanged. Checked by hand in the archives (zcat | grep for the Message-IDs,
// In-Reply-To, change-id and Subject lines).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Series } from '../../src/domain/series.ts';
import { gitEnvironment, gitProcessPort } from '../../src/git/process-port.ts';
import { seriesPatchIds } from '../../src/git/series-patch-ids.ts';
import {
  type PatchIdsByMessage,
  previousRevision,
  unchangedPatches,
} from '../../src/ingest/revisions.ts';
import { readMbox } from '../../src/sources/mbox-file.ts';
import { CORPUS, CORPUS_2024H1, missingShared } from '../helpers/shared-data.ts';

const skip = missingShared('the reroll corpus tests', CORPUS, CORPUS_2024H1);
const archives: Record<string, readonly Series[]> = {};
const patchIds: Record<string, PatchIdsByMessage> = {};
// git patch-id reads the diffs on stdin: any directory does, no repository needed.
const scratch = mkdtempSync(join(tmpdir(), 'kreview-patch-ids-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

beforeAll(async () => {
  if (skip) return;
  const port = gitProcessPort(scratch, gitEnvironment(process.env));
  for (const [name, file] of [
    ['2023', CORPUS],
    ['2024h1', CORPUS_2024H1],
  ] as const) {
    const series = (await readMbox(file, process.stdin)).series;
    archives[name] = series;
    patchIds[name] = await seriesPatchIds(port, series);
  }
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

  it.each<
    [
      string,
      {
        archive: string;
        id: string;
        want: [string, number, string];
        unchanged: [number, number][];
      },
    ]
  >([
    [
      'patch-id: a v2 renamed ("tool" for "script"), not in reply, keeps patches 3 and 4',
      {
        archive: '2023',
        id: '20230129184602.3974058-1-masahiroy@kernel.org',
        want: ['patch-id', 1, '20230128173843.765212-1-masahiroy@kernel.org'],
        unchanged: [
          [3, 3],
          [4, 4],
        ],
      },
    ],
    [
      'patch-id in 2024: a single-patch v2 of the first patch of a two-patch v1 under another title',
      {
        archive: '2024h1',
        id: '20240528085221.2989315-1-wenst@chromium.org',
        want: ['patch-id', 1, '20240521065107.30371-1-wenst@chromium.org'],
        unchanged: [[1, 1]],
      },
    ],
    [
      'change-id, patches moved up by one (v1 patch 1 dropped)',
      {
        archive: '2024h1',
        id: '20240315-fd-xml-shipped-v2-0-7cd68ecc4320@linaro.org',
        want: ['change-id', 1, '20240226-fd-xml-shipped-v1-0-86bb6c3346d2@linaro.org'],
        unchanged: [
          [1, 2],
          [2, 3],
          [3, 4],
        ],
      },
    ],
    [
      'author and title, without change-id: v6 of 20 patches keeps six of v5 at new places',
      {
        archive: '2023',
        id: '20230521160426.1881124-1-masahiroy@kernel.org',
        want: ['author-title', 5, '20230514152739.962109-1-masahiroy@kernel.org'],
        unchanged: [
          [7, 13],
          [9, 15],
          [11, 17],
          [13, 19],
          [14, 20],
          [15, 21],
        ],
      },
    ],
  ])('with patch-ids, %s', (_name, { archive, id, want, unchanged }) => {
    const all = archives[archive] ?? [];
    const ids = patchIds[archive] ?? new Map();
    const series = all.find((s) => s.messageId === id);
    expect(series, id).toBeDefined();
    if (series === undefined) return;
    const link = previousRevision(series, all, ids);
    expect([link?.reason, link?.previous.version, link?.previous.messageId]).toEqual(want);
    if (link === undefined) return;
    expect(
      unchangedPatches(series, link.previous, ids).map((u) => [u.patch, u.previousPatch]),
    ).toEqual(unchanged);
    // Without the patch-ids only the change-id or the title can link them.
    if (want[0] === 'patch-id') expect(previousRevision(series, all)).toBeUndefined();
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

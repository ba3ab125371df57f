// The VFIO example through the watcher (big tree): a first pass sees v5 alone and reviews it; a
// later pass sees v6, sent in reply to v5, and its summary reply says what v6 fixed of what was
// raised on v5, what is new and which matrix cases changed, from what the first pass stored.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { openState } from '../../src/state/db.ts';
import { WatchStore } from '../../src/state/store.ts';
import { kernelSetup } from '../../tools/oracle/kernel-setup.ts';
import { fixture, repoRoot } from '../ingest/helpers.ts';

let dir = '';
let tree = '';

beforeAll(async () => {
  tree = (await kernelSetup(repoRoot)).tree;
  dir = mkdtempSync(join(tmpdir(), 'kreview-watch-vfio-'));
}, 900_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function watch(now: string) {
  let stdout = '';
  let stderr = '';
  const status = await main(['watch', '--config', join(dir, 'watch.json'), '--now', now], {
    stdout: { write: (c: string) => (stdout += c) },
    stderr: { write: (c: string) => (stderr += c) },
    stdin: Readable.from([]),
    env: { ...process.env, KREVIEW_FROM: undefined },
    cwd: dir,
  });
  if (status !== 0) throw new Error(`watch exited ${status}:\n${stderr}`);
  return stdout;
}

// The summary reply to the cover letter of `version` in the printed replies.
function summaryOf(printed: string, version: number): string {
  const at = printed.indexOf(`Subject: Re: [PATCH v${version} 0/3]`);
  expect(at, printed).toBeGreaterThanOrEqual(0);
  const end = printed.indexOf('\nFrom mboxrd@z ', at);
  // Prose is wrapped at 72 columns: compared with its words on one line.
  return printed.slice(at, end < 0 ? undefined : end).replace(/\s+/g, ' ');
}

describe('kreview watch on v5, then v6 of the VFIO series (big tree)', () => {
  it('compares v6 with the v5 it reviewed on an earlier pass', async () => {
    const raw = readFileSync(fixture('vfio-noiommu.mbox'), 'utf8');
    const split = raw.indexOf('\nFrom ', raw.indexOf('Message-ID: <grace-v5-cover@example.org>'));
    const mbox = join(dir, 'vfio.mbox');
    writeFileSync(
      join(dir, 'watch.json'),
      JSON.stringify({
        stateDir: 'state',
        tree,
        from: 'Kconfig Bot <bot@example.org>',
        lists: [{ name: 'vfio', mbox, presets: ['vfio-noiommu'], delivery: { mode: 'print' } }],
      }),
    );
    writeFileSync(mbox, raw.slice(0, split + 1));
    const first = summaryOf(await watch('2026-03-05T00:00:00Z'), 5);
    expect(first).not.toContain('Compared with');
    expect(first).toContain('VFIO_NOIOMMU is removed, but 2 references remain');

    writeFileSync(mbox, raw);
    const second = summaryOf(await watch('2026-03-12T00:00:00Z'), 6);
    expect(second).toContain(
      'Compared with v5 <20260302100000.500-0-ada@example.org>, which v6 replies to:',
    );
    expect(second).toContain(
      'v6 fixes the point raised on v5: no reference to an undefined VFIO_NOIOMMU remains.',
    );
    const added = second.slice(second.indexOf('New in v6:'), second.indexOf('Notes (for'));
    expect(added).toContain('- [2/3] CONFIG_VFIO_NOIOMMU=y becomes n on upgrade (x86_64, arm)');
    // The matrix change, in the check's own words (not pinned here).
    expect(added).toContain('- [2/3] VFIO_NOIOMMU ');
    // The cases whose values v6 changed since v5, from the table the first pass kept of v5.
    expect(second).toContain(
      'Matrix cases whose values differ between v5 and v6 (numbered as in the tables): - vfio-noiommu on x86_64: IOMMUFD_NOIOMMU n -> y (cases 1, 5); VFIO_CDEV_NOIOMMU y -> n (cases 1, 3, 5); VFIO_GROUP_NOIOMMU y -> n (cases 1-4); VFIO_NOIOMMU n -> y (cases 1, 2, 5) - vfio-noiommu on arm:',
    );

    const kept = new WatchStore(openState(join(dir, 'state'))).revisions('vfio');
    expect(kept.map((r) => [r.identity.version, r.identity.messageId])).toEqual([
      [6, '20260309093000.600-0-ada@example.org'],
      [5, '20260302100000.500-0-ada@example.org'],
    ]);
    // v5's derived matrix ran on x86_64 alone.
    expect(kept[1]?.matrices?.map((m) => `${m.spec} ${m.arch}`).sort()).toEqual([
      'derived x86_64',
      'vfio-noiommu arm',
      'vfio-noiommu x86_64',
    ]);
  }, 900_000);
});

// The VFIO example as a reviewer meets it: v5, then v6 in reply to it, in one mbox. The review of
// v6 reviews v5 too (same options) and says what v6 fixed, what remains and what is new, in the
// JSON, the text and the summary reply; the same with v5 given apart as --previous MBOX.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { readMbox } from '../../src/sources/mbox-file.ts';
import { kernelSetup } from '../../tools/oracle/kernel-setup.ts';
import { fixture, repoRoot } from '../ingest/helpers.ts';

interface PreviousJson {
  version: number;
  messageId: string;
  linkedBy: string;
  unchangedPatches: unknown[];
  findings: {
    status: string;
    revision: number;
    check: string;
    symbol: string | null;
    severity: string;
    title: string;
  }[];
}

let tree = '';
const dir = mkdtempSync(path.join(tmpdir(), 'kreview-revisions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function kreview(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await main(args, {
    stdout: { write: (c: string) => (stdout += c) },
    stderr: { write: (c: string) => (stderr += c) },
    stdin: Readable.from([]),
    env: { ...process.env, KREVIEW_FROM: undefined },
    cwd: repoRoot,
  });
  if (status !== 0) throw new Error(`kreview ${args.join(' ')} exited ${status}:\n${stderr}`);
  return { stdout, stderr };
}

const MAIL = ['--date', '2026-03-12T10:00:00Z', '--from', 'Kconfig Bot <bot@example.org>'];

function statuses(previous: PreviousJson) {
  return previous.findings
    .filter((f) => f.severity !== 'info')
    .map((f) => [f.status, f.revision, f.check, f.symbol]);
}

// The one point raised on v5 (its references to VFIO_NOIOMMU left behind) is fixed; what v6 does
// to VFIO_NOIOMMU (lost on upgrade where no container is built, matrix cases 3 and 4) is new.
const WANT = [
  ['new', 6, 'lost-on-upgrade', 'VFIO_NOIOMMU'],
  ['new', 6, 'matrix-cell-changed', 'VFIO_NOIOMMU'],
  ['fixed', 5, 'undefined-symbol', 'VFIO_NOIOMMU'],
];

beforeAll(async () => {
  tree = (await kernelSetup(repoRoot)).tree;
}, 900_000);

describe('review of v6 with v5 in the same mbox (big tree)', () => {
  let json: { series: { version: number }; previous: PreviousJson };
  let stderr = '';
  let summary = '';
  let subjects: string[] = [];

  beforeAll(async () => {
    const outbox = path.join(dir, 'outbox');
    const run = await kreview(
      'review',
      fixture('vfio-noiommu.mbox'),
      '--tree',
      tree,
      '--preset',
      'vfio-noiommu',
      '--json',
      '--outbox',
      outbox,
      ...MAIL,
    );
    json = JSON.parse(run.stdout);
    stderr = run.stderr;
    const replies = (await readMbox(path.join(outbox, 'outbox.mbox'), Readable.from([]))).messages;
    subjects = replies.map((m) => m.headers.subject);
    summary = replies.find((m) => m.headers.subject.includes('0/3'))?.body ?? '';
  }, 600_000);

  it('reviews v6, and v5 too, linked by the reply', () => {
    expect(json.series.version).toBe(6);
    expect(stderr).toContain('reviewing v5 too');
    expect(json.previous.version).toBe(5);
    expect(json.previous.messageId).toBe('20260302100000.500-0-ada@example.org');
    expect(json.previous.linkedBy).toBe('reply');
    // Every patch of v6 was reworked.
    expect(json.previous.unchangedPatches).toEqual([]);
  });

  it("JSON: the v5 error is fixed; v6's own problems with VFIO_NOIOMMU are new", () => {
    expect(statuses(json.previous)).toEqual(WANT);
    // v5's notes on the symbols it added no longer apply: v6 adds IOMMUFD_NOIOMMU instead.
    const notes = json.previous.findings
      .filter((f) => f.check === 'new-symbol')
      .map((f) => [f.status, f.symbol]);
    expect(notes).toEqual([
      ['new', 'IOMMUFD_NOIOMMU'],
      ['fixed', 'VFIO_GROUP_NOIOMMU'],
      ['fixed', 'VFIO_CDEV_NOIOMMU'],
    ]);
  });

  it('the summary reply says what v6 fixed and what is new, within 72 columns of prose', () => {
    expect(summary).toContain(
      'Compared with v5 <20260302100000.500-0-ada@example.org>, which v6\nreplies to:',
    );
    expect(summary).toContain(
      'v6 fixes the point raised on v5: no reference to an undefined\nVFIO_NOIOMMU remains.',
    );
    const added = summary.slice(
      summary.indexOf('New in v6:'),
      summary.indexOf('Notes (for information)'),
    );
    expect(added).toContain('- [2/3] CONFIG_VFIO_NOIOMMU=y becomes n on upgrade (x86_64, arm)');
    // The matrix change, in the check's own words (not pinned here).
    expect(added).toContain('- [2/3] VFIO_NOIOMMU ');
    expect(summary).not.toContain('Still there in v6:');
    // The cases whose values v6 changed since v5, the same spec on both (numbers as in v6's tables).
    expect(summary.replace(/\s+/g, ' ')).toContain(
      'Matrix cases whose values differ between v5 and v6 (numbered as in the tables): - vfio-noiommu on x86_64: IOMMUFD_NOIOMMU n -> y (cases 1, 5); VFIO_CDEV_NOIOMMU y -> n (cases 1, 3, 5); VFIO_GROUP_NOIOMMU y -> n (cases 1-4); VFIO_NOIOMMU n -> y (cases 1, 2, 5) - vfio-noiommu on arm: VFIO_CDEV_NOIOMMU y -> n (cases 1, 3, 5); VFIO_GROUP_NOIOMMU y -> n (cases 1-4); VFIO_NOIOMMU n -> y (case 2)',
    );
    const section = summary.slice(
      summary.indexOf('Compared with v5'),
      summary.indexOf('Notes (for information)'),
    );
    for (const line of section.split('\n')) expect(line.length).toBeLessThanOrEqual(72);
    // The comparison comes first, v6's own findings after.
    expect(summary.indexOf('Compared with v5')).toBeLessThan(summary.indexOf('Findings:'));
    expect(subjects).toEqual([
      'Re: [PATCH v6 2/3] vfio: Allow VFIO_NOIOMMU with the device cdev',
      'Re: [PATCH v6 0/3] iommufd: Enable noiommu mode for cdev',
    ]);
  });
});

describe('review of v6 with v5 given as --previous (big tree)', () => {
  it('finds the same: text output says it, and v5 comes from the other mbox', async () => {
    const { messages } = await readMbox(fixture('vfio-noiommu.mbox'), Readable.from([]));
    const raw = readFileSync(fixture('vfio-noiommu.mbox'), 'utf8');
    // Split the fixture at the v6 cover letter: v5 and its reply before, v6 and its replies after.
    const at = raw.indexOf('\nFrom ', raw.indexOf('Message-ID: <grace-v5-cover@example.org>'));
    expect(messages.length).toBe(11);
    const v5 = path.join(dir, 'v5.mbox');
    const v6 = path.join(dir, 'v6.mbox');
    writeFileSync(v5, raw.slice(0, at + 1));
    writeFileSync(v6, raw.slice(at + 1));
    const text = await kreview(
      'review',
      v6,
      '--tree',
      tree,
      '--preset',
      'vfio-noiommu',
      '--previous',
      v5,
    );
    expect(text.stdout).toContain(
      'Compared with v5 <20260302100000.500-0-ada@example.org>, which v6 replies to:',
    );
    expect(text.stdout).toContain(
      'v6 fixes the point raised on v5: no reference to an undefined VFIO_NOIOMMU\nremains.',
    );
    expect(text.stdout).toContain(
      'New in v6:\n- [2/3] CONFIG_VFIO_NOIOMMU=y becomes n on upgrade (x86_64, arm)\n',
    );
    const alone = await kreview('review', v6, '--tree', tree, '--preset', 'vfio-noiommu', '--json');
    expect(JSON.parse(alone.stdout).previous).toBeUndefined();
  }, 600_000);
});

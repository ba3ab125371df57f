import { describe, expect, it } from 'vitest';
import { findingMark, withComparison } from '../../src/analyze/compare-revisions.ts';
import type { Finding } from '../../src/domain/finding.ts';
import type { Review } from '../../src/domain/review.ts';
import { buildReplies } from '../../src/report/replies.ts';
import { reviewJson } from '../../src/report/review-json.ts';
import { repliedFindings, revisionSummaryLines } from '../../src/report/revision-summary.ts';
import { ingestFixture } from '../ingest/helpers.ts';

function finding(
  patch: number,
  check: Finding['check'],
  symbol: string | undefined,
  title: string,
  severity: Finding['severity'] = 'warning',
): Finding {
  return {
    check,
    severity,
    anchor: { patch, file: 'drivers/vfio/Kconfig', line: 60 + patch, side: 'new' },
    title,
    detail: `${title}.`,
    ...(symbol === undefined ? {} : { facts: { symbols: [symbol] } }),
  };
}

async function v6Review(findings: Finding[]): Promise<Review> {
  const { series } = await ingestFixture('vfio-noiommu.mbox');
  const v6 = series.find((s) => s.version === 6);
  if (v6 === undefined) throw new Error('no v6');
  return {
    series: v6,
    base: 'dc6ecc821705b979af93784965687d5e65e43a21',
    baseReason: 'base-commit dc6ecc821705 is in this tree',
    baseName: 'v6.12',
    head: '0123456789ab0123456789ab0123456789ab0123',
    applied: true,
    matrices: [],
    findings,
    notes: [],
    evaluated: {
      patches: [1, 2, 3],
      arches: ['x86_64'],
      checks: ['lost-on-upgrade'],
      reviewable: true,
      summary: undefined,
    },
  };
}

const V5 = [
  finding(
    1,
    'undefined-symbol',
    'VFIO_NOIOMMU',
    'VFIO_NOIOMMU is removed, but 2 references remain',
    'error',
  ),
  finding(1, 'lost-on-upgrade', 'FOO', 'CONFIG_FOO=y becomes n on upgrade (x86_64)'),
  finding(3, 'new-kconfig-warning', 'BAR', 'BAR selects BAZ without its dependencies'),
  finding(2, 'new-symbol', 'QUX', 'New bool QUX', 'info'),
].map(findingMark);

const V6 = [
  finding(1, 'new-kconfig-warning', 'BAR', 'BAR selects BAZ, whose dependencies are unmet'),
  finding(
    2,
    'lost-on-upgrade',
    'VFIO_NOIOMMU',
    'CONFIG_VFIO_NOIOMMU=y becomes n on upgrade (x86_64, arm)',
  ),
];

describe('revisionSummaryLines()', () => {
  it('says what v6 fixed of the points raised on v5, what is still there and what is new', async () => {
    const review = withComparison(
      await v6Review(V6),
      { version: 5, messageId: 'v5@example.org', findings: V5 },
      'reply',
      [{ patch: 1, previousPatch: 3 }],
    );
    expect(revisionSummaryLines(review, 72, { notRepeated: true }).join('\n')).toBe(
      [
        'Compared with v5 <v5@example.org>, which v6 replies to:',
        '',
        'v6 fixes 2 of the 3 points raised on v5: no reference to an undefined',
        'VFIO_NOIOMMU remains; FOO is no longer lost on upgrade.',
        '',
        'Still there in v6:',
        '- [1/3] BAR selects BAZ, whose dependencies are unmet (patch unchanged)',
        '',
        'New in v6:',
        '- [2/3] CONFIG_VFIO_NOIOMMU=y becomes n on upgrade (x86_64, arm)',
        '',
        'Notes (for information): 1 from v5 gone, 0 kept, 0 new in v6.',
        '',
        'Patch 1/3 is unchanged since v5 (same patch-id); what was said about it',
        'there is not repeated.',
      ].join('\n'),
    );
    for (const line of revisionSummaryLines(review).join('\n').split('\n'))
      expect(line.length).toBeLessThanOrEqual(72);
    // Where everything is shown (the text output), the unchanged patch is only said to be so.
    expect(revisionSummaryLines(review).at(-1)).toBe(
      'Patch 1/3 is unchanged since v5 (same patch-id).',
    );
  });

  it.each<[string, { previous: Finding[]; current: Finding[]; want: string }]>([
    [
      'one point, fixed',
      {
        previous: [V6[1] as Finding],
        current: [],
        want: 'v6 fixes the point raised on v5: VFIO_NOIOMMU is no longer lost on upgrade.',
      },
    ],
    [
      'one point, not fixed',
      {
        previous: [V6[1] as Finding],
        current: [V6[1] as Finding],
        want: 'v6 does not fix the point raised on v5.',
      },
    ],
    [
      'all of two',
      {
        previous: V6,
        current: [],
        want: 'v6 fixes all 2 points raised on v5: Kconfig no longer warns about BAR; VFIO_NOIOMMU is no longer lost on upgrade.',
      },
    ],
    [
      'none of two',
      { previous: V6, current: V6, want: 'v6 fixes none of the 2 points raised on v5.' },
    ],
    ['nothing raised', { previous: [], current: V6, want: 'No point was raised on v5.' }],
  ])('the lead sentence: %s', async (_name, { previous, current, want }) => {
    const review = withComparison(
      await v6Review(current),
      { version: 5, messageId: 'v5@x', findings: previous.map(findingMark) },
      'change-id',
    );
    expect(revisionSummaryLines(review)[2]?.replace(/\n/g, ' ')).toBe(want);
  });

  it('lists the matrix cases whose values differ between the revisions, with case ranges', async () => {
    const review = withComparison(
      await v6Review(V6),
      { version: 5, messageId: 'v5@x', findings: V5 },
      'reply',
    );
    const previous = review.previous;
    if (previous === undefined) throw new Error('no comparison');
    const withCases: Review = {
      ...review,
      previous: {
        ...previous,
        matrices: [
          {
            spec: 'vfio-noiommu',
            arch: 'arm',
            changes: [
              { symbol: 'VFIO_NOIOMMU', previous: 'n', current: 'y', cases: [1, 2, 3, 5] },
              { symbol: 'VFIO_GROUP_NOIOMMU', previous: 'y', current: 'n', cases: [4, 6] },
            ],
          },
        ],
      },
    };
    const text = revisionSummaryLines(withCases).join('\n');
    expect(text).toContain(
      [
        'Matrix cases whose values differ between v5 and v6 (numbered as in the',
        'tables):',
        '- vfio-noiommu on arm: VFIO_NOIOMMU n -> y (cases 1-3, 5);',
        '  VFIO_GROUP_NOIOMMU y -> n (cases 4, 6)',
      ].join('\n'),
    );
    expect(revisionSummaryLines(review).join('\n')).not.toContain('Matrix cases');
  });

  it('is empty without a comparison', async () => {
    expect(revisionSummaryLines(await v6Review(V6))).toEqual([]);
  });
});

describe('replies of a compared review', () => {
  it('leave out what is still there on an unchanged patch unless repeatStillThere, and sum it up', async () => {
    const review = withComparison(
      await v6Review(V6),
      { version: 5, messageId: 'v5@example.org', findings: V5 },
      'reply',
      [{ patch: 1, previousPatch: 3 }],
    );
    expect(repliedFindings(review, 1).map((f) => f.title)).toEqual([]);
    expect(repliedFindings(review, 1, true).map((f) => f.title)).toEqual([
      'BAR selects BAZ, whose dependencies are unmet',
    ]);
    expect(repliedFindings(review, 2).map((f) => f.check)).toEqual(['lost-on-upgrade']);
    const options = {
      from: { name: 'Bot', address: 'bot@example.org' },
      now: new Date('2026-03-12T10:00:00Z'),
      reproduce: ['kreview review x'],
    };
    const subjects = (r: Review, repeat: boolean) =>
      buildReplies(r, { ...options, repeatStillThere: repeat }).map((m) => m.subject);
    expect(subjects(review, false)).toEqual([
      'Re: [PATCH v6 2/3] vfio: Allow VFIO_NOIOMMU with the device cdev',
      'Re: [PATCH v6 0/3] iommufd: Enable noiommu mode for cdev',
    ]);
    expect(subjects(review, true)).toEqual([
      'Re: [PATCH v6 1/3] iommufd: Add IOMMUFD_NOIOMMU',
      'Re: [PATCH v6 2/3] vfio: Allow VFIO_NOIOMMU with the device cdev',
      'Re: [PATCH v6 0/3] iommufd: Enable noiommu mode for cdev',
    ]);
    const summary = buildReplies(review, options).at(-1)?.body ?? '';
    expect(summary).toContain(
      'v6 fixes 2 of the 3 points raised on v5: no reference to an undefined\nVFIO_NOIOMMU remains;',
    );
    // The comparison comes before the findings of v6.
    expect(summary.indexOf('Compared with v5')).toBeLessThan(summary.indexOf('Findings:'));
    // The summary's list of findings leaves it out too: "Still there" names it once.
    const listed = (body: string) => body.slice(body.indexOf('Findings:')).replace(/\s+/g, ' ');
    expect(listed(summary)).toContain('- [2/3] drivers/vfio/Kconfig:62: CONFIG_VFIO_NOIOMMU=y');
    expect(listed(summary)).not.toContain('BAR selects BAZ');
    expect(summary).toContain(
      '- [1/3] BAR selects BAZ, whose dependencies are unmet (patch unchanged)',
    );
    expect(summary).toContain('what was said about it\nthere is not repeated.');
    const repeated =
      buildReplies(review, { ...options, repeatStillThere: true }).at(-1)?.body ?? '';
    expect(listed(repeated)).toContain('- [1/3] drivers/vfio/Kconfig:61: BAR selects BAZ');
    expect(repeated).not.toContain('not repeated');
  });

  it('JSON: previous carries the older revision and every finding with its status', async () => {
    const review = withComparison(
      await v6Review(V6),
      { version: 5, messageId: 'v5@example.org', findings: V5 },
      'reply',
    );
    const json = JSON.parse(reviewJson(review));
    expect(json.previous.version).toBe(5);
    expect(json.previous.messageId).toBe('v5@example.org');
    expect(
      json.previous.findings.map((f: { status: string; revision: number; check: string }) => [
        f.status,
        f.revision,
        f.check,
      ]),
    ).toEqual([
      ['still-there', 6, 'new-kconfig-warning'],
      ['new', 6, 'lost-on-upgrade'],
      ['fixed', 5, 'undefined-symbol'],
      ['fixed', 5, 'lost-on-upgrade'],
      ['fixed', 5, 'new-symbol'],
    ]);
    expect(JSON.parse(reviewJson(await v6Review(V6))).previous).toBeUndefined();
  });
});

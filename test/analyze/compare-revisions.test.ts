import { describe, expect, it } from 'vitest';
import { compareRevisions, findingMark, markKey } from '../../src/analyze/compare-revisions.ts';
import type { Finding } from '../../src/domain/finding.ts';
import type { FindingMark } from '../../src/domain/revision.ts';

function mark(partial: Partial<FindingMark> & Pick<FindingMark, 'check' | 'title'>): FindingMark {
  return { symbol: undefined, file: undefined, severity: 'warning', patch: 1, ...partial };
}

// The findings kreview makes on the VFIO fixture's v5 and v6 (titles as the checks write them).
const V5: FindingMark[] = [
  mark({
    check: 'new-symbol',
    symbol: 'VFIO_GROUP_NOIOMMU',
    severity: 'info',
    title: 'New bool VFIO_GROUP_NOIOMMU: y in allmodconfig (x86_64, arm)',
  }),
  mark({
    check: 'undefined-symbol',
    symbol: 'VFIO_NOIOMMU',
    file: 'drivers/iommu/iommufd/vfio_compat.c',
    severity: 'error',
    title:
      'VFIO_NOIOMMU is removed, but 2 references remain, and CONFIG_VFIO_NOIOMMU is dropped on upgrade',
  }),
  mark({
    check: 'guard-combinations',
    severity: 'info',
    patch: 3,
    title: 'Reachable combinations of VFIO_GROUP_NOIOMMU, VFIO_CDEV_NOIOMMU',
  }),
  mark({
    check: 'guard-combinations',
    severity: 'info',
    patch: 3,
    title: 'Reachable combinations of VFIO_GROUP_NOIOMMU, VFIO_CDEV_NOIOMMU',
  }),
];
const V6: FindingMark[] = [
  mark({
    check: 'new-symbol',
    symbol: 'IOMMUFD_NOIOMMU',
    severity: 'info',
    title: 'New bool IOMMUFD_NOIOMMU: y in allmodconfig (x86_64)',
  }),
  mark({
    check: 'lost-on-upgrade',
    symbol: 'VFIO_NOIOMMU',
    patch: 2,
    title: 'CONFIG_VFIO_NOIOMMU=y becomes n on upgrade (x86_64, arm)',
  }),
  mark({
    check: 'guard-combinations',
    severity: 'info',
    patch: 3,
    title: 'Reachable combinations of VFIO_GROUP_NOIOMMU, VFIO_CDEV_NOIOMMU',
  }),
];

function statuses(
  previous: FindingMark[],
  current: FindingMark[],
  unchanged: { patch: number; previousPatch: number }[] = [],
) {
  const c = compareRevisions(
    { version: 5, messageId: 'v5@x', findings: previous },
    { version: 6, messageId: 'v6@x', findings: current },
    { linkedBy: 'reply', unchangedPatches: unchanged },
  );
  return c.findings.map((f) => [
    f.status,
    f.mark.check,
    f.mark.symbol ?? f.mark.title,
    f.unchangedPatch,
  ]);
}

describe('compareRevisions()', () => {
  it("the VFIO fixture: v5's removed-symbol error is fixed, the new lost-on-upgrade is new, one guard stays", () => {
    expect(statuses(V5, V6)).toEqual([
      ['new', 'new-symbol', 'IOMMUFD_NOIOMMU', false],
      ['new', 'lost-on-upgrade', 'VFIO_NOIOMMU', false],
      [
        'still-there',
        'guard-combinations',
        'Reachable combinations of VFIO_GROUP_NOIOMMU, VFIO_CDEV_NOIOMMU',
        false,
      ],
      ['fixed', 'new-symbol', 'VFIO_GROUP_NOIOMMU', false],
      ['fixed', 'undefined-symbol', 'VFIO_NOIOMMU', false],
      [
        'fixed',
        'guard-combinations',
        'Reachable combinations of VFIO_GROUP_NOIOMMU, VFIO_CDEV_NOIOMMU',
        false,
      ],
    ]);
  });

  it.each<[string, { previous: FindingMark[]; current: FindingMark[]; want: string[] }]>([
    [
      'matches by check and symbol although the wording, patch and severity changed',
      {
        previous: [
          mark({
            check: 'lost-on-upgrade',
            symbol: 'FOO',
            patch: 1,
            title: 'CONFIG_FOO=y becomes n on upgrade (x86_64)',
          }),
        ],
        current: [
          mark({
            check: 'lost-on-upgrade',
            symbol: 'FOO',
            patch: 3,
            severity: 'error',
            title: 'CONFIG_FOO=m becomes n on upgrade (arm)',
          }),
        ],
        want: ['still-there'],
      },
    ],
    [
      'the same symbol under another check is a new finding, the old one fixed',
      {
        previous: [mark({ check: 'undefined-symbol', symbol: 'FOO', title: 'a' })],
        current: [mark({ check: 'lost-on-upgrade', symbol: 'FOO', title: 'a' })],
        want: ['new', 'fixed'],
      },
    ],
    [
      'references to the same symbol from another file are another finding',
      {
        previous: [mark({ check: 'undefined-symbol', symbol: 'FOO', file: 'a.c', title: 't' })],
        current: [mark({ check: 'undefined-symbol', symbol: 'FOO', file: 'b.c', title: 't' })],
        want: ['new', 'fixed'],
      },
    ],
    [
      'without a symbol the title decides',
      {
        previous: [mark({ check: 'series-incomplete', title: 'Patch 2/3 is missing' })],
        current: [mark({ check: 'series-incomplete', title: 'Patch 3/3 is missing' })],
        want: ['new', 'fixed'],
      },
    ],
    ['nothing on either revision compares to nothing', { previous: [], current: [], want: [] }],
  ])('%s', (_name, { previous, current, want }) => {
    expect(statuses(previous, current).map((s) => s[0])).toEqual(want);
  });

  it('marks the findings of patches whose patch-id did not change', () => {
    const previous = [mark({ check: 'new-symbol', symbol: 'FOO', patch: 1, title: 'New FOO' })];
    const current = [
      mark({ check: 'new-symbol', symbol: 'FOO', patch: 2, title: 'New FOO' }),
      mark({ check: 'new-symbol', symbol: 'BAR', patch: 1, title: 'New BAR' }),
    ];
    expect(statuses(previous, current, [{ patch: 2, previousPatch: 1 }])).toEqual([
      ['still-there', 'new-symbol', 'FOO', true],
      ['new', 'new-symbol', 'BAR', false],
    ]);
  });
});

describe('findingMark()', () => {
  it('keeps the check, the first symbol, the first reference file (sorted), title, severity and patch', () => {
    const finding: Finding = {
      check: 'undefined-symbol',
      severity: 'error',
      anchor: { patch: 2, file: 'drivers/vfio/Kconfig', line: 63, side: 'old' },
      title: 'FOO is removed, but 2 references remain',
      detail: '…',
      facts: {
        symbols: ['FOO', 'BAR'],
        references: [
          { file: 'z.c', line: 1, text: 'CONFIG_FOO' },
          { file: 'a.c', line: 9, text: 'CONFIG_FOO' },
        ],
      },
    };
    const got = findingMark(finding);
    expect(got).toEqual({
      check: 'undefined-symbol',
      symbol: 'FOO',
      file: 'a.c',
      title: 'FOO is removed, but 2 references remain',
      severity: 'error',
      patch: 2,
    });
    expect(markKey(got)).toBe(markKey({ ...got, title: 'other words', patch: 1 }));
  });
});

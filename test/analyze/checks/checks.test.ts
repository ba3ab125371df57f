import { describe, expect, it } from 'vitest';
import { commandMacros } from '../../../src/analyze/checks/command-macros.ts';
import { guardCombinations } from '../../../src/analyze/checks/guard-combinations.ts';
import { lostValues } from '../../../src/analyze/checks/lost-on-upgrade.ts';
import { matrixChanges } from '../../../src/analyze/checks/matrix-changes.ts';
import { selectors } from '../../../src/analyze/checks/new-warnings.ts';
import { configDrift, targetDrift } from '../../../src/analyze/checks/target-drift.ts';
import {
  kconfigReferences,
  leftBehind,
  undefinedInChanges,
  withoutMacros,
} from '../../../src/analyze/checks/undefined-symbols.ts';
import { touchedSymbols } from '../../../src/analyze/matrix/touched-symbols.ts';
import type { MatrixRun, MatrixSpec } from '../../../src/domain/matrix.ts';
import { file, hunk, patchOf } from '../../helpers/diff-builders.ts';

const renamePatch = patchOf(1, [
  file('drivers/vfio/Kconfig', [
    hunk(60, 60, 'endif', [
      ' ',
      '-config VFIO_NOIOMMU',
      '+config VFIO_GROUP_NOIOMMU',
      ' \tbool "VFIO No-IOMMU support"',
      '-\tdepends on VFIO_GROUP',
      '+\tdepends on VFIO_GROUP && VFIO_CONTAINR',
      '+\tselect IOMMUFD_NOIOMMU if VFIO_DEVICE_CDEV',
      '+\tdefault $(shell,echo y)',
    ]),
  ]),
  file('drivers/vfio/vfio.h', [
    hunk(9, 9, '', [
      '-#if IS_ENABLED(CONFIG_VFIO_NOIOMMU)',
      '+#if IS_ENABLED(CONFIG_VFIO_GROUP_NOIOMMU) || IS_ENABLED(CONFIG_VFIO_CDEV_NOIOMMU)',
    ]),
  ]),
]);
const sites = touchedSymbols([renamePatch]);
const defined = new Set([
  'VFIO_GROUP',
  'VFIO_GROUP_NOIOMMU',
  'VFIO_DEVICE_CDEV',
  'IOMMUFD_NOIOMMU',
]);

const spec: MatrixSpec = {
  name: 'demo',
  arches: ['x86_64'],
  base: { target: 'defconfig', defconfigs: {}, settings: {} },
  axes: [{ name: 'GROUP', symbols: ['VFIO_GROUP'] }],
  requests: ['VFIO_GROUP_NOIOMMU'],
  observe: ['VFIO_GROUP_NOIOMMU', 'VFIO_CDEV_NOIOMMU'],
  notes: [],
};
const run = (values: [string, string, string][]): MatrixRun => ({
  arch: 'x86_64',
  cells: values.map(([group, noiommu, cdev]) => ({
    inputs: { GROUP: group as 'y' | 'n' },
    values: {
      VFIO_GROUP: group as 'y' | 'n',
      VFIO_GROUP_NOIOMMU: noiommu as 'y' | 'n',
      VFIO_CDEV_NOIOMMU: cdev as 'y' | 'n',
    },
  })),
});

describe('lostValues()', () => {
  it('reports user y/m values that change or whose symbol vanished, not n or strings', () => {
    const old =
      'CONFIG_A=y\nCONFIG_B=m\nCONFIG_C=y\n# CONFIG_D is not set\nCONFIG_S="x"\nCONFIG_GONE=y\n';
    const now = 'CONFIG_A=y\nCONFIG_B=y\n# CONFIG_C is not set\nCONFIG_D=y\nCONFIG_S="y"\n';
    const lost = lostValues(old, now, (s) => s !== 'GONE');
    expect(lost).toEqual([
      { symbol: 'B', from: 'm', to: 'y' },
      { symbol: 'C', from: 'y', to: 'n' },
      { symbol: 'GONE', from: 'y', to: undefined },
    ]);
  });
});

describe('selectors()', () => {
  it('reads the symbols an unmet-dependency warning says select it', () => {
    const text =
      'WARNING: unmet direct dependencies detected for C\n  Depends on [n]: D [=n]\n  Selected by [y]:\n  - E [=y]\n  Selected by [m]:\n  - F [=m] && G [=y]';
    expect(selectors({ kind: 'unmet-dependency', symbol: 'C', text })).toEqual(['E', 'F']);
  });
});

describe('configDrift()', () => {
  it('lists symbols whose line changed, appeared or vanished', () => {
    const drift = configDrift(
      'CONFIG_A=y\n# CONFIG_B is not set\nCONFIG_C=m\n',
      'CONFIG_A=y\nCONFIG_B=y\nCONFIG_D=1\n',
    );
    expect(drift.map((d) => `${d.symbol}:${d.before}->${d.after}`)).toEqual([
      'B:n->y',
      'C:m->undefined',
      'D:undefined->1',
    ]);
    expect(targetDrift('x86_64 allnoconfig', drift, sites)[0]?.title).toBe(
      'x86_64 allnoconfig: B n -> y, C m -> n, D n -> 1',
    );
    // A symbol that only gains or loses its "is not set" line has not changed value.
    expect(configDrift('# CONFIG_B is not set\n', '')).toEqual([]);
    expect(targetDrift('x86_64 allnoconfig', [], sites)).toEqual([]);
  });

  it('carries the .config diff in its facts, made only for a target that drifted', () => {
    let made = 0;
    const diff = () => {
      made += 1;
      return '--- a/x86_64 defconfig\n+++ b/x86_64 defconfig\n@@ -1 +1 @@\n-A\n+B\n';
    };
    const where = { arch: 'x86_64', config: 'defconfig' };
    expect(targetDrift('x86_64 defconfig', [], sites, where, diff)).toEqual([]);
    expect(made).toBe(0);
    const drift = configDrift('# CONFIG_B is not set\n', 'CONFIG_B=y\n');
    const [finding] = targetDrift('x86_64 defconfig', drift, sites, where, diff);
    expect(made).toBe(1);
    expect(finding?.facts?.configDiff).toBe(diff());
  });
});

describe('withoutMacros()', () => {
  it('drops macro calls whole, nested parentheses included', () => {
    expect(withoutMacros('FOO && $(as-instr64,wrussq %rax$(comma)(%rbx)) && BAR')).toBe(
      'FOO &&   && BAR',
    );
  });
});

describe('undefined symbols', () => {
  it('finds a typo in an added dependency and ignores defined and _MODULE forms', () => {
    const refs = kconfigReferences([renamePatch]);
    expect(refs.map((r) => r.symbol)).toEqual([
      'VFIO_GROUP',
      'VFIO_CONTAINR',
      'IOMMUFD_NOIOMMU',
      'VFIO_DEVICE_CDEV',
    ]);
    const findings = undefinedInChanges([...refs, ...sites], (s) => defined.has(s));
    expect(findings.map((f) => `${f.anchor.file}:${f.anchor.line} ${f.title}`)).toEqual([
      'drivers/vfio/Kconfig:63 VFIO_CONTAINR is not defined by any Kconfig after the series',
      'drivers/vfio/vfio.h:9 VFIO_CDEV_NOIOMMU is not defined by any Kconfig after the series',
    ]);
  });

  it('lists the references a removal leaves behind', () => {
    const removed = sites.filter((s) => s.symbol === 'VFIO_NOIOMMU');
    const refs = new Map([
      [
        'VFIO_NOIOMMU',
        [{ file: 'drivers/vfio/group.c', line: 12, text: '#ifdef CONFIG_VFIO_NOIOMMU' }],
      ],
    ]);
    const [finding] = leftBehind(removed, refs);
    expect(finding?.title).toBe('VFIO_NOIOMMU is no longer defined, but 1 reference remains');
    expect(finding?.detail).toContain('drivers/vfio/group.c:12: #ifdef CONFIG_VFIO_NOIOMMU');
    expect(finding?.severity).toBe('error');
  });

  it('does not count help text, and says stale defconfig lines and documents as a warning', () => {
    const removed = sites.filter((s) => s.symbol === 'VFIO_NOIOMMU');
    const ref = (file: string, text: string) => ({ file, line: 1, text });
    const refs = new Map([
      [
        'VFIO_NOIOMMU',
        [
          ref('drivers/vfio/Kconfig', '\t  This used to be VFIO_NOIOMMU.'),
          ref('arch/arm64/configs/defconfig', 'CONFIG_VFIO_NOIOMMU=y'),
          ref('Documentation/driver-api/vfio.rst', 'Enable CONFIG_VFIO_NOIOMMU for it.'),
        ],
      ],
    ]);
    const [finding] = leftBehind(removed, refs);
    expect(finding?.title).toBe('VFIO_NOIOMMU is no longer defined, but 2 references remain');
    expect(finding?.severity).toBe('warning');
    const onlyHelp = new Map([['VFIO_NOIOMMU', [ref('drivers/vfio/Kconfig', '\t  VFIO_NOIOMMU')]]]);
    expect(leftBehind(removed, onlyHelp)).toEqual([]);
  });
});

describe('matrix checks', () => {
  const before = run([
    ['y', 'y', 'n'],
    ['n', 'n', 'n'],
  ]);
  const after = run([
    ['y', 'y', 'n'],
    ['n', 'n', 'y'],
  ]);

  it('matrixChanges() names the changed cells of every matrix in one finding per symbol', () => {
    const arm = { ...after, arch: 'arm' };
    const armBefore = { ...before, arch: 'arm' };
    const [finding, ...rest] = matrixChanges(
      [
        { spec, arch: 'x86_64', before, after },
        { spec, arch: 'arm', before: armBefore, after: arm },
      ],
      sites,
    );
    expect(rest).toEqual([]);
    // Said as what happens and when: GROUP=n is where it changes, GROUP=y where it does not.
    expect(finding?.title).toBe('VFIO_CDEV_NOIOMMU is now enabled when VFIO_GROUP=n (x86_64, arm)');
    expect(finding?.detail).toContain('demo on x86_64:\n  case 2: n -> y with GROUP=n');
    expect(finding?.detail).toContain('demo on arm:\n  case 2: n -> y with GROUP=n');
    expect(finding?.facts?.observations?.map((o) => `${o.arch}:${o.case}`)).toEqual([
      'x86_64:2',
      'arm:2',
    ]);
  });

  it('matrixChanges() says "in every case" rather than conditions that cover everything', () => {
    const all = run([
      ['y', 'y', 'y'],
      ['n', 'n', 'y'],
    ]);
    const [finding] = matrixChanges([{ spec, arch: 'x86_64', before, after: all }], sites);
    expect(finding?.title).toBe('VFIO_CDEV_NOIOMMU is now enabled in every case (x86_64)');
  });

  it('matrixChanges() ignores cases that cannot be reached on either side', () => {
    const unreachable = {
      ...after,
      cells: after.cells.map((c) => ({ ...c, unreachable: 'GROUP cannot be n here' })),
    };
    expect(matrixChanges([{ spec, arch: 'x86_64', before, after: unreachable }], sites)).toEqual(
      [],
    );
  });

  it('guardCombinations() tabulates the reachable combinations and the missing ones', () => {
    const [finding] = guardCombinations(sites, [after]);
    expect(finding?.anchor).toEqual({
      patch: 1,
      file: 'drivers/vfio/vfio.h',
      line: 9,
      side: 'new',
    });
    expect(finding?.detail).toContain('Not reached by any evaluated configuration (y/n): y/y, n/n');
    expect(finding?.detail).toMatch(/n\s+y\s+true\n/);
  });
});

describe('commandMacros()', () => {
  it('flags an added $(shell,…) line and lists the commands left unanswered', () => {
    const [finding] = commandMacros([renamePatch], ['echo y']);
    expect(finding?.anchor.line).toBe(65);
    expect(finding?.detail).toContain('  echo y');
  });
});

import { describe, expect, it } from 'vitest';
import { touchedSymbols } from '../../../src/analyze/matrix/touched-symbols.ts';
import type { FilePatch, Hunk, HunkLine } from '../../../src/domain/patch.ts';
import type { Patch } from '../../../src/domain/series.ts';

// Builds a hunk from unified-diff body lines (' ', '+', '-' prefixes), numbering both sides.
function hunk(oldStart: number, newStart: number, section: string, body: string[]): Hunk {
  let oldLine = oldStart;
  let newLine = newStart;
  const lines: HunkLine[] = body.map((raw) => {
    const text = raw.slice(1);
    if (raw.startsWith('+')) return { kind: 'add', text, oldLine: undefined, newLine: newLine++ };
    if (raw.startsWith('-')) return { kind: 'del', text, oldLine: oldLine++, newLine: undefined };
    return { kind: 'context', text, oldLine: oldLine++, newLine: newLine++ };
  });
  const count = (k: string) => lines.filter((l) => l.kind === k || l.kind === 'context').length;
  return { oldStart, newStart, oldLines: count('del'), newLines: count('add'), section, lines };
}

function file(path: string, hunks: Hunk[]): FilePatch {
  return {
    oldPath: path,
    newPath: path,
    change: 'modified',
    oldMode: undefined,
    newMode: undefined,
    oldBlob: undefined,
    newBlob: undefined,
    binary: false,
    hunks,
  };
}

function patch(index: number, files: FilePatch[]): Patch {
  return { index, files } as unknown as Patch;
}

describe('touchedSymbols()', () => {
  it('names the Kconfig entry a changed dependency line belongs to, on each side', () => {
    const kconfig = file('drivers/vfio/Kconfig', [
      hunk(57, 57, 'config VFIO_IOMMU_SPAPR_TCE', [
        ' ',
        '-config VFIO_NOIOMMU',
        '+config VFIO_GROUP_NOIOMMU',
        ' \tbool "VFIO No-IOMMU support"',
        '-\tdepends on VFIO_GROUP',
        '+\tdepends on VFIO_GROUP && VFIO_CONTAINER',
        ' \thelp',
      ]),
    ]);
    const sites = touchedSymbols([patch(2, [kconfig])]);
    expect(sites.map((s) => [s.symbol, s.side, s.line])).toEqual([
      ['VFIO_NOIOMMU', 'old', 58],
      ['VFIO_GROUP_NOIOMMU', 'new', 58],
      ['VFIO_NOIOMMU', 'old', 60],
      ['VFIO_GROUP_NOIOMMU', 'new', 60],
    ]);
    expect(new Set(sites.map((s) => s.role))).toEqual(new Set(['defines']));
  });

  it('uses the hunk section when the entry header is above the hunk', () => {
    const kconfig = file('arch/x86/Kconfig', [
      hunk(10, 10, 'config FOO', [' \tbool "foo"', '+\tselect BAR', ' \thelp']),
    ]);
    expect(touchedSymbols([patch(1, [kconfig])]).map((s) => s.symbol)).toEqual(['FOO']);
  });

  it('stops attributing lines after an unindented non-entry line such as endif', () => {
    const kconfig = file('drivers/Kconfig', [
      hunk(1, 1, 'config FOO', [' \tdefault y', ' endif', '+source "drivers/bar/Kconfig"']),
    ]);
    expect(touchedSymbols([patch(1, [kconfig])])).toEqual([]);
  });

  it('reads guards in C files and every CONFIG_ use in Makefiles, but not plain C code', () => {
    const c = file('drivers/vfio/vfio_main.c', [
      hunk(5, 5, '', [
        '-#ifdef CONFIG_VFIO_NOIOMMU',
        '+#if IS_ENABLED(CONFIG_VFIO_GROUP_NOIOMMU) || IS_ENABLED(CONFIG_VFIO_CDEV_NOIOMMU)',
        '+\tpr_info("CONFIG_NOT_A_GUARD");',
        ' #endif',
      ]),
    ]);
    const make = file('drivers/vfio/Makefile', [
      hunk(3, 3, '', [
        '-vfio-$(CONFIG_VFIO_NOIOMMU) += noiommu.o',
        '+vfio-$(CONFIG_VFIO_GROUP_NOIOMMU) += noiommu.o',
      ]),
    ]);
    const sites = touchedSymbols([patch(3, [c, make])]);
    expect(sites.map((s) => `${s.file}:${s.line}:${s.symbol}`)).toEqual([
      'drivers/vfio/vfio_main.c:5:VFIO_NOIOMMU',
      'drivers/vfio/vfio_main.c:5:VFIO_GROUP_NOIOMMU',
      'drivers/vfio/vfio_main.c:5:VFIO_CDEV_NOIOMMU',
      'drivers/vfio/Makefile:3:VFIO_NOIOMMU',
      'drivers/vfio/Makefile:3:VFIO_GROUP_NOIOMMU',
    ]);
    expect(sites.every((s) => s.role === 'tests')).toBe(true);
  });
});

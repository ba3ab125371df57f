import { describe, expect, it } from 'vitest';
import { touchedSymbols } from '../../../src/analyze/matrix/touched-symbols.ts';
import { file, hunk, patchOf as patch } from '../../helpers/diff-builders.ts';

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

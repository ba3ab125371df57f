// quotePatch() on a hunk where the finding sits below a long entry: the `config` line that names
// the symbol is kept above the cut, and quoted blocks after reply text start without "> [...]".
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/domain/finding.ts';
import type { Patch } from '../../src/domain/series.ts';
import { quotePatch } from '../../src/report/quote.ts';
import { file, hunk, patchOf } from '../helpers/diff-builders.ts';

const finding = (path: string, line: number, title: string): Finding => ({
  check: 'matrix-cell-changed',
  severity: 'warning',
  anchor: { patch: 2, file: path, line, side: 'new' },
  title,
  detail: 'Detail.',
});

const patch: Patch = {
  ...patchOf(2, [
    file('drivers/vfio/Kconfig', [
      hunk(60, 60, 'endif', [
        ' config VFIO_NOIOMMU',
        ' \tbool "VFIO No-IOMMU support"',
        '-\tdepends on VFIO_GROUP',
        '+\tdepends on VFIO_GROUP || VFIO_DEVICE_CDEV',
        '+\tdepends on !VFIO_GROUP || VFIO_CONTAINER',
        '+\tdepends on !GENERIC_ATOMIC64',
        '+\tselect IOMMUFD_NOIOMMU if VFIO_DEVICE_CDEV',
        ' \thelp',
      ]),
    ]),
    file('drivers/vfio/vfio.h', [hunk(36, 36, '', [' #include "x.h"', '-#ifdef A', '+#if B'])]),
  ]),
  commitMessage: 'vfio: x\n',
};

describe('quotePatch()', () => {
  it('keeps the config line above a cut, and opens the next file after a blank line', () => {
    expect(
      quotePatch(patch, [
        finding('drivers/vfio/Kconfig', 65, 'VFIO_NOIOMMU changes'),
        finding('drivers/vfio/vfio.h', 37, 'Reachable combinations'),
      ]),
    ).toEqual([
      '> diff --git a/drivers/vfio/Kconfig b/drivers/vfio/Kconfig',
      '> @@ -60,4 +60,7 @@ endif',
      '>  config VFIO_NOIOMMU',
      '> [...]',
      '> +\tdepends on VFIO_GROUP || VFIO_DEVICE_CDEV',
      '> +\tdepends on !VFIO_GROUP || VFIO_CONTAINER',
      '> +\tdepends on !GENERIC_ATOMIC64',
      '> +\tselect IOMMUFD_NOIOMMU if VFIO_DEVICE_CDEV',
      '',
      'VFIO_NOIOMMU changes.',
      '',
      'Detail.',
      '',
      '> diff --git a/drivers/vfio/vfio.h b/drivers/vfio/vfio.h',
      '> @@ -36,2 +36,2 @@',
      '>  #include "x.h"',
      '> -#ifdef A',
      '> +#if B',
      '',
      'Reachable combinations.',
      '',
      'Detail.',
    ]);
  });
});

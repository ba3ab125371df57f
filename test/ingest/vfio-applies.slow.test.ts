// The VFIO fixture's diffs are real diffs against the Debian 6.12 tree: each revision, read from
// the mbox, applies patch by patch with git apply (in a temporary index of a shared clone, so the
// cached tree is never written to).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { kernelSetup } from '../../tools/oracle/kernel-setup.ts';
import { fixture, ingestFixture, repoRoot } from './helpers.ts';

let clone: string;

beforeAll(async () => {
  const { tree } = await kernelSetup(repoRoot);
  clone = path.join(mkdtempSync(path.join(tmpdir(), 'kreview-vfio-')), 'linux');
  execFileSync('git', ['clone', '-q', '--shared', '--no-checkout', tree, clone]);
});

function git(args: string[], index: string): string {
  return execFileSync('git', args, {
    cwd: clone,
    env: { ...process.env, GIT_INDEX_FILE: index },
    encoding: 'utf8',
  });
}

describe('fixtures/mbox/vfio-noiommu.mbox against linux 6.12', () => {
  it.each([[6], [5]])(
    'v%i applies patch by patch on its base-commit',
    async (version) => {
      const { series } = await ingestFixture('vfio-noiommu.mbox');
      const revision = series.find((s) => s.version === version);
      if (revision?.baseCommit === undefined)
        throw new Error(`no v${version} with a base-commit in ${fixture('vfio-noiommu.mbox')}`);
      expect(git(['rev-parse', 'v6.12^{commit}'], '/dev/null').trim()).toBe(revision.baseCommit);
      const dir = mkdtempSync(path.join(tmpdir(), 'kreview-vfio-index-'));
      const index = path.join(dir, 'index');
      git(['read-tree', revision.baseCommit], index);
      for (const patch of revision.patches) {
        const file = path.join(dir, `${patch.index}.diff`);
        writeFileSync(file, patch.diff);
        git(['apply', '--cached', file], index);
      }
      const tree = git(['write-tree'], index).trim();
      const kconfig = git(['show', `${tree}:drivers/vfio/Kconfig`], index);
      if (version === 6) {
        expect(kconfig).toContain(
          [
            'config VFIO_NOIOMMU',
            '\tbool "VFIO No-IOMMU support"',
            '\tdepends on VFIO_GROUP || VFIO_DEVICE_CDEV',
            '\tdepends on !VFIO_GROUP || VFIO_CONTAINER || IOMMUFD_VFIO_CONTAINER',
            '\tdepends on !VFIO_DEVICE_CDEV || !GENERIC_ATOMIC64',
            '\tselect IOMMUFD_NOIOMMU if VFIO_DEVICE_CDEV',
            '',
          ].join('\n'),
        );
      } else {
        expect(kconfig).toContain('config VFIO_GROUP_NOIOMMU\n');
        expect(kconfig).toContain('config VFIO_CDEV_NOIOMMU\n');
        expect(kconfig).not.toContain('config VFIO_NOIOMMU\n');
        // The rename leaves a reference to the old symbol behind, for the undefined-symbol check.
        const left = git(['grep', '-l', 'CONFIG_VFIO_NOIOMMU', tree, '--', 'drivers'], index);
        expect(left).toBe(`${tree}:drivers/iommu/iommufd/vfio_compat.c\n`);
      }
    },
    120_000,
  );
});

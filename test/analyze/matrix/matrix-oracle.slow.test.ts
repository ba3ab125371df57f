// Every matrix cell of the VFIO v5 and v6 reviews, checked against the kernel's own conf (built
// from the trusted base tree) on the same input .config, byte for byte: the before-tree is the
// cached 6.12 tree, the after-tree the Kconfig files of the applied series extracted from git.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatrixOutputs } from '../../../src/analyze/review.ts';
import { kernelSetup } from '../../../tools/oracle/kernel-setup.ts';
import { runBaseConf } from '../../helpers/base-conf.ts';
import { analyzeVfioRevision, extractKconfigTree } from '../../helpers/vfio-review.ts';
import { repoRoot } from '../../ingest/helpers.ts';

const temps: string[] = [];
let tree = '';
let conf = '';

async function extractAfter(commit: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kreview-after-'));
  temps.push(dir);
  extractKconfigTree(tree, commit, dir);
  return dir;
}

beforeAll(async () => {
  ({ tree, conf } = await kernelSetup(repoRoot));
}, 900_000);

afterAll(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

describe.each([6, 5])('matrix cells of the VFIO v%i review against conf', (revision) => {
  let outputs: readonly MatrixOutputs[] = [];
  let after = '';

  beforeAll(async () => {
    const reviewed = await analyzeVfioRevision(tree, revision);
    outputs = reviewed.analysis.outputs;
    after = await extractAfter(reviewed.head);
  }, 600_000);

  it('evaluates the preset and a derived matrix', () => {
    expect(outputs.map((o) => o.spec.name)).toContain('vfio-noiommu');
    expect(outputs.map((o) => o.spec.name)).toContain('derived');
  });

  it("gives conf's .config for every cell, before and after", async () => {
    let checked = 0;
    for (const matrix of outputs) {
      for (const [side, cells, srctree] of [
        ['before', matrix.before, tree],
        ['after', matrix.after, after],
      ] as const) {
        for (const [i, cell] of cells.entries()) {
          const want = await runBaseConf(conf, srctree, matrix.arch, 'olddefconfig', cell.input);
          expect(cell.config, `${matrix.spec.name} ${matrix.arch} ${side} case ${i + 1}`).toBe(
            want.config,
          );
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(20);
  }, 1_800_000);
});

// Every matrix cell of the VFIO v5 and v6 reviews, checked against the kernel's own conf (built
// from the trusted base tree) on the same input .config, byte for byte: the before-tree is the
// cached 6.12 tree, the after-tree the Kconfig files of the applied series extracted from git.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSeries, type MatrixOutputs } from '../../../src/analyze/review.ts';
import { loadPreset } from '../../../src/commands/presets.ts';
import { treePorts } from '../../../src/commands/review-ports.ts';
import { applySeries } from '../../../src/git/apply.ts';
import { gitEnvironment, gitProcessPort } from '../../../src/git/process-port.ts';
import { openRepo } from '../../../src/git/repo.ts';
import { kernelSetup } from '../../../src/oracle/kernel-setup.ts';
import { readMbox } from '../../../src/sources/mbox-file.ts';
import { runBaseConf } from '../../helpers/base-conf.ts';
import { fixture, repoRoot } from '../../ingest/helpers.ts';

const exec = promisify(execFile);
const temps: string[] = [];
let tree = '';
let conf = '';

// The files conf reads: every Kconfig, the scripts its macros run, the arch defconfigs.
async function extractKconfigTree(commit: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kreview-after-'));
  temps.push(dir);
  const paths = [
    "':(glob)**/Kconfig*'",
    'scripts',
    "':(glob)arch/*/tools/**'",
    "':(glob)arch/*/configs/**'",
    'Makefile',
  ];
  await exec('sh', [
    '-c',
    `git -C '${tree}' archive --format=tar ${commit} -- ${paths.join(' ')} | tar -x -C '${dir}'`,
  ]);
  return dir;
}

async function review(
  revision: number,
): Promise<{ outputs: readonly MatrixOutputs[]; base: string; head: string }> {
  const ingested = await readMbox(fixture('vfio-noiommu.mbox'), Readable.from([]));
  const series = ingested.series.find((s) => s.version === revision);
  if (series === undefined) throw new Error(`no v${revision} in the fixture`);
  const env = gitEnvironment(process.env);
  const port = gitProcessPort(tree, env);
  const outcome = await applySeries(port, await openRepo(tree, env), {
    patches: series.patches,
    baseCommit: series.baseCommit,
    base: undefined,
  });
  if (!outcome.ok || !outcome.base.found || outcome.head === undefined)
    throw new Error('the fixture did not apply');
  const base = outcome.base.commit;
  const ports = treePorts(port, base, () => {});
  try {
    const analysis = await analyzeSeries(
      {
        series,
        base,
        head: outcome.head,
        presets: [await loadPreset('vfio-noiommu')],
        derive: true,
      },
      ports,
    );
    return { outputs: analysis.outputs, base, head: outcome.head };
  } finally {
    await ports.close();
  }
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
    const reviewed = await review(revision);
    outputs = reviewed.outputs;
    after = await extractKconfigTree(reviewed.head);
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

// What the oracle test and bench/review share: the VFIO fixture's analysis (applied to the real
// tree, preset and derived matrices), and the Kconfig files of a commit extracted for conf.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { Readable } from 'node:stream';
import { type Analysis, analyzeSeries } from '../../src/analyze/review.ts';
import { cachePaths } from '../../src/commands/cache-paths.ts';
import { loadPreset } from '../../src/commands/presets.ts';
import { treePorts } from '../../src/commands/review-ports.ts';
import { applySeries } from '../../src/git/apply.ts';
import { gitEnvironment, gitProcessPort } from '../../src/git/process-port.ts';
import { openRepo } from '../../src/git/repo.ts';
import { readMbox } from '../../src/sources/mbox-file.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../../fixtures/mbox/vfio-noiommu.mbox');

/** Applies revision N of the VFIO fixture to `tree` and analyses it with the vfio-noiommu preset. */
export async function analyzeVfioRevision(
  tree: string,
  revision: number,
): Promise<{ analysis: Analysis; base: string; head: string }> {
  const { series: all } = await readMbox(FIXTURE, Readable.from([]));
  const series = all.find((s) => s.version === revision);
  if (series === undefined) throw new Error(`no v${revision} in the fixture`);
  const env = gitEnvironment(process.env);
  const port = gitProcessPort(tree, env);
  const outcome = await applySeries(port, await openRepo(tree, env), {
    patches: series.patches,
    baseCommit: series.baseCommit,
    base: undefined,
  });
  if (!outcome.ok || !outcome.base.found || outcome.head === undefined) {
    throw new Error('the fixture did not apply');
  }
  const base = outcome.base.commit;
  const head = outcome.head;
  const ports = treePorts(port, base, () => {}, cachePaths(process.env, process.cwd()).toolchain);
  try {
    const presets = [await loadPreset('vfio-noiommu')];
    const analysis = await analyzeSeries({ series, base, head, presets, derive: true }, ports);
    return { analysis, base, head };
  } finally {
    await ports.close();
  }
}

/**
 * Extracts what conf reads from `commit` of `repo` into `dir`: every Kconfig file, the scripts
 * its macros run, the arch defconfigs and the top Makefile (for the version).
 */
export function extractKconfigTree(repo: string, commit: string, dir: string): void {
  const paths = [
    "':(glob)**/Kconfig*'",
    'scripts',
    "':(glob)arch/*/tools/**'",
    "':(glob)arch/*/configs/**'",
    'Makefile',
  ].join(' ');
  execFileSync('sh', [
    '-c',
    `git -C '${repo}' archive --format=tar ${commit} -- ${paths} | tar -x -C '${dir}'`,
  ]);
}

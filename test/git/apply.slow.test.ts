// The big tier: series made with format-patch on the Debian 6.12 tree, applied to the cached
// tree itself, which must come out with the same HEAD, refs and index (objects are only added).
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySeries } from '../../src/git/apply.ts';
import { gitEnvironment, gitProcessPort } from '../../src/git/process-port.ts';
import { openRepo } from '../../src/git/repo.ts';
import { runGit, seriesOf } from '../helpers/git-repo.ts';
import { commitEdits, kernelSeries, kernelTree, scratchClone } from '../helpers/kernel-series.ts';

// HEAD, every ref and the index file: what apply must never change in the user's tree.
function fingerprint(tree: string): string {
  const git = join(tree, '.git');
  return createHash('sha256')
    .update(readFileSync(join(git, 'HEAD')))
    .update(runGit(tree, ['for-each-ref', '--format=%(refname) %(objectname)']))
    .update(readFileSync(join(git, 'index')))
    .digest('hex');
}

describe('applySeries() on the Debian 6.12 tree', () => {
  let tree: string;
  let scratch: string;
  let base: string;
  let before: string;

  beforeAll(() => {
    tree = kernelTree();
    scratch = scratchClone(tree);
    base = runGit(tree, ['rev-parse', 'v6.12^{commit}']).trim();
    before = fingerprint(tree);
  });
  afterAll(() => {
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  });

  const apply = async (mbox: string, options: { base?: string; inMemory?: boolean } = {}) => {
    const series = await seriesOf(mbox);
    const env = gitEnvironment(process.env);
    return applySeries(gitProcessPort(tree, env), await openRepo(tree, env), {
      patches: series.patches,
      baseCommit: series.baseCommit,
      base: options.base,
      inMemory: options.inMemory,
    });
  };

  it('applies a 5-patch series in memory to the trees format-patch was made from, as git apply does', async () => {
    const { head, mbox } = kernelSeries(scratch, base, 5);
    const memory = await apply(mbox);
    expect(memory.base).toMatchObject({ found: true, commit: base, how: 'base-commit' });
    expect(memory.patches.map((p) => (p.status === 'applied' ? p.via : p.status))).toEqual(
      Array(5).fill('memory'),
    );
    const last = memory.patches[4];
    expect(last?.status === 'applied' && last.tree).toBe(
      runGit(scratch, ['rev-parse', `${head}^{tree}`]).trim(),
    );
    const reference = await apply(mbox, { inMemory: false });
    expect(reference.patches.map((p) => (p.status === 'applied' ? p.via : p.status))).toEqual(
      Array(5).fill('git-apply'),
    );
    expect(reference.head).toBe(memory.head);
    expect(runGit(tree, ['show', `${memory.head}:drivers/vfio/Kconfig`])).toContain(
      'config KREVIEW_TEST_1\n',
    );
    expect(fingerprint(tree)).toBe(before);
  });

  it('reports the file and hunk of a patch made on a context 6.12 does not have', async () => {
    const changed = commitEdits(
      scratch,
      base,
      {
        'init/Kconfig': (old) =>
          (old ?? '').replace('config LOCALVERSION\n', 'config LOCALVERSION_RENAMED\n'),
      },
      'init: rename\n',
    );
    const patched = commitEdits(
      scratch,
      changed,
      {
        'init/Kconfig': (old) =>
          (old ?? '').replace(
            'config LOCALVERSION_RENAMED\n',
            'config LOCALVERSION_RENAMED\n\tdepends on !KREVIEW\n',
          ),
      },
      'init: depend\n',
    );
    const mbox = runGit(scratch, ['format-patch', '--stdout', `${changed}..${patched}`]);
    const outcome = await apply(mbox, { base: 'v6.12' });
    expect(outcome.ok).toBe(false);
    expect(outcome.head).toBe(base);
    expect(outcome.patches[0]).toMatchObject({
      status: 'failed',
      error: { file: 'init/Kconfig', hunk: 1 },
    });
    expect(outcome.patches[0]?.status === 'failed' && outcome.patches[0].error.message).toContain(
      'error: init/Kconfig: patch does not apply',
    );
    expect(fingerprint(tree)).toBe(before);
  });
});

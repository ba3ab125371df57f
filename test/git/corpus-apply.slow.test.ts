// Real 2023 kbuild series applied to 6.12: most of them are in 6.12 already or no longer apply,
// a few still do. Whatever git says, the in-memory path must say the same and make the same
// commits; the cached tree keeps its HEAD, refs and index.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Series } from '../../src/domain/series.ts';
import { applySeries } from '../../src/git/apply.ts';
import { gitEnvironment, gitProcessPort } from '../../src/git/process-port.ts';
import { openRepo } from '../../src/git/repo.ts';
import { readMbox } from '../../src/sources/mbox-file.ts';
import { runGit } from '../helpers/git-repo.ts';
import { kernelTree } from '../helpers/kernel-series.ts';
import { CORPUS, missingShared } from '../helpers/shared-data.ts';

const SERIES = 25;

function fingerprint(tree: string): string {
  return createHash('sha256')
    .update(readFileSync(join(tree, '.git/HEAD')))
    .update(runGit(tree, ['for-each-ref', '--format=%(refname) %(objectname)']))
    .update(readFileSync(join(tree, '.git/index')))
    .digest('hex');
}

const skip = missingShared('the corpus apply tests', CORPUS);

describe.skipIf(skip)('applySeries() on real kbuild mail', () => {
  let tree: string;
  let complete: Series[];
  beforeAll(async () => {
    tree = kernelTree();
    const { series } = await readMbox(CORPUS, process.stdin);
    complete = series
      .filter((s) => s.missing.length === 0 && s.patches.length > 0)
      .slice(0, SERIES);
  });

  it('applySeries() in memory agrees with git apply --cached on the first 25 complete series', async () => {
    const before = fingerprint(tree);
    const env = gitEnvironment(process.env);
    const repo = await openRepo(tree, env);
    const port = gitProcessPort(tree, env);
    const seen = new Set<string>();
    for (const series of complete) {
      const request = { patches: series.patches, baseCommit: undefined, base: 'v6.12' };
      const memory = await applySeries(port, repo, request);
      const reference = await applySeries(port, repo, { ...request, inMemory: false });
      const statuses = (o: typeof memory) => o.patches.map((p) => p.status);
      expect({ subject: series.subject, statuses: statuses(memory), head: memory.head }).toEqual({
        subject: series.subject,
        statuses: statuses(reference),
        head: reference.head,
      });
      for (const p of memory.patches)
        seen.add(p.status === 'applied' ? `applied ${p.via}` : p.status);
    }
    // The sample exercises every kind of outcome, and whatever git applied was applied in memory.
    expect([...seen].sort()).toEqual(['already-applied', 'applied memory', 'failed', 'not-tried']);
    expect(fingerprint(tree)).toBe(before);
  }, 300_000);
});

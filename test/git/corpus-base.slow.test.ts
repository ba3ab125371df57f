// How real 2024 kbuild series went on to the Debian 6.12 tree, as kreview says it: the base is
// named by its tag (v6.12), and "with offsets" or "with a 3-way merge" is said exactly when git
// itself needs them. The reference is git: each applied patch is checked again with
// `git apply --cached --check --verbose` on a temporary index of the commit it was applied on.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kernelSetup } from '../../tools/oracle/kernel-setup.ts';
import { corpusThreads, writeThreads } from '../helpers/corpus-thread.ts';
import { seriesOf } from '../helpers/git-repo.ts';
import { runCli } from '../helpers/run-cli.ts';
import { CORPUS_2024H1 as corpus, missingShared } from '../helpers/shared-data.ts';
import { repoRoot } from '../ingest/helpers.ts';

const skip = missingShared('the 2024 base-naming corpus tests', corpus);

// Threads git am -3 applies (fully or in part) to 6.12 with no --base (see apply-corpus).
const THREADS = [
  '20240312-gcc-plugins-gmp-v1-0-c5e082437b9e@linutronix.de',
  '20240422060556.1226848-1-liuyuntao12@huawei.com',
  '20240422092206.147078-1-sv@linux.ibm.com',
];
let tree = '';
let dir = '';
let mboxes = new Map<string, string>();

interface ApplyJson {
  baseReason: { kind: string; commit: string; tag: string | null; text: string };
  start: string;
  patches: { index: number; applied: boolean; commit: string | null; fit: string | null }[];
}

// What git says of one patch on a commit: 'exact', 'offsets', or 'fails' without a 3-way merge.
function gitFit(commit: string, diff: Buffer | string): string {
  const index = mkdtempSync(join(tmpdir(), 'kreview-ref-index-'));
  try {
    const env = { ...process.env, GIT_INDEX_FILE: join(index, 'index'), LC_ALL: 'C' };
    execFileSync('git', ['-C', tree, 'read-tree', commit], { env });
    const run = spawnSync(
      'git',
      ['-C', tree, 'apply', '--cached', '--check', '--verbose', '--whitespace=nowarn', '-'],
      { env, input: diff, encoding: 'utf8' },
    );
    if (run.status !== 0) return 'fails';
    return /\(offset -?\d+ lines?\)/.test(run.stderr) ? 'offsets' : 'exact';
  } finally {
    rmSync(index, { recursive: true, force: true });
  }
}

describe.skipIf(skip)('the base line on real 2024 kbuild threads (big tree)', () => {
  beforeAll(async () => {
    ({ tree } = await kernelSetup(repoRoot));
    const written = await writeThreads(await corpusThreads(corpus, THREADS));
    dir = written.dir;
    mboxes = written.paths;
  }, 900_000);
  afterAll(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it.each(THREADS)(
    'kreview apply of <%s> names v6.12 and says how each patch went on, as git does',
    async (root) => {
      const path = mboxes.get(root) ?? '';
      const { status, out, err } = await runCli(['apply', path, '--tree', tree, '--json']);
      expect(status, err).toBe(0);
      const json = JSON.parse(out) as ApplyJson;
      expect(json.baseReason).toMatchObject({ kind: 'configured', tag: 'v6.12' });
      const series = await seriesOf(readFileSync(path, 'latin1'));
      let parent = json.start;
      const fits: string[] = [];
      for (const p of json.patches.filter((q) => q.applied)) {
        const diff = series.patches.find((q) => q.index === p.index)?.diff ?? '';
        const reference = gitFit(parent, diff);
        // A patch git cannot apply directly went on with the 3-way merge.
        expect(p.fit, `patch ${p.index}`).toBe(reference === 'fails' ? '3-way' : reference);
        fits.push(p.fit ?? '');
        parent = p.commit ?? parent;
      }
      const needs = [
        ...(fits.includes('offsets') ? ['offsets'] : []),
        ...(fits.includes('3-way') ? ['a 3-way merge'] : []),
      ];
      if (needs.length === 0) expect(json.baseReason.text).not.toContain(' there with ');
      else expect(json.baseReason.text).toMatch(new RegExp(` there with ${needs.join(' and ')}$`));
    },
    120_000,
  );

  it('kreview review names the base "v6.12 (dc6ecc821705)" in its first line', async () => {
    const root = '20240422060556.1226848-1-liuyuntao12@huawei.com';
    const { status, out, err } = await runCli(['review', mboxes.get(root) ?? '', '--tree', tree]);
    expect(status, err).toBe(0);
    expect(out.split('\n')[1]).toMatch(/^Applied to v6\.12 \(dc6ecc821705\): /);
  }, 300_000);
});

// Each rule of the base and apply policy on a small real repository, through `kreview apply
// --json` as a user runs it: base-commit: in the tree, --base, the configured base with exact
// context, offsets or a 3-way merge, a patch that does not apply, and prerequisite-patch-id:
// lines found in the mbox or missing. The base is named by a tag when one points at it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoFactory } from '../helpers/apply-fixtures.ts';
import { applyMbox, formatPatch, type TestRepo } from '../helpers/git-repo.ts';
import { runCli } from '../helpers/run-cli.ts';

const repoWith = repoFactory();
const scratch = mkdtempSync(join(tmpdir(), 'kreview-base-policy-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// 30 numbered lines: hunks with three lines of context either side that git can move.
const LINES = Array.from({ length: 30 }, (_, i) => `line ${i + 1}\n`).join('');
const edit = (text: string, line: number, to: string) => text.replace(`line ${line}\n`, `${to}\n`);

interface ApplyJson {
  base: string | null;
  baseReason: {
    kind: string;
    commit: string | null;
    tag: string | null;
    text: string;
    note: string | null;
  };
  ok: boolean;
  start: string | null;
  head: string | null;
  prerequisites: { id: string; status: string; subject: string | null }[];
  patches: {
    index: number;
    applied: boolean;
    fit: string | null;
    error: { file: string | null; hunk: number | null; message: string } | null;
  }[];
}

let written = 0;
async function kreviewApply(repo: TestRepo, mbox: string, ...args: string[]) {
  const path = join(scratch, `series-${++written}.mbox`);
  writeFileSync(path, mbox);
  const text = await runCli(['apply', path, '--tree', repo.dir, ...args]);
  const json = await runCli(['apply', path, '--tree', repo.dir, '--json', ...args]);
  expect(json.status, json.err).toBe(0);
  return { text: text.out, json: JSON.parse(json.out) as ApplyJson };
}

// A repository at `base` on main (tagged v1.0) and a one-patch series that changes line 15.
function oneChange(): { repo: TestRepo; base: string; mbox: string } {
  const repo = repoWith({ 'lib/Kconfig': LINES });
  const base = repo.git('rev-parse', 'HEAD').trim();
  repo.git('tag', 'v1.0');
  repo.git('checkout', '-q', '-b', 'topic');
  repo.commit('lib: change line 15', { 'lib/Kconfig': edit(LINES, 15, 'changed 15') });
  const mbox = formatPatch(repo, `${base}..topic`, ['--base', base]);
  repo.git('checkout', '-q', 'main');
  return { repo, base, mbox };
}

// The same series as its author sent it, with a base-commit: this tree has never seen.
const unknownBase = (mbox: string) =>
  mbox.replace(/^base-commit: [0-9a-f]+$/m, `base-commit: ${'9f16d5e6'.repeat(5)}`);

describe('the base policy, rule by rule, as kreview apply --json says it', () => {
  it('rule 1: the series base-commit: when the tree has it, named by its tag', async () => {
    const { repo, base, mbox } = oneChange();
    repo.commit('Move on', { 'lib/Kconfig': `new first line\n${LINES}` });
    const { text, json } = await kreviewApply(repo, mbox);
    expect(json.baseReason).toEqual({
      kind: 'base-commit',
      commit: base,
      tag: 'v1.0',
      text: `base-commit ${base} is in this tree`,
      note: null,
    });
    expect(json.patches.map((p) => p.fit)).toEqual(['exact']);
    expect(text).toMatch(`Base: v1.0 (${base}): base-commit ${base} is in this tree\n`);
  });

  it('rule 2: --base when the base-commit: is not in the tree', async () => {
    const { repo, base, mbox } = oneChange();
    const { json } = await kreviewApply(repo, unknownBase(mbox), '--base', 'v1.0');
    expect(json.baseReason).toMatchObject({
      kind: 'option',
      commit: base,
      tag: 'v1.0',
      text: `--base v1.0; base-commit ${'9f16d5e6'.repeat(5)} is not in this tree`,
    });
    expect(json.ok).toBe(true);
  });

  it('rule 3: the configured base (HEAD), exact context: nothing more is said', async () => {
    const { repo, base, mbox } = oneChange();
    const { json } = await kreviewApply(repo, unknownBase(mbox));
    expect(json.baseReason).toMatchObject({
      kind: 'configured',
      commit: base,
      tag: 'v1.0',
      text: `base-commit ${'9f16d5e6'.repeat(5)} is not in this tree; the configured base, and its preimage blob matches`,
      note: null,
    });
    expect(json.patches.map((p) => p.fit)).toEqual(['exact']);
  });

  it('rule 3: the configured base with offsets says "the patch applies there with offsets"', async () => {
    const { repo, mbox } = oneChange();
    const head = repo.commit('Two lines on top', { 'lib/Kconfig': `top 1\ntop 2\n${LINES}` });
    repo.git('tag', 'v1.1');
    const { text, json } = await kreviewApply(repo, unknownBase(mbox));
    expect(json.baseReason).toMatchObject({
      kind: 'configured',
      commit: head,
      tag: 'v1.1',
      text: `base-commit ${'9f16d5e6'.repeat(5)} is not in this tree; the configured base; the patch applies there with offsets`,
    });
    expect(json.baseReason.note).toContain('"lib/Kconfig"');
    expect(json.patches.map((p) => p.fit)).toEqual(['offsets']);
    expect(text.split('\n')[0]).toBe(
      `Base: v1.1 (${head}): base-commit ${'9f16d5e6'.repeat(5)} is not in this tree; the configured base; the patch applies there with offsets`,
    );
  });

  it.each([
    ['git apply --cached', false],
    ['in memory', true],
  ])('rule 3: offsets are told the same with %s', async (_name, inMemory) => {
    const { repo, mbox } = oneChange();
    repo.commit('Two lines on top', { 'lib/Kconfig': `top 1\ntop 2\n${LINES}` });
    const outcome = await applyMbox(repo, unknownBase(mbox), { inMemory });
    expect(outcome.patches[0]).toMatchObject({
      status: 'applied',
      via: inMemory ? 'memory' : 'git-apply',
      fit: 'offsets',
    });
  });

  // HEAD changed line 12, inside the hunk's context (12-14): the context no longer matches, but
  // the preimage blob is in the repository, so git's 3-way merge applies it cleanly.
  it('rule 3: a 3-way merge where the context changed and the preimage blob exists', async () => {
    const { repo, mbox } = oneChange();
    const head = repo.commit('Reword line 12', { 'lib/Kconfig': edit(LINES, 12, 'reworded 12') });
    const { json } = await kreviewApply(repo, unknownBase(mbox));
    expect(json.ok).toBe(true);
    expect(json.patches.map((p) => p.fit)).toEqual(['3-way']);
    expect(json.baseReason.text).toBe(
      `base-commit ${'9f16d5e6'.repeat(5)} is not in this tree; the configured base; the patch applies there with a 3-way merge`,
    );
    const result = repo.git('show', `${json.head}:lib/Kconfig`);
    expect(result).toBe(edit(edit(LINES, 12, 'reworded 12'), 15, 'changed 15'));
    expect(json.base).toBe(head);
  });

  it('rule 3: a patch that really does not apply is named with its file and hunk', async () => {
    const { repo, mbox } = oneChange();
    repo.commit('Change line 15 too', { 'lib/Kconfig': edit(LINES, 15, 'other 15') });
    const { json } = await kreviewApply(repo, unknownBase(mbox));
    expect(json.ok).toBe(false);
    expect(json.patches[0]).toMatchObject({
      applied: false,
      fit: null,
      error: { file: 'lib/Kconfig', hunk: 1 },
    });
    // Nothing applied: no word about offsets.
    expect(json.baseReason.text).not.toContain('applies there');
  });
});

describe('prerequisite-patch-id: looked up among the other patches of the mbox', () => {
  // P (change line 5) is the prerequisite: the series S (change line 6) was made on top of it,
  // so its context needs P. format-patch --base=BASE names P's patch-id in S.
  function withPrerequisite(): { repo: TestRepo; base: string; series: string; prereq: string } {
    const repo = repoWith({ 'lib/Kconfig': LINES });
    const base = repo.git('rev-parse', 'HEAD').trim();
    repo.git('checkout', '-q', '-b', 'topic');
    const p = repo.commit('lib: change line 5', { 'lib/Kconfig': edit(LINES, 5, 'changed 5') });
    repo.commit('lib: change line 6', {
      'lib/Kconfig': edit(edit(LINES, 5, 'changed 5'), 6, 'changed 6'),
    });
    const series = formatPatch(repo, `${p}..topic`, ['--base', base]);
    const prereq = formatPatch(repo, `${base}..${p}`);
    repo.git('checkout', '-q', 'main');
    // The tree has never seen the prerequisite: no blob of it for a 3-way merge to use.
    repo.git('branch', '-q', '-D', 'topic');
    repo.git('reflog', 'expire', '--expire=now', '--all');
    repo.git('gc', '-q', '--prune=now');
    return { repo, base, series, prereq };
  }

  it('a prerequisite in the mbox is applied first, and the outcome names it', async () => {
    const { repo, base, series, prereq } = withPrerequisite();
    const id = /^prerequisite-patch-id: ([0-9a-f]{40})$/m.exec(series)?.[1];
    expect(id).toBeDefined();
    const { text, json } = await kreviewApply(repo, `${series}${prereq}`);
    expect(json.prerequisites).toEqual([
      { id, status: 'applied', subject: '[PATCH] lib: change line 5' },
    ]);
    expect(json.ok).toBe(true);
    expect(json.base).toBe(base);
    // The series is applied on the base plus its prerequisite: start is that commit.
    expect(json.start).not.toBe(base);
    expect(repo.git('show', `${json.start}:lib/Kconfig`)).toBe(edit(LINES, 5, 'changed 5'));
    expect(repo.git('show', `${json.head}:lib/Kconfig`)).toBe(
      edit(edit(LINES, 5, 'changed 5'), 6, 'changed 6'),
    );
    expect(text).toContain(
      `Note: The series names prerequisite patch (prerequisite-patch-id): ${id?.slice(0, 12)} ("[PATCH] lib: change line 5") is in this mbox and was applied first.`,
    );
  });

  it('a prerequisite the mbox does not carry is named as missing, and the series fails without it', async () => {
    const { repo, series } = withPrerequisite();
    const id = /^prerequisite-patch-id: ([0-9a-f]{40})$/m.exec(series)?.[1];
    const { text, json } = await kreviewApply(repo, series);
    expect(json.prerequisites).toEqual([{ id, status: 'missing', subject: null }]);
    expect(json.ok).toBe(false);
    expect(text).toContain(
      `${id?.slice(0, 12)} is not in this mbox and was not applied: the review may differ from the author's tree.`,
    );
  });
});

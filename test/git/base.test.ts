import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FilePatch } from '../../src/domain/patch.ts';
import { chooseBase, seriesPreimages } from '../../src/git/base.ts';
import { type ObjectReader, openObjectReader } from '../../src/git/cat-file.ts';
import { gitEnvironment, gitProcessPort } from '../../src/git/process-port.ts';
import { openRepo, type Repo } from '../../src/git/repo.ts';
import { makeRepo, type TestRepo } from '../helpers/git-repo.ts';

function modified(
  path: string,
  oldBlob: string | undefined,
  change: FilePatch['change'] = 'modified',
): FilePatch {
  return {
    oldPath: path,
    newPath: path,
    change,
    oldMode: undefined,
    newMode: undefined,
    oldBlob,
    newBlob: undefined,
    binary: false,
    hunks: [],
  };
}

describe('seriesPreimages()', () => {
  it('seriesPreimages() keeps only the first preimage of each path and skips new files', () => {
    const patches = [
      { files: [modified('a.c', 'aaaaaaa'), modified('new.c', '0000000', 'added')] },
      { files: [modified('a.c', 'bbbbbbb'), modified('b.c', 'ccccccc')] },
    ];
    expect(seriesPreimages(patches)).toEqual([
      { path: 'a.c', blob: 'aaaaaaa' },
      { path: 'b.c', blob: 'ccccccc' },
    ]);
  });
});

describe('chooseBase()', () => {
  let repo: TestRepo;
  let git: Repo;
  let reader: ObjectReader;
  let first: string;
  let head: string;
  let readmeAtFirst: string;
  let readmeAtHead: string;

  beforeAll(async () => {
    repo = makeRepo({ README: 'one\n' });
    first = repo.git('rev-parse', 'HEAD').trim();
    head = repo.commit('Second', { README: 'two\n' });
    readmeAtFirst = repo.git('rev-parse', `${first}:README`).trim().slice(0, 7);
    readmeAtHead = repo.git('rev-parse', `${head}:README`).trim().slice(0, 7);
    const env = gitEnvironment(process.env);
    git = await openRepo(repo.dir, env);
    reader = openObjectReader(gitProcessPort(git.root, env));
  });
  afterAll(async () => {
    await reader.close();
    repo.remove();
  });

  const ask = (trailer: string | undefined, option: string | undefined, blob?: string) =>
    chooseBase(git, reader, {
      trailer,
      option,
      patches: [{ files: [modified('README', blob ?? readmeAtHead)] }],
    });

  it('chooseBase() uses the base-commit: trailer when the tree has it', async () => {
    expect(await ask(first, 'HEAD')).toEqual({
      found: true,
      commit: first,
      how: 'base-commit',
      reason: `base-commit ${first} is in this tree`,
      note: undefined,
    });
  });

  it('chooseBase() falls back to --base and says the trailer is missing', async () => {
    const missing = 'deadbeefdeadbeefdeadbeefdeadbeefdeadbeef';
    expect(await ask(missing, first)).toEqual({
      found: true,
      commit: first,
      how: 'option',
      reason: `--base ${first}; base-commit ${missing} is not in this tree`,
      note: undefined,
    });
  });

  it('chooseBase() uses the configured base (HEAD) when it has every preimage blob', async () => {
    expect(await ask(undefined, undefined)).toEqual({
      found: true,
      commit: head,
      how: 'configured',
      reason: 'the series names no base-commit; the configured base, and its preimage blob matches',
      note: undefined,
    });
  });

  // Series are posted against mainline or -next: git am still tries them on the tree it has.
  it('chooseBase() uses the configured base when HEAD lacks the preimages, with a note', async () => {
    const choice = await ask('deadbeefdeadbeef', undefined, readmeAtFirst);
    expect(choice).toEqual({
      found: true,
      commit: head,
      how: 'configured',
      reason: 'base-commit deadbeefdeadbeef is not in this tree; the configured base',
      note: 'The series was made against other versions of "README": this is a review of the series on this base, which may differ from the author\'s tree.',
    });
  });

  it('chooseBase() refuses a --base the tree does not have', async () => {
    expect(await ask(undefined, 'no-such-branch')).toMatchObject({
      found: false,
      reason: '--base "no-such-branch" is not a commit in the tree',
    });
  });

  it('chooseBase() never hands a trailer that is not a commit id to git', async () => {
    const choice = await ask('--output=/tmp/kreview-x', undefined);
    expect(choice).toMatchObject({ found: true, how: 'configured' });
    expect(choice.found && choice.reason).toContain(
      'base-commit --output=/tmp/kreview-x is not in this tree',
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openObjectReader } from '../../src/git/cat-file.ts';
import { writeObjects } from '../../src/git/object-writer.ts';
import { gitEnvironment, gitProcessPort } from '../../src/git/process-port.ts';
import { objectId, parseTree, serialiseTree } from '../../src/git/tree-object.ts';
import { makeRepo, type TestRepo } from '../helpers/git-repo.ts';

describe('tree objects', () => {
  let repo: TestRepo;
  beforeAll(() => {
    // Names that sort differently as files and as directories ("a.c" < "a/" < "a0").
    repo = makeRepo({
      'a.c': '1\n',
      'a/x': '2\n',
      a0: '3\n',
      'caf\u00e9.txt': '4\n',
      'run.sh': { content: '#!/bin/sh\n', mode: '100755' },
    });
  });
  afterAll(() => repo.remove());
  const port = () => gitProcessPort(repo.dir, gitEnvironment(process.env));

  it('parseTree() and serialiseTree() give back the bytes and id git wrote', async () => {
    const reader = openObjectReader(port());
    const tree = await reader.read('HEAD^{tree}');
    await reader.close();
    if (tree === undefined) throw new Error('no tree');
    const entries = parseTree(tree.data);
    expect(
      entries.map((e) => `${e.mode} ${Buffer.from(e.name, 'latin1').toString('utf8')}`),
    ).toEqual(['100644 a.c', '40000 a', '100644 a0', '100644 caf\u00e9.txt', '100755 run.sh']);
    const again = serialiseTree([...entries].reverse());
    expect(again.equals(tree.data)).toBe(true);
    expect(objectId('tree', again)).toBe(tree.id);
  });

  it('writeObjects() stores blobs and trees under the ids computed here', async () => {
    const blob = Buffer.from(`written by the test ${'x'.repeat(5000)}\n`);
    const blobId = objectId('blob', blob);
    const tree = serialiseTree([{ mode: '100644', name: 'w.txt', id: blobId }]);
    const treeId = objectId('tree', tree);
    await writeObjects(port(), [
      { id: blobId, type: 'blob', data: blob },
      { id: treeId, type: 'tree', data: tree },
    ]);
    expect(repo.git('rev-parse', `${treeId}:w.txt`).trim()).toBe(blobId);
    expect(repo.git('cat-file', 'blob', blobId)).toBe(blob.toString());
  });
});

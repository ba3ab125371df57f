import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openObjectReader } from '../../src/git/cat-file.ts';
import { gitEnvironment, gitProcessPort } from '../../src/git/process-port.ts';
import { makeRepo, type TestRepo } from '../helpers/git-repo.ts';

describe('openObjectReader()', () => {
  let repo: TestRepo;
  const big = Buffer.alloc(300_000, 'k');
  beforeAll(() => {
    repo = makeRepo({
      'a.txt': 'alpha\n',
      'dir/b.bin': Buffer.from([0, 10, 13, 255]),
      'big.txt': big,
    });
  });
  afterAll(() => repo.remove());

  const port = () => gitProcessPort(repo.dir, gitEnvironment(process.env));

  it('openObjectReader() reads blobs by rev:path and trees by id, in request order', async () => {
    const reader = openObjectReader(port());
    const [a, b, tree, bigBlob] = await Promise.all([
      reader.read('HEAD:a.txt'),
      reader.read('HEAD:dir/b.bin'),
      reader.read('HEAD^{tree}'),
      reader.read('HEAD:big.txt'),
    ]);
    await reader.close();
    expect(a).toEqual({
      id: repo.git('rev-parse', 'HEAD:a.txt').trim(),
      type: 'blob',
      data: Buffer.from('alpha\n'),
    });
    expect(b?.data).toEqual(Buffer.from([0, 10, 13, 255]));
    expect(tree?.type).toBe('tree');
    expect(tree?.id).toBe(repo.git('rev-parse', 'HEAD^{tree}').trim());
    expect(bigBlob?.data.equals(big)).toBe(true);
  });

  it('openObjectReader() answers undefined for a missing object and keeps going', async () => {
    const reader = openObjectReader(port());
    expect(await reader.read('HEAD:no/such/file')).toBeUndefined();
    expect(await reader.read('0123456789012345678901234567890123456789')).toBeUndefined();
    expect((await reader.read('HEAD:a.txt'))?.data.toString()).toBe('alpha\n');
    await reader.close();
  });

  it('openObjectReader() rejects an object over the size bound and still reads the next one', async () => {
    const reader = openObjectReader(port(), 1000);
    await expect(reader.read('HEAD:big.txt')).rejects.toThrow(
      'Cannot read "HEAD:big.txt": object is 300000 bytes, more than the limit of 1000',
    );
    expect((await reader.read('HEAD:a.txt'))?.data.toString()).toBe('alpha\n');
    await reader.close();
  });

  it('openObjectReader() refuses a name with a line break, which would shift every later answer', async () => {
    const reader = openObjectReader(port());
    await expect(reader.read('HEAD:a.txt\nHEAD:big.txt')).rejects.toThrow(
      'name contains a line break',
    );
    expect((await reader.read('HEAD:a.txt'))?.data.toString()).toBe('alpha\n');
    await reader.close();
  });
});

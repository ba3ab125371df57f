// The paths two commits' trees differ in, walked through the shared tree objects: a subtree with
// the same id on both sides is skipped whole, so a series' prefix and its head compare in a few
// reads. Modes count (a file made executable, or turned into a symlink, is changed).
import { KreviewError } from '../domain/errors.ts';
import type { TreeObjects } from './tree-files.ts';

const TREE = '40000';

/** Every file or symlink path that differs, added, removed or changed, in path order. */
export async function changedPaths(trees: TreeObjects, a: string, b: string): Promise<string[]> {
  const [ra, rb] = await Promise.all([rootOf(trees, a), rootOf(trees, b)]);
  const out: string[] = [];
  const walk = async (x: string | undefined, y: string | undefined, at: string) => {
    if (x === y) return;
    const [dx, dy] = await Promise.all([
      x === undefined ? undefined : trees.directory(x),
      y === undefined ? undefined : trees.directory(y),
    ]);
    const names = new Set([...(dx?.keys() ?? []), ...(dy?.keys() ?? [])]);
    for (const name of [...names].sort()) {
      const ex = dx?.get(name);
      const ey = dy?.get(name);
      if (ex?.id === ey?.id && ex?.mode === ey?.mode) continue;
      const path = at === '' ? name : `${at}/${name}`;
      const tx = ex?.mode === TREE ? ex.id : undefined;
      const ty = ey?.mode === TREE ? ey.id : undefined;
      // A file on either side is a path; a tree on either side is walked for its files.
      if ((ex !== undefined && tx === undefined) || (ey !== undefined && ty === undefined))
        out.push(path);
      await walk(tx, ty, path);
    }
  };
  await walk(ra, rb, '');
  return out;
}

async function rootOf(trees: TreeObjects, commit: string): Promise<string> {
  const object = await trees.reader.read(`${commit}^{tree}`);
  if (object?.type !== 'tree')
    throw new KreviewError(`Cannot read the tree of ${commit}: no such commit`, 'GIT_FAILED');
  return object.id;
}

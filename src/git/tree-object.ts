// Git's object formats for the in-memory path: tree entries read and written, commit objects
// written, and object ids computed the way git does (SHA-1 of "type size\0data").
import { createHash } from 'node:crypto';
import { type Signature, signatureLine } from './commit-identity.ts';

/** One entry of a tree: octal mode as git writes it (`100644`, `40000`), raw name, hex id. */
export interface TreeEntry {
  readonly mode: string;
  /** The name's bytes as a latin1 string, so any byte sequence round-trips. */
  readonly name: string;
  readonly id: string;
}

export type ObjectType = 'blob' | 'tree' | 'commit';

/** The id git gives an object of this type and content. */
export function objectId(type: ObjectType, data: Buffer): string {
  return createHash('sha1').update(`${type} ${data.length}\0`).update(data).digest('hex');
}

/** The entries of a tree object. */
export function parseTree(data: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = [];
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(32, at);
    const nul = data.indexOf(0, space);
    if (space < 0 || nul < 0 || nul + 21 > data.length)
      throw new Error('Cannot read tree: truncated entry');
    entries.push({
      mode: data.subarray(at, space).toString('latin1'),
      name: data.subarray(space + 1, nul).toString('latin1'),
      id: data.subarray(nul + 1, nul + 21).toString('hex'),
    });
    at = nul + 21;
  }
  return entries;
}

/** A tree object from entries, in git's order (a directory sorts as if its name ended in "/"). */
export function serialiseTree(entries: Iterable<TreeEntry>): Buffer {
  const key = (e: TreeEntry): string => (e.mode === '40000' ? `${e.name}/` : e.name);
  const sorted = [...entries].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return Buffer.concat(
    sorted.flatMap((e) => [
      Buffer.from(`${e.mode} ${e.name}\0`, 'latin1'),
      Buffer.from(e.id, 'hex'),
    ]),
  );
}

/** A commit object as `git commit-tree` writes it for these inputs. */
export function serialiseCommit(commit: {
  tree: string;
  parent: string;
  author: Signature;
  committer: Signature;
  message: string;
}): Buffer {
  const head = [
    `tree ${commit.tree}`,
    `parent ${commit.parent}`,
    signatureLine('author', commit.author),
    signatureLine('committer', commit.committer),
  ].join('\n');
  return Buffer.from(`${head}\n\n${commit.message}`, 'utf8');
}

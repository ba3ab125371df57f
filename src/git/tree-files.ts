// Kconfig files of a commit, read from git objects: paths are resolved directory by directory
// through tree objects read with the long-lived cat-file reader, and the trees are shared between
// commits (a patched commit shares every directory the series leaves alone), so a second commit
// costs a handful of reads, not a listing of the kernel's 90,000 files. Blob ids are the
// identities the parse cache is keyed by, so two trees that share a file share its parse.

import { KreviewError } from '../domain/errors.ts';
import { decodeKconfigText, type KconfigFiles } from '../domain/kconfig-files.ts';
import type { ObjectReader } from './cat-file.ts';

/** A directory entry: git's mode (`40000` a tree, `120000` a symlink) and object id. */
interface Entry {
  readonly mode: string;
  readonly id: string;
}

type Directory = ReadonlyMap<string, Entry>;

/** Tree objects by id, shared by every commit read through one reader. */
export interface TreeObjects {
  /** The entries of a tree, by name; undefined when the object is missing or not a tree. */
  directory(spec: string): Promise<Directory | undefined>;
  readonly reader: ObjectReader;
}

/** A cache of parsed tree objects over `reader`. */
export function treeObjects(reader: ObjectReader): TreeObjects {
  const byId = new Map<string, Promise<Directory | undefined>>();
  const read = async (spec: string): Promise<Directory | undefined> => {
    const object = await reader.read(spec);
    return object?.type === 'tree' ? parseEntries(object.data) : undefined;
  };
  return {
    reader,
    directory(spec) {
      // Only ids are cached: a `rev^{tree}` names different trees as the repository moves.
      if (!/^[0-9a-f]{40}$/.test(spec)) return read(spec);
      let dir = byId.get(spec);
      if (dir === undefined) {
        dir = read(spec);
        byId.set(spec, dir);
      }
      return dir;
    },
  };
}

// "<mode> <name>\0<20-byte id>" repeated; names are bytes, read as UTF-8 as paths are given.
function parseEntries(data: Buffer): Directory {
  const entries = new Map<string, Entry>();
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(32, at);
    const nul = data.indexOf(0, space);
    if (space < 0 || nul < 0 || nul + 21 > data.length)
      throw new KreviewError('Cannot read a tree object: truncated entry', 'GIT_FAILED');
    entries.set(data.toString('utf8', space + 1, nul), {
      mode: data.toString('latin1', at, space),
      id: data.toString('hex', nul + 1, nul + 21),
    });
    at = nul + 21;
  }
  return entries;
}

const TREE = '40000';
const LINK = '120000';
const MAX_LINK_HOPS = 8;

/** The files of `commit` for the Kconfig engine. */
export function gitTreeFiles(
  reader: ObjectReader,
  commit: string,
  trees: TreeObjects = treeObjects(reader),
): KconfigFiles {
  let rootId: Promise<string> | undefined;
  const root = () => {
    rootId ??= reader.read(`${commit}^{tree}`).then((object) => {
      if (object?.type !== 'tree')
        throw new KreviewError(
          `Cannot list the files of ${commit}: no such commit in the repository`,
          'GIT_FAILED',
        );
      return object.id;
    });
    return rootId;
  };

  // The entry a path names. A symlink anywhere on the way is followed inside the tree, as make
  // and conf's fopen() would (arch/powerpc/configs/kvm_guest.config → kernel/configs/…); one
  // that leaves the tree, or loops, reads as absent.
  const entryOf = async (path: string): Promise<Entry | undefined> => {
    let parts = segments(path);
    let hops = 0;
    restart: for (;;) {
      let dir = await trees.directory(await root());
      for (let i = 0; i < parts.length; i++) {
        const entry = dir?.get(parts[i] as string);
        if (entry === undefined) return undefined;
        if (entry.mode === LINK) {
          if (++hops > MAX_LINK_HOPS) return undefined;
          const link = await reader.read(entry.id);
          if (link === undefined) return undefined;
          const target = link.data.toString('utf8');
          if (target.startsWith('/')) return undefined;
          const next = resolveRelative(parts.slice(0, i), target);
          if (next === undefined) return undefined;
          parts = [...next, ...parts.slice(i + 1)];
          continue restart;
        }
        if (i === parts.length - 1) return entry;
        if (entry.mode !== TREE) return undefined;
        dir = await trees.directory(entry.id);
      }
      return undefined;
    }
  };
  const blobOf = async (path: string): Promise<string | undefined> => {
    const entry = await entryOf(path);
    return entry === undefined || entry.mode === TREE || entry.mode === '160000'
      ? undefined
      : entry.id;
  };
  return {
    identity: blobOf,
    // Every file (and symlink) under a directory, as the old full listing named them.
    list: async (dir) => {
      const prefix = segments(dir);
      const top = await entryOf(prefix.join('/'));
      if (top === undefined || top.mode !== TREE) return [];
      const out: string[] = [];
      const walk = async (id: string, at: string) => {
        for (const [name, entry] of (await trees.directory(id)) ?? []) {
          if (entry.mode === TREE) await walk(entry.id, `${at}/${name}`);
          else if (entry.mode !== '160000') out.push(`${at}/${name}`);
        }
      };
      await walk(top.id, prefix.join('/'));
      return out.sort();
    },
    read: async (path) => {
      const id = await blobOf(path);
      if (id === undefined) return undefined;
      const object = await reader.read(id);
      return object === undefined ? undefined : decodeKconfigText(object.data);
    },
  };
}

// The engine asks for "./arch/x86/Kconfig" and "arch//x86/Kconfig" alike.
function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '' && s !== '.');
}

// ["a","b"] + "../../d/e" → ["d","e"]; undefined when it climbs out of the tree.
function resolveRelative(dir: readonly string[], target: string): string[] | undefined {
  const parts = [...dir];
  for (const seg of target.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts;
}

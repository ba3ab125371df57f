// A tree being edited in memory: directories are read from git as paths reach them, changes are
// kept per directory, and `write` makes the new tree objects bottom-up.
import { parseTree, serialiseTree, type TreeEntry } from './tree-object.ts';

/** Where the overlay reads objects from, and a cache of parsed trees shared between patches. */
export interface TreeSource {
  readData(id: string): Promise<Buffer | undefined>;
  readonly trees: Map<string, TreeEntry[]>;
}

const TREE_MODE = '40000';

/** An editable view of one tree; paths are UTF-8 strings as in diffs. */
export class TreeOverlay {
  readonly #root: string;
  readonly #source: TreeSource;
  readonly #dirs = new Map<string, Map<string, TreeEntry>>();
  readonly #dirty = new Set<string>();

  constructor(root: string, source: TreeSource) {
    this.#root = root;
    this.#source = source;
  }

  /** The blob entry at a path, or undefined when there is none (or a directory is there). */
  async get(path: string): Promise<{ mode: string; id: string } | undefined> {
    const { dir, name } = split(latin1(path));
    const entries = await this.#dir(dir, false);
    const entry = entries?.get(name);
    return entry === undefined || entry.mode === TREE_MODE ? undefined : entry;
  }

  /** Sets or removes the blob at a path; false when a file or symlink stands where a directory must. */
  async set(path: string, blob: { mode: string; id: string } | undefined): Promise<boolean> {
    const { dir, name } = split(latin1(path));
    const entries = await this.#dir(dir, blob !== undefined);
    if (entries === undefined) return blob === undefined;
    if (entries.get(name)?.mode === TREE_MODE) return false;
    if (blob === undefined) entries.delete(name);
    else entries.set(name, { mode: blob.mode, name, id: blob.id });
    for (let d: string | undefined = dir; d !== undefined; d = parent(d)) this.#dirty.add(d);
    return true;
  }

  /** Stores the changed directories (deepest first) and returns the new root tree id. */
  async write(store: (type: 'tree', data: Buffer) => string): Promise<string> {
    const order = [...this.#dirty].sort((a, b) => depth(b) - depth(a) || (a < b ? -1 : 1));
    let root = this.#root;
    for (const dir of order) {
      const entries = this.#dirs.get(dir) ?? new Map<string, TreeEntry>();
      const list = [...entries.values()];
      const id = list.length === 0 && dir !== '' ? undefined : store('tree', serialiseTree(list));
      if (id !== undefined) this.#source.trees.set(id, list);
      if (dir === '') {
        root = id ?? root;
        continue;
      }
      const up = this.#dirs.get(parent(dir) ?? '');
      const { name } = split(dir);
      if (id === undefined) up?.delete(name);
      else up?.set(name, { mode: TREE_MODE, name, id });
    }
    return root;
  }

  // The entries of a directory, read on first use; created (empty) when `create` and missing.
  async #dir(dir: string, create: boolean): Promise<Map<string, TreeEntry> | undefined> {
    const known = this.#dirs.get(dir);
    if (known !== undefined) return known;
    let id: string | undefined = this.#root;
    if (dir !== '') {
      const up = await this.#dir(parent(dir) ?? '', create);
      if (up === undefined) return undefined;
      const entry = up.get(split(dir).name);
      if (entry !== undefined && entry.mode !== TREE_MODE) return undefined;
      id = entry?.id;
    }
    if (id === undefined && !create) return undefined;
    const entries = new Map<string, TreeEntry>();
    for (const e of id === undefined ? [] : await this.#entries(id)) entries.set(e.name, e);
    this.#dirs.set(dir, entries);
    return entries;
  }

  async #entries(id: string): Promise<TreeEntry[]> {
    const cached = this.#source.trees.get(id);
    if (cached !== undefined) return cached;
    const data = await this.#source.readData(id);
    if (data === undefined)
      throw new Error(`Cannot read tree ${id}: the repository does not have it`);
    const entries = parseTree(data);
    this.#source.trees.set(id, entries);
    return entries;
  }
}

// Tree entry names are bytes; they are kept as latin1 strings so any byte sequence round-trips.
function latin1(path: string): string {
  return Buffer.from(path, 'utf8').toString('latin1');
}

function split(bytes: string): { dir: string; name: string } {
  const slash = bytes.lastIndexOf('/');
  return slash < 0
    ? { dir: '', name: bytes }
    : { dir: bytes.slice(0, slash), name: bytes.slice(slash + 1) };
}

function parent(dir: string): string | undefined {
  if (dir === '') return undefined;
  const slash = dir.lastIndexOf('/');
  return slash < 0 ? '' : dir.slice(0, slash);
}

function depth(dir: string): number {
  return dir === '' ? 0 : dir.split('/').length;
}

// Kconfig files of a commit, read from git objects: `ls-tree` once for the path → blob map, then
// blobs through the long-lived cat-file reader. Blob ids are the identities the parse cache is
// keyed by, so two trees that share a file share its parse and the file is read once.

import { KreviewError } from '../domain/errors.ts';
import type { KconfigFiles } from '../domain/kconfig-files.ts';
import type { ObjectReader } from './cat-file.ts';
import { firstLines, type GitProcessPort } from './process-port.ts';

const MAX_LISTING_BYTES = 256 * 1024 * 1024;

/** The files of `commit` for the Kconfig engine. */
export function gitTreeFiles(
  port: GitProcessPort,
  reader: ObjectReader,
  commit: string,
): KconfigFiles {
  let listing: Promise<Listing> | undefined;
  const tree = () => {
    listing ??= listTree(port, commit);
    return listing;
  };
  // A symlink is followed inside the tree, as make and conf's fopen() would (arch/powerpc/configs/
  // kvm_guest.config → kernel/configs/kvm_guest.config); one that leaves the tree reads as absent.
  const blobOf = async (path: string): Promise<string | undefined> => {
    const { blobs, links } = await tree();
    let p = normalise(path);
    for (let hop = 0; hop < 8; hop++) {
      const id = blobs.get(p);
      if (id !== undefined) return id;
      const link = links.get(p);
      if (link === undefined) return undefined;
      const object = await reader.read(link);
      if (object === undefined) return undefined;
      const target = object.data.toString('utf8');
      if (target.startsWith('/')) return undefined;
      const next = resolveRelative(p, target);
      if (next === undefined) return undefined;
      p = next;
    }
    return undefined;
  };
  return {
    identity: blobOf,
    list: async (dir) => {
      const prefix = `${normalise(dir).replace(/\/$/, '')}/`;
      const { blobs, links } = await tree();
      return [...blobs.keys(), ...links.keys()].filter((k) => k.startsWith(prefix)).sort();
    },
    read: async (path) => {
      const id = await blobOf(path);
      if (id === undefined) return undefined;
      const object = await reader.read(id);
      return object?.data.toString('utf8');
    },
  };
}

interface Listing {
  readonly blobs: Map<string, string>;
  /** Symlinks: path → the blob holding the link's target. */
  readonly links: Map<string, string>;
}

// "a/b/c" + "../../d/e" → "d/e"; undefined when it climbs out of the tree.
function resolveRelative(from: string, target: string): string | undefined {
  const parts = from.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}

async function listTree(port: GitProcessPort, commit: string): Promise<Listing> {
  const result = await port.run(['ls-tree', '-r', '-z', '--full-tree', commit], {
    maxOutputBytes: MAX_LISTING_BYTES,
  });
  if (result.status !== 0) {
    throw new KreviewError(
      `Cannot list the files of ${commit}: ${firstLines(result.stderr)}`,
      'GIT_FAILED',
    );
  }
  const blobs = new Map<string, string>();
  const links = new Map<string, string>();
  // Each entry: "<mode> <type> <id>\t<path>\0"; symlinks (120000) are kept apart, to follow.
  for (const entry of result.stdout.toString('utf8').split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, id] = entry.slice(0, tab).split(' ');
    if (type !== 'blob' || id === undefined) continue;
    (mode === '120000' ? links : blobs).set(entry.slice(tab + 1), id);
  }
  return { blobs, links };
}

// The engine asks for "./arch/x86/Kconfig" and "arch//x86/Kconfig" alike.
function normalise(path: string): string {
  return path.replace(/^(\.\/)+/, '').replace(/\/+/g, '/');
}

// Kconfig files of a commit, read from git objects: `ls-tree` once for the path → blob map, then
// blobs through the long-lived cat-file reader. Blob ids are the identities the parse cache is
// keyed by, so two trees that share a file share its parse and the file is read once.
import type { KconfigFiles } from '../analyze/kconfig/files.ts';
import { KreviewError } from '../domain/errors.ts';
import type { ObjectReader } from './cat-file.ts';
import { firstLines, type GitProcessPort } from './process-port.ts';

const MAX_LISTING_BYTES = 256 * 1024 * 1024;

/** The files of `commit` for the Kconfig engine. */
export function gitTreeFiles(
  port: GitProcessPort,
  reader: ObjectReader,
  commit: string,
): KconfigFiles {
  let listing: Promise<Map<string, string>> | undefined;
  const blobs = () => {
    listing ??= listTree(port, commit);
    return listing;
  };
  return {
    identity: async (path) => (await blobs()).get(normalise(path)),
    list: async (dir) => {
      const prefix = `${normalise(dir).replace(/\/$/, '')}/`;
      return [...(await blobs()).keys()].filter((k) => k.startsWith(prefix)).sort();
    },
    read: async (path) => {
      const id = (await blobs()).get(normalise(path));
      if (id === undefined) return undefined;
      const object = await reader.read(id);
      return object?.data.toString('utf8');
    },
  };
}

async function listTree(port: GitProcessPort, commit: string): Promise<Map<string, string>> {
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
  // Each entry: "<mode> <type> <id>\t<path>\0"; symlinks (120000) are not files Kconfig reads.
  for (const entry of result.stdout.toString('utf8').split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, id] = entry.slice(0, tab).split(' ');
    if (type === 'blob' && mode !== '120000' && id !== undefined)
      blobs.set(entry.slice(tab + 1), id);
  }
  return blobs;
}

// The engine asks for "./arch/x86/Kconfig" and "arch//x86/Kconfig" alike.
function normalise(path: string): string {
  return path.replace(/^(\.\/)+/, '').replace(/\/+/g, '/');
}

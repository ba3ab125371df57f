/** Where Kconfig files come from: a git tree, a directory, or memory (tests). */
export interface KconfigFiles {
  /** Reads a file by its path relative to the tree root ("arch/x86/Kconfig"); undefined when absent. */
  read(path: string): Promise<string | undefined>;
  /** A stable identity of the file's contents (git blob id, or a sha1 of the bytes) for the shared parse cache; undefined when absent. */
  identity(path: string): Promise<string | undefined>;
  /** Every file under a directory (paths from the tree root), for make's $(wildcard); optional. */
  list?(dir: string): Promise<string[]>;
}

/** In-memory files keyed by path; for tests and for trees assembled by the caller. */
export function memoryFiles(entries: Readonly<Record<string, string>>): KconfigFiles {
  const map = new Map(Object.entries(entries));
  return {
    read: async (path) => map.get(path),
    list: async (dir) => [...map.keys()].filter((k) => k.startsWith(`${dir}/`)).sort(),
    identity: async (path) => {
      const text = map.get(path);
      return text === undefined ? undefined : `mem:${path}:${text.length}:${hashText(text)}`;
    },
  };
}

// A cheap content hash (FNV-1a) so in-memory identities change when the text does.
function hashText(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16);
}

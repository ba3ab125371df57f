import type { KconfigFiles } from '../../domain/kconfig-files.ts';

export type { KconfigFiles } from '../../domain/kconfig-files.ts';

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

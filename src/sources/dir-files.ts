import { createHash } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { KconfigFiles } from '../analyze/kconfig/files.ts';

/** Kconfig files read from a directory; refuses paths that escape the root. */
export function dirFiles(root: string): KconfigFiles {
  const base = path.resolve(root);
  const texts = new Map<string, Promise<string | undefined>>();
  const resolve = async (rel: string): Promise<string | undefined> => {
    if (rel === '' || path.isAbsolute(rel) || rel.includes('\0')) return undefined;
    const full = path.resolve(base, rel);
    if (full !== base && !full.startsWith(`${base}${path.sep}`)) return undefined;
    try {
      const real = await realpath(full);
      const realBase = await realpath(base);
      if (!real.startsWith(`${realBase}${path.sep}`)) return undefined;
      if (!(await stat(real)).isFile()) return undefined;
      return real;
    } catch {
      return undefined;
    }
  };
  const read = (rel: string): Promise<string | undefined> => {
    let p = texts.get(rel);
    if (p === undefined) {
      p = resolve(rel).then((full) => (full === undefined ? undefined : readFile(full, 'latin1')));
      texts.set(rel, p);
    }
    return p;
  };
  return {
    read,
    identity: async (rel) => {
      const text = await read(rel);
      return text === undefined
        ? undefined
        : createHash('sha1').update(text, 'latin1').digest('hex');
    },
  };
}

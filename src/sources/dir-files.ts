import { createHash } from 'node:crypto';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { KreviewError } from '../domain/errors.ts';
import { KconfigError } from '../domain/kconfig-error.ts';
import { decodeKconfigText, type KconfigFiles } from '../domain/kconfig-files.ts';

/** The largest file read: Kconfig files, defconfigs and Makefiles are far smaller. */
const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** Kconfig files read from a directory; refuses paths that escape the root and oversized files. */
export function dirFiles(root: string): KconfigFiles {
  const base = path.resolve(root);
  const files = new Map<string, Promise<{ text: string; id: string } | undefined>>();
  const resolve = async (rel: string): Promise<string | undefined> => {
    if (rel === '' || path.isAbsolute(rel) || rel.includes('\0')) return undefined;
    const full = path.resolve(base, rel);
    if (full !== base && !full.startsWith(`${base}${path.sep}`)) return undefined;
    try {
      const real = await realpath(full);
      const realBase = await realpath(base);
      if (!real.startsWith(`${realBase}${path.sep}`)) return undefined;
      const st = await stat(real);
      if (!st.isFile()) return undefined;
      if (st.size > MAX_FILE_BYTES)
        throw new KconfigError(
          `read "${rel}"`,
          { file: rel, detail: `file is larger than ${MAX_FILE_BYTES} bytes` },
          { code: 'KCONFIG_LIMIT', text: `file is larger than ${MAX_FILE_BYTES} bytes` },
        );
      return real;
    } catch (err) {
      if (err instanceof KreviewError) throw err;
      return undefined;
    }
  };
  // The text for the engine, decoded as the git reader decodes; the identity from the bytes.
  const load = (rel: string): Promise<{ text: string; id: string } | undefined> => {
    let p = files.get(rel);
    if (p === undefined) {
      p = resolve(rel).then(async (full) => {
        if (full === undefined) return undefined;
        const bytes = await readFile(full);
        const id = createHash('sha1').update(bytes).digest('hex');
        return { text: decodeKconfigText(bytes), id };
      });
      files.set(rel, p);
    }
    return p;
  };
  const read = async (rel: string): Promise<string | undefined> => (await load(rel))?.text;
  return {
    read,
    // for make's $(wildcard): names only; reading still goes through the checks above
    list: async (rel) => {
      const full = path.resolve(base, rel);
      if (!full.startsWith(`${base}${path.sep}`)) return [];
      const names = await readdir(full, { recursive: true, withFileTypes: true }).catch(() => []);
      return names
        .filter((d) => !d.isDirectory())
        .map((d) => path.relative(base, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
        .sort();
    },
    identity: async (rel) => (await load(rel))?.id,
  };
}

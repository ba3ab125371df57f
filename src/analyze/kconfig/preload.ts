import type { KconfigFiles } from './files.ts';
import type { ParseCache } from './parse-cache.ts';
import { KconfigError } from './parse-error.ts';

/** The largest Kconfig file the engine reads. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;
export const MAX_FILES = 20_000;
const MAX_TOTAL_BYTES = 256 * 1024 * 1024;
const SOURCE_LINE = /^source[ \t]+"([^"\n]*)"/;

// Reads the files a parse will need ahead of time (the parser itself is synchronous).
/** Reads files not read yet into `into` (their identities into `ids`), within the limits. */
export async function readMany(
  files: KconfigFiles,
  paths: readonly string[],
  into: Map<string, string | undefined>,
  cache: ParseCache,
  ids: Map<string, string>,
) {
  await Promise.all(
    paths.map(async (p) => {
      if (into.has(p)) return;
      into.set(p, undefined);
      const id = await files.identity(p);
      if (id === undefined) return;
      ids.set(p, id);
      const text = await cache.getAsync(`text:${id}`, async () => (await files.read(p)) ?? '');
      if (text.length > MAX_FILE_BYTES)
        throw new KconfigError(
          'parse Kconfig',
          { file: p, detail: `file is larger than ${MAX_FILE_BYTES} bytes` },
          { code: 'KCONFIG_LIMIT' },
        );
      into.set(p, text);
    }),
  );
  if (into.size > MAX_FILES)
    throw new KconfigError(
      'parse Kconfig',
      { detail: `more than ${MAX_FILES} files` },
      { code: 'KCONFIG_LIMIT' },
    );
  let total = 0;
  for (const t of into.values()) total += t?.length ?? 0;
  if (total > MAX_TOTAL_BYTES)
    throw new KconfigError(
      'parse Kconfig',
      { detail: `its files hold more than ${MAX_TOTAL_BYTES} bytes` },
      { code: 'KCONFIG_LIMIT' },
    );
}

function guessSources(text: string, env: Readonly<Record<string, string>>): string[] {
  const out: string[] = [];
  // only lines that start with `source` (after blanks) matter; scan for the word, not every line
  for (let at = text.indexOf('source'); at >= 0; at = text.indexOf('source', at + 6)) {
    let b = at - 1;
    while (b >= 0 && (text[b] === ' ' || text[b] === '\t')) b--;
    if (b >= 0 && text[b] !== '\n') continue;
    const m = SOURCE_LINE.exec(text.slice(at, text.indexOf('\n', at) >>> 0));
    if (m === null) continue;
    const p = (m[1] as string).replace(
      /\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g,
      (_all, v: string) => env[v] ?? '',
    );
    if (!p.includes('$')) out.push(p);
  }
  return out;
}

/**
 * Reads every file a parse will `source`, ahead of the (synchronous) parser: follows `source`
 * lines breadth first with $(VAR) taken from the environment. What this misses, the parser asks
 * for and the loader reads before parsing again.
 */
export async function preload(
  files: KconfigFiles,
  env: Readonly<Record<string, string>>,
  cache: ParseCache,
): Promise<{ texts: Map<string, string | undefined>; ids: Map<string, string> }> {
  const texts = new Map<string, string | undefined>();
  const ids = new Map<string, string>();
  let frontier = ['Kconfig'];
  while (frontier.length > 0) {
    await readMany(files, frontier, texts, cache, ids);
    const next: string[] = [];
    for (const p of frontier) {
      const t = texts.get(p);
      if (t !== undefined) for (const s of guessSources(t, env)) if (!texts.has(s)) next.push(s);
    }
    frontier = [...new Set(next)];
  }
  return { texts, ids };
}

// Searches a commit's tree (git grep on the object store, no checkout) for Kconfig symbol
// definitions and for the lines that name a symbol, like scripts/checkkconfigsymbols.py does.

import { KreviewError } from '../domain/errors.ts';
import type { TreeReference } from '../domain/tree-reference.ts';
import { firstLines, type GitProcessPort } from './process-port.ts';

const MAX_GREP_BYTES = 64 * 1024 * 1024;
const MAX_REFERENCES = 200;
const KCONFIG_FILES = ':(glob)**/Kconfig*';

/** Every symbol a `config`/`menuconfig` line of any Kconfig file of `commit` defines. */
export async function definedSymbols(port: GitProcessPort, commit: string): Promise<Set<string>> {
  const result = await port.run(
    [
      'grep',
      '-h',
      '-I',
      '-E',
      '^[[:space:]]*(menu)?config[[:space:]]+[A-Za-z0-9_]+',
      commit,
      '--',
      KCONFIG_FILES,
    ],
    { maxOutputBytes: MAX_GREP_BYTES },
  );
  // Status 1 is "nothing found", which an empty tree may well give.
  if (result.status > 1)
    throw new KreviewError(`Cannot search ${commit}: ${firstLines(result.stderr)}`, 'GIT_FAILED');
  const symbols = new Set<string>();
  for (const line of result.stdout.toString('utf8').split('\n')) {
    const symbol = /^\s*(?:menu)?config\s+([A-Za-z0-9_]+)/.exec(line)?.[1];
    if (symbol !== undefined) symbols.add(symbol);
  }
  return symbols;
}

/**
 * Lines of `commit` that name each symbol: `CONFIG_<symbol>` anywhere, and the bare name in
 * Kconfig files; at most 200 per symbol, in path and line order. One pass over the tree for all
 * of them, since reading every blob is what costs (seconds on a full kernel tree).
 */
export async function symbolReferences(
  port: GitProcessPort,
  commit: string,
  symbols: readonly string[],
): Promise<Map<string, TreeReference[]>> {
  const wanted = symbols.filter((s) => /^[A-Za-z0-9_]+$/.test(s));
  const found = new Map<string, TreeReference[]>(wanted.map((s) => [s, []]));
  if (wanted.length === 0) return found;
  const patterns = wanted.flatMap((s) => ['-e', `CONFIG_${s}`, '-e', s]);
  const result = await port.run(['grep', '-n', '-I', '-w', '-F', ...patterns, commit, '--', '.'], {
    maxOutputBytes: MAX_GREP_BYTES,
  });
  if (result.status > 1) {
    throw new KreviewError(`Cannot search ${commit}: ${firstLines(result.stderr)}`, 'GIT_FAILED');
  }
  for (const ref of parseGrep(result.stdout.toString('utf8'), commit)) {
    const kconfig = /(^|\/)Kconfig[^/]*$/.test(ref.file);
    for (const symbol of wanted) {
      // Outside Kconfig files only CONFIG_<symbol> is a use; a bare word there is something else.
      const pattern = new RegExp(
        `(^|[^A-Za-z0-9_])${kconfig ? '(CONFIG_)?' : 'CONFIG_'}${symbol}($|[^A-Za-z0-9_])`,
      );
      const list = found.get(symbol);
      if (list !== undefined && list.length < MAX_REFERENCES && pattern.test(ref.text))
        list.push(ref);
    }
  }
  return found;
}

// `<commit>:<path>:<line>:<text>`; paths may contain ':' so the commit prefix is cut by length.
function parseGrep(output: string, commit: string): TreeReference[] {
  const refs: TreeReference[] = [];
  for (const line of output.split('\n')) {
    if (!line.startsWith(`${commit}:`)) continue;
    const match = /^(.*?):(\d+):(.*)$/.exec(line.slice(commit.length + 1));
    if (match !== null)
      refs.push({ file: match[1] ?? '', line: Number(match[2]), text: match[3] ?? '' });
  }
  return refs;
}

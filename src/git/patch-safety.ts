// Refuses hostile diffs before git sees them: paths that climb out of the tree, point into .git,
// are absolute, go through symlinks or submodules, and diffs too big to hold.
//
// The scan reads the diff text itself, not a parsed form, so a header that a parser might skip
// is still checked: every line that git could take as naming a path is looked at. A hunk line
// that merely looks like a header can only make the scan stricter, never weaker.

/** Why a patch is refused, and the path concerned (empty for the whole patch). */
export interface Refusal {
  readonly path: string;
  readonly reason: string;
}

/** Default cap on one patch's diff: far above any real kernel patch, far below a hostile one. */
export const DEFAULT_MAX_PATCH_BYTES = 64 * 1024 * 1024;

const PATH_HEADERS = ['rename from ', 'rename to ', 'copy from ', 'copy to '];
const MODE_LINE = /^(?:old mode|new mode|new file mode|deleted file mode) (\d+)$/;
const INDEX_MODE = /^index [0-9a-f]+\.\.[0-9a-f]+ (\d+)$/;

/** Every reason to refuse this diff; empty when it may be given to git. */
export function checkPatchSafety(
  diff: Buffer,
  maxBytes: number = DEFAULT_MAX_PATCH_BYTES,
): Refusal[] {
  const size = diff.length;
  if (size > maxBytes) {
    return [{ path: '', reason: `diff is ${size} bytes, more than the limit of ${maxBytes}` }];
  }
  const refusals: Refusal[] = [];
  const seen = new Set<string>();
  const add = (path: string, reason: string): void => {
    const key = `${path}\0${reason}`;
    if (seen.has(key)) return;
    seen.add(key);
    refusals.push({ path, reason });
  };
  let current = '';
  // Decoded for the names in the refusals; every rule below is about ASCII bytes.
  for (const line of diff.toString('utf8').split('\n')) {
    const paths = headerPaths(line);
    for (const path of paths) {
      const reason = pathProblem(path);
      if (reason !== undefined) add(path, reason);
    }
    if (line.startsWith('diff --git ')) current = paths[paths.length - 1] ?? '';
    const mode = MODE_LINE.exec(line)?.[1] ?? INDEX_MODE.exec(line)?.[1];
    if (mode === '120000') add(current, 'symbolic links are not applied (mode 120000)');
    if (mode === '160000') add(current, 'submodules are not applied (mode 160000)');
  }
  return refusals;
}

/** Why a path from a diff may not be written, or undefined when it may. */
export function pathProblem(path: string): string | undefined {
  if (path === '/dev/null') return undefined;
  if (path.startsWith('/')) return 'absolute path';
  if (/[\0\n\r]/.test(path)) return 'path contains a control character';
  for (const part of path.split('/')) {
    if (part === '..') return 'path climbs out of the tree ("..")';
    if (isGitDir(part)) return 'path leads into ".git"';
  }
  return undefined;
}

// `.git` in any case, and the spellings some filesystems treat as the same name
// (trailing dots or spaces on Windows, the 8.3 short name).
function isGitDir(part: string): boolean {
  const name = part.toLowerCase().replace(/[. ]+$/, '');
  return name === '.git' || name === 'git~1';
}

// The paths a header line names, without a/ b/ prefixes; [] for any other line.
function headerPaths(line: string): string[] {
  if (line.startsWith('diff --git ')) return gitLinePaths(line.slice('diff --git '.length));
  if (line.startsWith('--- ') || line.startsWith('+++ ')) {
    const rest = line.slice(4);
    const token = rest.startsWith('"')
      ? rest.slice(0, closingQuote(rest) + 1)
      : (rest.split('\t')[0] ?? '');
    return [stripPrefix(unquote(token.trimEnd()))];
  }
  for (const prefix of PATH_HEADERS) {
    if (line.startsWith(prefix)) return [unquote(line.slice(prefix.length))];
  }
  return [];
}

// Both names of `diff --git a/X b/Y`. When unquoted names contain spaces the split is unsure,
// so every reading is returned: checking them all is stricter than guessing one.
function gitLinePaths(rest: string): string[] {
  if (rest.startsWith('"')) {
    const end = closingQuote(rest);
    const first = unquote(rest.slice(0, end + 1));
    const second = unquote(rest.slice(end + 1).trim());
    return [stripPrefix(first), stripPrefix(second)];
  }
  const out: string[] = [];
  for (const word of rest.split(' ')) out.push(stripPrefix(unquote(word)));
  const split = rest.indexOf(' b/');
  if (split >= 0) out.push(stripPrefix(rest.slice(0, split)), stripPrefix(rest.slice(split + 1)));
  else out.push(stripPrefix(rest));
  return out;
}

function stripPrefix(path: string): string {
  return path.startsWith('a/') || path.startsWith('b/') ? path.slice(2) : path;
}

function closingQuote(text: string): number {
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === '"') return i;
  }
  return text.length - 1;
}

// Git's C-style quoting: "\t", "\n", "\\", "\"" and octal bytes.
function unquote(text: string): string {
  if (text.length < 2 || !text.startsWith('"') || !text.endsWith('"')) return text;
  const bytes: number[] = [];
  const named: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11 };
  const inner = text.slice(1, -1);
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i] ?? '';
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const octal = /^[0-7]{1,3}/.exec(inner.slice(i + 1, i + 4))?.[0];
    if (octal !== undefined) {
      bytes.push(Number.parseInt(octal, 8) & 0xff);
      i += octal.length;
    } else {
      const next = inner[i + 1] ?? '';
      bytes.push(named[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

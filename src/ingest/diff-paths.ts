// Path syntax of git's diff headers: `a/`/`b/` prefixes, C-quoted names, trailing timestamps.

/** Undoes git's C-style quoting of a path (`"a/t\303\244st"`); unquoted paths are returned as is. */
export function unquotePath(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"') || text.length < 2) return text;
  const bytes: number[] = [];
  const inner = text.slice(1, -1);
  const simple: Record<string, number> = {
    n: 10,
    t: 9,
    '"': 34,
    '\\': 92,
    a: 7,
    b: 8,
    f: 12,
    r: 13,
    v: 11,
  };
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i] ?? '';
    if (ch !== '\\') {
      for (const b of Buffer.from(ch, 'utf8')) bytes.push(b);
      continue;
    }
    const next = inner[i + 1] ?? '';
    const octal = /^[0-7]{3}/.exec(inner.slice(i + 1, i + 4));
    if (octal !== null) {
      bytes.push(Number.parseInt(octal[0], 8));
      i += 3;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Strips the `a/` or `b/` prefix; `/dev/null` stays as it is. */
export function stripPrefix(path: string): string {
  if (path === '/dev/null') return path;
  return path.startsWith('a/') || path.startsWith('b/') ? path.slice(2) : path;
}

/** The path of a `--- ` or `+++ ` line, without prefix, quotes or a trailing timestamp. */
export function markerPath(rest: string): string {
  const unquoted = rest.startsWith('"')
    ? rest.slice(0, rest.lastIndexOf('"') + 1)
    : (rest.split('\t')[0] ?? rest);
  return stripPrefix(unquotePath(unquoted.trimEnd()));
}

/** The two paths of `diff --git a/X b/Y`, best effort when names contain spaces. */
export function gitHeaderPaths(rest: string): { oldPath: string; newPath: string } {
  if (rest.startsWith('"')) {
    const close = findClosingQuote(rest);
    const first = rest.slice(0, close + 1);
    const second = rest.slice(close + 1).trim();
    return { oldPath: stripPrefix(unquotePath(first)), newPath: stripPrefix(unquotePath(second)) };
  }
  // The usual case: the same name twice, `a/NAME b/NAME`, so the halves tell where it splits.
  if (rest.length % 2 === 1) {
    const half = (rest.length - 1) / 2;
    const left = rest.slice(0, half);
    const right = rest.slice(half + 1);
    if (left.slice(2) === right.slice(2))
      return { oldPath: stripPrefix(left), newPath: stripPrefix(right) };
  }
  const split = rest.indexOf(' b/');
  if (split === -1) {
    const [a = '', b = a] = rest.split(' ');
    return { oldPath: stripPrefix(a), newPath: stripPrefix(b) };
  }
  return {
    oldPath: stripPrefix(rest.slice(0, split)),
    newPath: stripPrefix(unquotePath(rest.slice(split + 1))),
  };
}

function findClosingQuote(text: string): number {
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === '"') return i;
  }
  return text.length - 1;
}

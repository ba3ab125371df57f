function lineEnd(s: string, from: number): number {
  const nl = s.indexOf('\n', from);
  return nl < 0 ? s.length : nl;
}

function trimEndBlanks(s: string, from: number, to: number): string {
  let e = to;
  while (e > from && (s.charCodeAt(e - 1) === 32 || s.charCodeAt(e - 1) === 9)) e--;
  return s.slice(from, e);
}

/**
 * Reads a help block the way conf's scanner does in its HELP state: the first text line sets the
 * indentation (tabs to multiples of 8); the block ends at a line indented less, or at a line
 * break followed by a character in the first column. Returns the text, where reading stopped and
 * how many line breaks it consumed.
 */
export function readHelpText(
  s: string,
  start: number,
): { text: string; end: number; lines: number } {
  let pos = start;
  let lines = 0;

  let text = '';
  let firstTs = 0;
  let lastTs = 0;
  while (pos < s.length) {
    const c = s[pos];
    if (c === ' ' || c === '\t') {
      let end = pos;
      let ts = 0;
      while (end < s.length && (s[end] === ' ' || s[end] === '\t')) {
        ts = s[end] === '\t' ? (ts & ~7) + 8 : ts + 1;
        end++;
      }
      if (s[end] === '\n' || end >= s.length) {
        if (end >= s.length) {
          pos = end;
          break;
        }
        // a blank line: ends the help when the next line starts with a non-blank character
        pos = end + 1;
        lines++;
        const nx = s[pos];
        if (nx !== undefined && nx !== ' ' && nx !== '\t' && nx !== '\n')
          return { text, end: pos, lines };
        text += '\n';
        continue;
      }
      lastTs = ts;
      pos = end;
      if (firstTs) {
        if (ts < firstTs) return { text, end: pos, lines };
        text += ' '.repeat(ts - firstTs);
      }
      continue;
    }
    if (c === '\n') {
      pos++;
      lines++;
      const nx = s[pos];
      if (nx !== undefined && nx !== ' ' && nx !== '\t' && nx !== '\n')
        return { text, end: pos, lines };
      text += '\n';
      continue;
    }
    const end = lineEnd(s, pos);
    text += trimEndBlanks(s, pos, end);
    pos = end;
    if (!firstTs) firstTs = lastTs;
  }
  return { text, end: pos, lines };
}

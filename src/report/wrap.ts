// Prose in replies is wrapped at 72 columns, as on the kernel lists; preformatted lines (indented
// ones: tables, conf output, code) are never wrapped.

const WIDTH = 72;

/** Wraps each paragraph of `text` at `width`; indented lines and blank lines are kept as they are. */
export function wrapProse(text: string, width = WIDTH): string {
  const out: string[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) out.push(...wrapWords(paragraph.join(' '), width));
    paragraph = [];
  };
  for (const line of text.split('\n')) {
    if (line.trim() === '' || /^\s/.test(line) || /^[-*] /.test(line)) {
      flush();
      out.push(...(/^[-*] /.test(line) ? wrapWords(line, width, '  ') : [line.trimEnd()]));
    } else paragraph.push(line.trim());
  }
  flush();
  return out.join('\n');
}

function wrapWords(text: string, width: number, hanging = ''): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const prefix = lines.length === 0 ? '' : hanging;
    if (current === '') current = prefix + word;
    else if (current.length + 1 + word.length <= width) current += ` ${word}`;
    else {
      lines.push(current);
      current = hanging + word;
    }
  }
  if (current !== '') lines.push(current);
  return lines;
}

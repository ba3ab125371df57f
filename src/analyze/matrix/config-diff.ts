// A unified diff of one target's .config before and after the series, for the JSON consumer who
// wants the lines themselves (comments, "is not set", order), not only the changed values. The
// diff is jsdiff's; its edit length is bounded, so a hostile series that rewrites a whole
// .config costs a bounded amount of work and simply gets no diff.
import { createTwoFilesPatch } from 'diff';

/** Edits beyond which no diff is made (a real series changes tens of lines, not thousands). */
const MAX_EDIT_LENGTH = 2000;
/** Lines of diff kept; a longer one is cut with a line saying how much was left out. */
const MAX_LINES = 400;

/**
 * The .config texts as a unified diff without context, headed `a/<label>` and `b/<label>`;
 * undefined when they are equal or differ in more than MAX_EDIT_LENGTH edits.
 */
export function configDiff(label: string, before: string, after: string): string | undefined {
  if (before === after) return undefined;
  const patch = createTwoFilesPatch(
    `a/${label}`,
    `b/${label}`,
    before,
    after,
    undefined,
    undefined,
    {
      context: 0,
      maxEditLength: MAX_EDIT_LENGTH,
    },
  );
  if (patch === undefined) return undefined;
  // jsdiff heads its output with an "Index:" and a "====" line that git and patch do not write.
  const lines = patch.split('\n');
  const start = lines.findIndex((l) => l.startsWith('--- '));
  const body = lines.slice(Math.max(start, 0));
  if (body.at(-1) === '') body.pop();
  // A one-line range is written without its count, as git and GNU diff write it.
  for (const [i, line] of body.entries()) {
    if (line.startsWith('@@ ')) body[i] = line.replace(/([-+]\d+),1(?=[ ])/g, '$1');
  }
  if (body.length <= MAX_LINES) return `${body.join('\n')}\n`;
  const cut = body.slice(0, MAX_LINES);
  return `${cut.join('\n')}\n... ${body.length - MAX_LINES} more lines of diff not shown\n`;
}

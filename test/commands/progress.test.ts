import { describe, expect, it } from 'vitest';
import { progressReporter } from '../../src/commands/progress.ts';

const sink = (isTTY: boolean) => {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, write: (c: string) => chunks.push(c) } };
};

describe('progressReporter()', () => {
  it('writes plain lines when stderr is not a terminal', () => {
    const { chunks, stream } = sink(false);
    const progress = progressReporter(stream, () => 0);
    progress('applying 3 patch(es)');
    progress.done();
    expect(chunks).toEqual(['kreview: applying 3 patch(es)\n']);
  });

  it('rewrites one status line with the elapsed time on a terminal, and ends it once', () => {
    const { chunks, stream } = sink(true);
    let t = 0;
    const progress = progressReporter(stream, () => t);
    t = 1500;
    progress('evaluating x86_64');
    t = 4250;
    progress('evaluating arm');
    progress.done();
    progress.done();
    expect(chunks).toEqual([
      '\r\x1b[Kkreview: evaluating x86_64 (1.5 s)',
      '\r\x1b[Kkreview: evaluating arm (4.3 s)',
      '\n',
    ]);
  });
});

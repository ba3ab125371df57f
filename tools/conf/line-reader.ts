// Lines from a stream the way conf's fgets(line, 128, stdin) takes them: up to and including the
// newline, at most 127 characters at a time, a last line without newline at the end, then null.
import type { Readable } from 'node:stream';

/** Reads `stream` a line at a time, on demand (a writer that never stops is fine). */
export function lineReader(stream: Readable, max = 127): { readLine(): Promise<string | null> } {
  let buffer = '';
  let ended = false;
  let wake: (() => void) | undefined;
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffer += chunk;
    // hold the writer back while a long answer is pending, as a pipe would
    if (buffer.length > 1 << 16) stream.pause();
    wake?.();
  });
  stream.on('end', () => {
    ended = true;
    wake?.();
  });
  stream.on('error', () => {
    ended = true;
    wake?.();
  });
  return {
    async readLine() {
      for (;;) {
        const nl = buffer.indexOf('\n');
        const take =
          nl >= 0 && nl < max ? nl + 1 : buffer.length >= max ? max : ended ? buffer.length : 0;
        if (take > 0) {
          const line = buffer.slice(0, take);
          buffer = buffer.slice(take);
          if (buffer.length < 1 << 15) stream.resume();
          return line;
        }
        if (ended) return null;
        stream.resume();
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
    },
  };
}

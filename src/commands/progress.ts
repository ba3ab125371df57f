// What a person sees while kreview works: on a terminal one status line, rewritten in place,
// with what it is doing and the time since the command started; in a log or a pipe, one plain
// line per step (a cron job's mail must stay readable). Every command reports through this.
import type { CommandIo } from './command.ts';

export interface Progress {
  /** Says what kreview is doing now. */
  (message: string): void;
  /** Ends the status line (a no-op when there is none), before other output goes to stderr. */
  done(): void;
}

/** A reporter on the command's stderr; `now` is injected so tests need no real clock. */
export function progressReporter(
  stderr: CommandIo['stderr'],
  now: () => number = () => performance.now(),
): Progress {
  const start = now();
  let open = false;
  const report = ((message: string) => {
    if (stderr.isTTY !== true) {
      stderr.write(`kreview: ${message}\n`);
      return;
    }
    const seconds = ((now() - start) / 1000).toFixed(1);
    // \r and "erase line": the status line replaces itself.
    stderr.write(`\r\x1b[Kkreview: ${message} (${seconds} s)`);
    open = true;
  }) as Progress;
  report.done = () => {
    if (open) stderr.write('\n');
    open = false;
  };
  return report;
}

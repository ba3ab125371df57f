// CPU seconds used so far by a live process and everything under it, read from Linux's /proc:
// for bench:watch, to give each series a watch pass reviews its own CPU time. A long-lived child
// (git cat-file --batch) is counted while it runs, a finished one through its parent's cutime,
// so nothing is counted twice.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** The pids of `pid`'s children (none when it is gone). */
export function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter((s) => s !== '')
      .map(Number);
  } catch {
    return [];
  }
}

/** utime + stime + cutime + cstime of `pid` and its live descendants, in seconds. */
export function treeCpuSeconds(pid: number): number {
  let ticks = 0;
  const stack = [pid];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${next}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile: its time is in its parent's cutime once reaped
    }
    // Fields after the command name (which may hold spaces), from field 3: utime is field 14.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    for (const i of [11, 12, 13, 14]) ticks += Number(fields[i] ?? 0);
    stack.push(...childPids(next));
  }
  return ticks / TICKS;
}

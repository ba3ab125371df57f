// A lock file beside a build directory, so two processes (a test worker, the benchmark, the full
// differential script) never run make in the same builddir at once.
import { open, readFile, unlink } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { KreviewError } from '../../src/domain/errors.ts';

const POLL_MS = 150;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function tryTake(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'wx');
    await handle.writeFile(`${process.pid}\n`);
    await handle.close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  }
}

async function clearIfStale(path: string): Promise<void> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  const pid = Number.parseInt(text ?? '', 10);
  // An empty file is a lock being written right now; only a dead owner makes it stale.
  if (Number.isInteger(pid) && pid > 0 && !alive(pid)) await unlink(path).catch(() => undefined);
}

/** Runs `body` while holding the lock file `path`; waits (up to `timeoutMs`) for another holder. */
export async function withLock<T>(
  path: string,
  body: () => Promise<T>,
  timeoutMs = 20 * 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (!(await tryTake(path))) {
    await clearIfStale(path);
    if (Date.now() > deadline) {
      throw new KreviewError(`Cannot lock "${path}": another process holds it`, 'INTERNAL', {
        hint: 'remove the lock file if no kreview process is running',
      });
    }
    await sleep(POLL_MS);
  }
  try {
    return await body();
  } finally {
    await unlink(path).catch(() => undefined);
  }
}

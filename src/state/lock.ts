// One watcher run at a time. The lock is an exclusive SQLite lock on a file of its own: the
// operating system drops it when the process ends, however it ends (SIGKILL included), so a crashed
// run never leaves a stale lock behind.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { KreviewError } from '../domain/errors.ts';

const LOCK_FILE = 'run.lock';
const OWNER_FILE = 'run.owner';

/** A held run lock; `release()` lets the next run in. */
export interface RunLock {
  release(): void;
}

/** Takes the run lock of `dir` or throws at once, naming the run that holds it. */
export function takeRunLock(dir: string, pid: number, now: Date): RunLock {
  mkdirSync(dir, { recursive: true });
  const db = new DatabaseSync(join(dir, LOCK_FILE), { timeout: 0 });
  try {
    db.exec('PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;');
  } catch (error) {
    db.close();
    throw new KreviewError(
      `Cannot start a watch run: another run is active in "${dir}"${owner(dir)}`,
      'INPUT_UNREADABLE',
      { hint: 'wait for it to finish; cron will start the next run', cause: error },
    );
  }
  writeFileSync(join(dir, OWNER_FILE), `pid ${pid} since ${now.toISOString()}\n`);
  return {
    release() {
      try {
        db.exec('ROLLBACK');
      } finally {
        db.close();
      }
    },
  };
}

function owner(dir: string): string {
  try {
    return ` (${readFileSync(join(dir, OWNER_FILE), 'utf8').trim()})`;
  } catch {
    return '';
  }
}

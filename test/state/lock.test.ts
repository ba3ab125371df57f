// The run lock: held by one process at a time, refused at once with the holder named, and free
// again as soon as the holder is killed (SIGKILL leaves no stale lock).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { takeRunLock } from '../../src/state/lock.ts';

const LOCK = resolve(import.meta.dirname, '../../src/state/lock.ts');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kreview-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('takeRunLock()', () => {
  it('takeRunLock() refuses a second holder until the first releases', () => {
    const first = takeRunLock(dir, 101, new Date('2026-11-24T10:00:00Z'));
    expect(() => takeRunLock(dir, 102, new Date())).toThrow(
      `Cannot start a watch run: another run is active in "${dir}" (pid 101 since 2026-11-24T10:00:00.000Z)`,
    );
    first.release();
    takeRunLock(dir, 103, new Date()).release();
  });

  it('takeRunLock() is free again once the process holding it is killed with SIGKILL', async () => {
    const script = `import { takeRunLock } from ${JSON.stringify(LOCK)};
takeRunLock(${JSON.stringify(dir)}, process.pid, new Date());
process.stdout.write('locked\\n');
setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((done) => child.stdout.once('data', () => done()));
    expect(() => takeRunLock(dir, 1, new Date())).toThrow(/another run is active/);
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL');
    await exited;
    takeRunLock(dir, 2, new Date()).release();
  });
});

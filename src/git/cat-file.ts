// One long-lived `git cat-file --batch`: blobs and trees by id or `rev:path`, in request order.
import { KreviewError } from '../domain/errors.ts';
import { ProcessError } from '../process/run.ts';
import type { GitProcessPort } from './process-port.ts';

/** An object as git stores it. */
export interface GitObject {
  readonly id: string;
  readonly type: 'blob' | 'tree' | 'commit' | 'tag';
  readonly data: Buffer;
}

/** Reads objects from one repository; `read` resolves to undefined for a missing object. */
export interface ObjectReader {
  read(spec: string): Promise<GitObject | undefined>;
  close(): Promise<void>;
}

interface Pending {
  readonly spec: string;
  resolve(value: GitObject | undefined): void;
  reject(error: Error): void;
}

/** Default bound on one object's size: no blob a kernel patch touches comes near it. */
export const DEFAULT_MAX_OBJECT_BYTES = 64 * 1024 * 1024;

/** Starts `git cat-file --batch` in the port's repository. */
export function openObjectReader(
  port: GitProcessPort,
  maxObjectBytes = DEFAULT_MAX_OBJECT_BYTES,
): ObjectReader {
  const child = port.spawn(['cat-file', '--batch']);
  const queue: Pending[] = [];
  let buffered: Buffer = Buffer.alloc(0);
  // When an object is too big its bytes are skipped as they come, never held.
  let body: { header: string[]; size: number; skip: boolean; parts: Buffer[]; got: number } | null =
    null;
  let failure: Error | undefined;
  let stderr = '';

  const fail = (error: Error): void => {
    failure ??= error;
    for (const p of queue.splice(0)) p.reject(failure);
  };

  const pump = (): void => {
    for (;;) {
      if (body === null) {
        const nl = buffered.indexOf(10);
        if (nl < 0) return;
        const line = buffered.subarray(0, nl).toString('utf8');
        buffered = buffered.subarray(nl + 1);
        const fields = line.split(' ');
        const last = fields[fields.length - 1];
        if (last === 'missing' || last === 'ambiguous') {
          queue.shift()?.resolve(undefined);
          continue;
        }
        const size = Number(fields[2]);
        const skip = size > maxObjectBytes;
        body = { header: fields, size, skip, parts: [], got: 0 };
        continue;
      }
      const need = body.size + 1 - body.got;
      const take = Math.min(need, buffered.length);
      if (take === 0) return;
      if (!body.skip) body.parts.push(buffered.subarray(0, take));
      body.got += take;
      buffered = buffered.subarray(take);
      if (body.got < body.size + 1) return;
      const done = body;
      body = null;
      const pending = queue.shift();
      if (pending === undefined) continue;
      if (done.skip) {
        pending.reject(
          new KreviewError(
            `Cannot read "${pending.spec}": object is ${done.size} bytes, more than the limit of ${maxObjectBytes}`,
            'GIT_FAILED',
          ),
        );
        continue;
      }
      const data = Buffer.concat(done.parts).subarray(0, done.size);
      const type = done.header[1] as GitObject['type'];
      pending.resolve({ id: done.header[0] ?? '', type, data });
    }
  };

  child.stdout.on('data', (chunk: Buffer) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    pump();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    if (stderr.length < 4096) stderr += chunk.toString('utf8');
  });
  child.stdin.on('error', (error) => fail(error));
  child.on('error', (error) =>
    fail(
      new ProcessError('git cat-file', error.message, {
        code: 'GIT_FAILED',
        hint: 'Install git and make sure it is on PATH.',
        cause: error,
      }),
    ),
  );
  const closed = new Promise<void>((resolve) => {
    child.on('close', () => {
      fail(
        new ProcessError('git cat-file', `stopped while reading objects: ${stderr.trim()}`, {
          code: 'GIT_FAILED',
          stderr,
        }),
      );
      resolve();
    });
  });

  return {
    read(spec) {
      // A newline would end the request early and shift every later answer by one.
      if (/[\n\r\0]/.test(spec)) {
        return Promise.reject(
          new KreviewError(
            `Cannot read "${JSON.stringify(spec)}": name contains a line break`,
            'GIT_FAILED',
          ),
        );
      }
      if (failure !== undefined) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        queue.push({ spec, resolve, reject });
        child.stdin.write(`${spec}\n`);
      });
    },
    async close() {
      child.stdin.end();
      await closed;
    },
  };
}

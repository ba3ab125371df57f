// Writes many new objects with one git process: they are packed (no deltas) and handed to
// `git unpack-objects`, which checks the pack and stores each object as git would.
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { KreviewError } from '../domain/errors.ts';
import { firstLines, type GitProcessPort } from './process-port.ts';
import type { ObjectType } from './tree-object.ts';

const TYPE_CODE: Record<ObjectType, number> = { commit: 1, tree: 2, blob: 3 };

/** An object to store, with the id it was computed to have. */
export interface NewObject {
  readonly id: string;
  readonly type: ObjectType;
  readonly data: Buffer;
}

/** A version 2 pack of the objects, each stored whole. */
export function packObjects(objects: readonly NewObject[]): Buffer {
  const header = Buffer.alloc(12);
  header.write('PACK', 0, 'latin1');
  header.writeUInt32BE(2, 4);
  header.writeUInt32BE(objects.length, 8);
  const parts: Buffer[] = [header];
  for (const object of objects) {
    parts.push(objectHeader(TYPE_CODE[object.type], object.data.length), deflateSync(object.data));
  }
  const body = Buffer.concat(parts);
  return Buffer.concat([body, createHash('sha1').update(body).digest()]);
}

// Type in bits 4-6 of the first byte, size in 4 bits then 7 bits per byte, low bits first.
function objectHeader(type: number, size: number): Buffer {
  const bytes: number[] = [];
  let rest = Math.floor(size / 16);
  let byte = (type << 4) | (size & 0x0f);
  while (rest > 0) {
    bytes.push(byte | 0x80);
    byte = rest & 0x7f;
    rest = Math.floor(rest / 128);
  }
  bytes.push(byte);
  return Buffer.from(bytes);
}

/** Stores the objects in the repository (objects only: no ref, index or file changes). */
export async function writeObjects(
  port: GitProcessPort,
  objects: readonly NewObject[],
): Promise<void> {
  if (objects.length === 0) return;
  const result = await port.run(['unpack-objects', '-q'], { input: packObjects(objects) });
  if (result.status !== 0) {
    throw new KreviewError(
      `Cannot write ${objects.length} objects: ${firstLines(result.stderr)}`,
      'GIT_FAILED',
    );
  }
}

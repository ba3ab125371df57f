// A short key for a long text (a .config is 100-300 kB). V8 hashes a string of more than 16k
// characters by its length alone, so long strings as Map keys collide whenever their lengths
// match and every lookup compares them character by character; a digest keeps lookups cheap.
import { createHash } from 'node:crypto';

/** The SHA-1 of a text, with its length (so a collision would also need equal lengths). */
export function textKey(text: string): string {
  return `${text.length}:${createHash('sha1').update(text).digest('base64')}`;
}

// Reading the fields of the watch config: typed getters that turn a wrong value into a usage
// error naming the field and the file.
import { KreviewError } from '../domain/errors.ts';

export type Json = Record<string, unknown>;

/** True for a JSON object (not an array, not null). */
export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True for a list of strings. */
export function isStrings(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string');
}

/** A required non-empty string field. */
export function reqString(o: Json, key: string, path: string, where = ''): string {
  const v = optString(o, key, path, where);
  if (v === undefined) throw bad(path, `${where === '' ? '' : `${where}.`}${key} is missing`);
  return v;
}

/** An optional non-empty string field. */
export function optString(o: Json, key: string, path: string, where = ''): string | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v === '')
    throw bad(path, `${where === '' ? '' : `${where}.`}${key} must be a non-empty string`);
  return v;
}

/** An optional non-negative number field; `where` names the object it is in (`lists[0] ("kbuild")`). */
export function optNumber(o: Json, key: string, path: string, where = ''): number | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
    throw bad(path, `${where === '' ? `"${key}"` : `${where}.${key}`} must be a number`);
  return v;
}

/** The usage error for a config problem. */
export function bad(path: string, detail: string): KreviewError {
  return new KreviewError(`Cannot use the watch config "${path}": ${detail}`, 'USAGE', {
    hint: 'see "kreview watch --help" for an example config',
  });
}

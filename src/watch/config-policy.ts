// The `policy` object of a list in the watch config: each field checked, every mistake a usage
// error naming the file, the list and the field; a field left out takes the quiet default.
import type { Severity } from '../domain/finding.ts';
import { bad, isObject, isStrings } from './config-fields.ts';
import { DEFAULT_POLICY, type ReplyPolicy, type ReplyTo } from './policy.ts';

const REPLY_TO: readonly ReplyTo[] = ['author', 'author+list', 'list'];
const SEVERITIES: readonly Severity[] = ['info', 'warning', 'error'];
const FIELDS = new Set([
  'replyTo',
  'listAddress',
  'quietWhenClean',
  'embargoHours',
  'onlyKconfig',
  'minSeverity',
  'optOutAddresses',
  'optOutSubjects',
  'replyOnApplyFailure',
  'optOutLine',
  'repeatStillThere',
]);

/** Reads `raw` (the list's `policy`, maybe absent) for the list named in `where`. */
export function readPolicy(raw: unknown, where: string, path: string): ReplyPolicy {
  if (raw === undefined) return DEFAULT_POLICY;
  const at = `${where}.policy`;
  if (!isObject(raw)) throw bad(path, `${at} is not an object`);
  for (const key of Object.keys(raw))
    if (!FIELDS.has(key))
      throw bad(path, `${at}.${key} is not a policy field (${[...FIELDS].join(', ')})`);
  const oneOf = <T extends string>(key: string, allowed: readonly T[], fallback: T): T => {
    const v = raw[key];
    if (v === undefined) return fallback;
    if (typeof v !== 'string' || !allowed.includes(v as T))
      throw bad(path, `${at}.${key} must be ${allowed.map((a) => `"${a}"`).join(', ')}`);
    return v as T;
  };
  const flag = (key: string, fallback: boolean): boolean => {
    const v = raw[key];
    if (v === undefined) return fallback;
    if (typeof v !== 'boolean') throw bad(path, `${at}.${key} must be true or false`);
    return v;
  };
  const words = (key: string): string[] => {
    const v = raw[key] ?? [];
    if (!isStrings(v) || v.some((s) => s.trim() === ''))
      throw bad(path, `${at}.${key} must be a list of non-empty strings`);
    return v.map((s) => s.trim().toLowerCase());
  };
  const hours = raw.embargoHours ?? DEFAULT_POLICY.embargoHours;
  if (typeof hours !== 'number' || !Number.isFinite(hours) || hours < 0)
    throw bad(path, `${at}.embargoHours must be a number of hours, 0 or more`);
  const listAddress = raw.listAddress;
  if (
    listAddress !== undefined &&
    (typeof listAddress !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(listAddress))
  )
    throw bad(path, `${at}.listAddress must be a mail address`);
  const optOutLine = raw.optOutLine;
  if (
    optOutLine !== undefined &&
    (typeof optOutLine !== 'string' ||
      optOutLine.trim() === '' ||
      /[\r\n]/.test(optOutLine) ||
      optOutLine.length > 80)
  )
    throw bad(path, `${at}.optOutLine must be one line of at most 80 characters`);
  const addresses = words('optOutAddresses');
  const notAddress = addresses.find((a) => !/^[^@\s]+@[^@\s]+$/.test(a));
  if (notAddress !== undefined)
    throw bad(path, `${at}.optOutAddresses: "${notAddress}" is not a mail address`);
  return {
    replyTo: oneOf('replyTo', REPLY_TO, DEFAULT_POLICY.replyTo),
    listAddress,
    quietWhenClean: flag('quietWhenClean', DEFAULT_POLICY.quietWhenClean),
    embargoHours: hours,
    onlyKconfig: flag('onlyKconfig', DEFAULT_POLICY.onlyKconfig),
    minSeverity: oneOf('minSeverity', SEVERITIES, DEFAULT_POLICY.minSeverity),
    optOutAddresses: addresses,
    optOutSubjects: words('optOutSubjects'),
    replyOnApplyFailure: flag('replyOnApplyFailure', DEFAULT_POLICY.replyOnApplyFailure),
    repeatStillThere: flag('repeatStillThere', DEFAULT_POLICY.repeatStillThere),
    optOutLine,
  };
}

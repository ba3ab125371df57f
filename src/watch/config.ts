// The watcher's configuration (JSON): where mail comes from per list, the kernel tree and base,
// the matrix presets, the delivery policy, and the state directory. Read once, checked whole,
// and every path resolved against the config file's directory.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { KreviewError } from '../domain/errors.ts';
import {
  bad,
  isObject,
  isStrings,
  type Json,
  optNumber,
  optString,
  reqString,
} from './config-fields.ts';
import { readPolicy } from './config-policy.ts';
import type { ReplyPolicy } from './policy.ts';

export type DeliveryMode = 'print' | 'outbox' | 'send';

/** Where one list's mail comes from. */
export type ListSource =
  | { readonly kind: 'lore'; readonly url: string; readonly feed: 'search' | 'atom' }
  | { readonly kind: 'mbox'; readonly path: string }
  | { readonly kind: 'maildir'; readonly path: string }
  | { readonly kind: 'patchwork'; readonly url: string; readonly project: string };

export interface SmtpConfig {
  readonly host: string;
  readonly port: number;
  readonly tls: 'tls' | 'starttls' | 'none';
  readonly user: string | undefined;
}

/** One watched list. */
export interface ListConfig {
  readonly name: string;
  readonly source: ListSource;
  readonly base: string | undefined;
  /** Remotes fetched at the start of each pass, and asked for a base-commit the tree lacks. */
  readonly remotes: readonly string[];
  readonly presets: readonly string[];
  readonly derive: boolean;
  readonly delivery: {
    readonly mode: DeliveryMode;
    readonly outbox: string | undefined;
    readonly smtp: SmtpConfig | undefined;
    /** Post Patchwork checks to this Patchwork (token from $KREVIEW_PATCHWORK_TOKEN). */
    readonly patchwork: string | undefined;
    readonly mutedAuthors: readonly string[];
  };
  /** Who gets mail, about which series, and when (see policy.ts; quiet by default). */
  readonly policy: ReplyPolicy;
}

export interface WatchConfig {
  readonly stateDir: string;
  readonly tree: string;
  readonly from: string | undefined;
  /** How long after its newest patch an incomplete series is reviewed anyway. */
  readonly graceMinutes: number;
  /** Where a list's first listing starts (Unix seconds). */
  readonly since: number;
  readonly lists: readonly ListConfig[];
  /** HTTP retry policy overrides (attempts, backoffMs, timeoutMs, maxBytes). */
  readonly http: Partial<Record<'attempts' | 'backoffMs' | 'timeoutMs' | 'maxBytes', number>>;
}

/** Reads and checks the config at `path`; every problem is a usage error naming the field. */
export async function readWatchConfig(path: string, now: Date): Promise<WatchConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new KreviewError(`Cannot read the watch config "${path}": no such file`, 'USAGE', {
      hint: 'pass --config with a JSON file; see "kreview watch --help"',
      cause: error,
    });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw bad(path, `it is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isObject(raw)) throw bad(path, 'it is not a JSON object');
  const dir = dirname(resolve(path));
  const at = (p: string) => resolve(dir, p);
  const lists = raw.lists;
  if (!Array.isArray(lists) || lists.length === 0)
    throw bad(path, '"lists" must name at least one list');
  const since = optString(raw, 'since', path);
  const sinceMs = since === undefined ? now.getTime() - 2 * 86_400_000 : Date.parse(since);
  if (Number.isNaN(sinceMs)) throw bad(path, `"since" is not a date: "${since}"`);
  return {
    stateDir: at(reqString(raw, 'stateDir', path)),
    tree: at(reqString(raw, 'tree', path)),
    from: optString(raw, 'from', path),
    graceMinutes: optNumber(raw, 'graceMinutes', path) ?? 24 * 60,
    since: Math.floor(sinceMs / 1000),
    lists: lists.map((l, i) => readList(l, `lists[${i}]`, path, at)),
    http: readHttp(raw.http, path),
  };
}

function readHttp(raw: unknown, path: string): WatchConfig['http'] {
  if (raw === undefined) return {};
  if (!isObject(raw)) throw bad(path, '"http" is not an object');
  const out: Record<string, number> = {};
  for (const key of ['attempts', 'backoffMs', 'timeoutMs', 'maxBytes'] as const) {
    const v = optNumber(raw, key, path);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

function readList(
  raw: unknown,
  index: string,
  path: string,
  at: (p: string) => string,
): ListConfig {
  if (!isObject(raw)) throw bad(path, `${index} is not an object`);
  const name = reqString(raw, 'name', path, index);
  // Every later error names the list as well as its place: lists[1] ("linux-kbuild").
  const where = `${index} ("${name}")`;
  const lore = optString(raw, 'lore', path, where);
  const mbox = optString(raw, 'mbox', path, where);
  const maildir = optString(raw, 'maildir', path, where);
  const pw = raw.patchwork;
  if (pw !== undefined && !isObject(pw))
    throw bad(path, `${where}.patchwork must be {"url": …, "project": …}`);
  const given = [lore, mbox, maildir, pw].filter((s) => s !== undefined).length;
  if (given !== 1)
    throw bad(path, `${where} needs exactly one of "lore", "mbox", "maildir", "patchwork"`);
  const feed = optString(raw, 'feed', path, where) ?? 'search';
  if (feed !== 'search' && feed !== 'atom')
    throw bad(path, `${where}.feed must be "search" or "atom"`);
  const source: ListSource =
    lore !== undefined
      ? { kind: 'lore', url: lore, feed }
      : mbox !== undefined
        ? { kind: 'mbox', path: at(mbox) }
        : maildir !== undefined
          ? { kind: 'maildir', path: at(maildir) }
          : {
              kind: 'patchwork',
              url: reqString(pw as Json, 'url', path, `${where}.patchwork`),
              project: reqString(pw as Json, 'project', path, `${where}.patchwork`),
            };
  const d = raw.delivery ?? {};
  if (!isObject(d)) throw bad(path, `${where}.delivery is not an object`);
  const mode = optString(d, 'mode', path, `${where}.delivery`) ?? 'print';
  if (mode !== 'print' && mode !== 'outbox' && mode !== 'send')
    throw bad(path, `${where}.delivery.mode must be "print", "outbox" or "send"`);
  const outbox = optString(d, 'outbox', path, `${where}.delivery`);
  if (mode !== 'print' && outbox === undefined)
    throw bad(path, `${where}.delivery.outbox is needed for mode "${mode}"`);
  const smtpRaw = d.smtp;
  let smtp: SmtpConfig | undefined;
  if (isObject(smtpRaw)) {
    const tls = optString(smtpRaw, 'tls', path, `${where}.delivery.smtp`) ?? 'starttls';
    if (tls !== 'tls' && tls !== 'starttls' && tls !== 'none')
      throw bad(path, `${where}.delivery.smtp.tls must be "tls", "starttls" or "none"`);
    smtp = {
      host: reqString(smtpRaw, 'host', path, `${where}.delivery.smtp`),
      port:
        optNumber(smtpRaw, 'port', path, `${where}.delivery.smtp`) ?? (tls === 'tls' ? 465 : 587),
      tls,
      user: optString(smtpRaw, 'user', path, `${where}.delivery.smtp`),
    };
  }
  if (mode === 'send' && smtp === undefined)
    throw bad(path, `${where}.delivery.smtp is needed for mode "send"`);
  const muted = d.mutedAuthors ?? [];
  const presets = raw.presets ?? [];
  if (!isStrings(muted))
    throw bad(path, `${where}.delivery.mutedAuthors must be a list of addresses`);
  if (!isStrings(presets)) throw bad(path, `${where}.presets must be a list of preset names`);
  const remotes = raw.remotes ?? [];
  if (!isStrings(remotes) || remotes.some((r) => r.startsWith('-') || r.trim() === ''))
    throw bad(path, `${where}.remotes must be a list of git remote names or URLs`);
  return {
    name,
    source,
    base: optString(raw, 'base', path, where),
    remotes,
    presets,
    derive: raw.derive !== false,
    delivery: {
      mode,
      outbox: outbox === undefined ? undefined : at(outbox),
      smtp,
      patchwork: optString(d, 'patchwork', path, `${where}.delivery`),
      mutedAuthors: muted.map((m) => m.toLowerCase()),
    },
    policy: readPolicy(raw.policy, where, path),
  };
}

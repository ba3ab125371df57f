// Assembles the series of one thread. Decisions (b4 makes the same ones):
// - Patches are grouped by revision (vN) and total (the M of N/M); each group is one Series.
// - Duplicates (same revision and counter, e.g. a RESEND) keep the message with the newest Date,
//   the later one in the mbox on a tie, and say so in a warning; trailers given in replies to a
//   copy with the same diff are kept.
// - A revision that has no cover letter and whose every patch replies to the same counter of an
//   older revision (`[PATCH v2 3/5]` sent in reply to v1 3/5) is a partial reroll: its series is
//   the older revision with those patches replaced, under the older revision's cover letter.
// - Patches whose subjects write no revision, sent in reply to a versioned cover letter of the
//   same total (`[PATCH net-next v3 0/4]`, then `[PATCH 1/4]`…), belong to that revision, as
//   Patchwork groups them.
// - Replies that are not patches give only trailers: to the patch they reply to (directly or
//   further down), or to every patch when they reply to the cover letter.
import type { IngestWarning, MailMessage } from '../domain/message.ts';
import type { Trailer } from '../domain/patch.ts';
import type { ParsedSubject, Patch, Series } from '../domain/series.ts';
import { buildPatch } from './patch-build.ts';
import { baseReferences } from './patch-text.ts';
import { collectReplyTrailers, pickNewest } from './series-messages.ts';
import { parseSubject } from './subject.ts';
import { ancestorsOf, type Thread } from './thread.ts';
import { mergeTrailers } from './trailers.ts';

/** The series of one thread, newest revision first, and what was odd about them. */
export interface ThreadSeries {
  readonly series: Series[];
  readonly warnings: IngestWarning[];
}

const DIFF_START = /^(?:diff --git |--- \S.*\n\+\+\+ |Index: )/m;

interface Group {
  readonly version: number;
  readonly total: number;
  covers: MailMessage[];
  readonly patches: Map<number, MailMessage[]>;
}

/** Builds every revision of every series posted in one thread. */
export function assembleThread(thread: Thread): ThreadSeries {
  const warnings: IngestWarning[] = [];
  const parsed = new Map<string, ParsedSubject>();
  const groups = new Map<string, Group>();
  const subjects = new Map(thread.messages.map((m) => [m.id, parseSubject(m.headers.subject)]));
  for (const m of thread.messages) {
    const s = coverRevision(
      subjects.get(m.id) ?? parseSubject(m.headers.subject),
      m,
      thread,
      subjects,
    );
    if (!s.isPatch || s.isReply) continue;
    // A reply that kept the patch's subject (no Re:) carries no diff: it is a reply, not a patch.
    if (s.counter > 0 && thread.parent.has(m.id) && !DIFF_START.test(m.body)) continue;
    parsed.set(m.id, s);
    const key = `${s.version}/${s.total}`;
    const group: Group = groups.get(key) ?? {
      version: s.version,
      total: s.total,
      covers: [],
      patches: new Map(),
    };
    groups.set(key, group);
    if (s.counter === 0) group.covers.push(m);
    else group.patches.set(s.counter, [...(group.patches.get(s.counter) ?? []), m]);
  }
  const given = collectReplyTrailers(thread, parsed);
  const built = new Map<string, Patch>();
  const patchOf = (m: MailMessage): Patch => {
    const cached = built.get(m.id);
    if (cached !== undefined) return cached;
    const result = buildPatch(m, parsed.get(m.id) ?? parseSubject(m.headers.subject));
    warnings.push(...result.warnings);
    const patch = {
      ...result.patch,
      trailers: mergeTrailers(result.patch.trailers, given.get(m.id) ?? []),
    };
    built.set(m.id, patch);
    return patch;
  };
  const ordered = [...groups.values()].sort((a, b) => a.version - b.version || a.total - b.total);
  const done = new Map<Group, Series>();
  for (const group of ordered) {
    const cover = pickNewest(group.covers, 'cover letter', warnings);
    const chosen = new Map<number, Patch>();
    for (const [counter, messages] of group.patches) {
      const m = pickNewest(messages, `patch ${counter}/${group.total}`, warnings);
      if (m === undefined) continue;
      let patch = patchOf(m);
      // Trailers given to an identical earlier copy (a RESEND) still hold, as b4 carries them.
      for (const other of messages) {
        if (other === m || !patchOf(other).diff.equals(patch.diff)) continue;
        patch = { ...patch, trailers: mergeTrailers(patch.trailers, given.get(other.id) ?? []) };
      }
      chosen.set(counter, patch);
    }
    const base = cover === undefined ? rerollBase(thread, group, ordered, parsed, done) : undefined;
    const patches = new Map(base === undefined ? [] : base.patches.map((p) => [p.index, p]));
    for (const [counter, patch] of chosen) patches.set(counter, patch);
    const series = makeSeries(thread, group, cover ?? base?.cover, [...patches.values()], given);
    done.set(group, series);
  }
  const series = [...done.values()].sort(
    (a, b) => b.version - a.version || firstPosition(a) - firstPosition(b),
  );
  return { series, warnings };
}

// A patch that writes no revision takes the one of the versioned cover letter it replies to.
function coverRevision(
  s: ParsedSubject,
  m: MailMessage,
  thread: Thread,
  subjects: ReadonlyMap<string, ParsedSubject>,
): ParsedSubject {
  if (s.versionWritten || s.counter === 0 || !s.isPatch || s.isReply) return s;
  const parent = thread.parent.get(m.id);
  const cover = parent === undefined ? undefined : subjects.get(parent);
  if (cover === undefined || !cover.isPatch || cover.isReply || cover.counter !== 0) return s;
  if (!cover.versionWritten || cover.total !== s.total) return s;
  return { ...s, version: cover.version };
}

function makeSeries(
  thread: Thread,
  group: Group,
  cover: MailMessage | undefined,
  found: Patch[],
  given: ReadonlyMap<string, Trailer[]>,
): Series {
  const coverTrailers = cover === undefined ? [] : (given.get(cover.id) ?? []);
  const patches = found
    .sort((a, b) => a.index - b.index)
    .map((p) =>
      coverTrailers.length === 0 ? p : { ...p, trailers: mergeTrailers(p.trailers, coverTrailers) },
    );
  const present = new Set(patches.map((p) => p.index));
  const total = Math.max(group.total, ...patches.map((p) => p.index));
  const missing: number[] = [];
  for (let i = 1; i <= total; i++) if (!present.has(i)) missing.push(i);
  const first = patches[0];
  const coverBase =
    cover === undefined ? undefined : baseReferences(cover.body.split('\n')).baseCommit;
  return {
    isRfc:
      (cover === undefined ? first?.parsedSubject : parseSubject(cover.headers.subject))?.isRfc ??
      false,
    subject:
      cover === undefined
        ? (first?.parsedSubject.title ?? '')
        : parseSubject(cover.headers.subject).title,
    version: group.version,
    author: cover?.headers.from ?? first?.author,
    total,
    cover,
    patches,
    missing,
    baseCommit: coverBase ?? patches.find((p) => p.baseCommit !== undefined)?.baseCommit,
    messageId: cover?.id ?? first?.messageId ?? thread.root,
    threadRoot: thread.root,
  };
}

// A coverless revision whose every patch replies to the same counter of one older revision.
function rerollBase(
  thread: Thread,
  group: Group,
  ordered: readonly Group[],
  parsed: ReadonlyMap<string, ParsedSubject>,
  done: ReadonlyMap<Group, Series>,
): Series | undefined {
  let base: Group | undefined;
  for (const [counter, messages] of group.patches) {
    for (const m of messages) {
      const up = ancestorsOf(thread, m.id).find((id) => parsed.get(id)?.counter === counter);
      const s = up === undefined ? undefined : parsed.get(up);
      const older = ordered.find(
        (g) => s !== undefined && g.version === s.version && g.total === s.total,
      );
      if (older === undefined || older.version >= group.version || older.total !== group.total)
        return undefined;
      if (base !== undefined && base !== older) return undefined;
      base = older;
    }
  }
  return base === undefined ? undefined : done.get(base);
}

function firstPosition(s: Series): number {
  return Math.min(
    s.cover?.position ?? Number.POSITIVE_INFINITY,
    ...s.patches.map((p) => p.message.position),
  );
}

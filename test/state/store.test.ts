// The watcher's state database: a thread's record is all or nothing, replies go from written to
// delivered in order, muted replies are kept but never delivered, and a database reopened after
// the process is gone has everything committed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutgoingMail } from '../../src/report/email.ts';
import { openState, SCHEMA_VERSION, STATE_FILE } from '../../src/state/db.ts';
import type { ReviewRecord } from '../../src/state/records.ts';
import { WatchStore } from '../../src/state/store.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kreview-state-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function record(key: string): ReviewRecord {
  return {
    seriesKey: key,
    list: 'kbuild',
    messageId: `${key}@example.org`,
    version: 1,
    subject: `subject ${key}`,
    complete: true,
    applied: false,
    findings: 1,
    reviewJson: '{}',
    checks: 'none',
    mail: 'mailed',
    patches: '1',
  };
}

function mail(id: string): OutgoingMail {
  return {
    from: { name: 'Bot', address: 'bot@example.org' },
    to: [{ name: 'A', address: 'a@example.org' }],
    cc: [],
    subject: 'Re: [PATCH] x',
    date: 'Tue, 24 Nov 2026 16:30:00 +0000',
    messageId: id,
    inReplyTo: 'p@example.org',
    references: ['p@example.org'],
    body: 'text\n',
  };
}

describe('WatchStore', () => {
  it('recordThread() stores nothing of a thread when any part of it fails', () => {
    const store = new WatchStore(openState(dir));
    const broken = { ...mail('r2'), body: 1n } as unknown as OutgoingMail;
    expect(() =>
      store.recordThread({
        list: 'kbuild',
        anchor: 'p@example.org',
        messageIds: ['p@example.org', 'q@example.org'],
        reviews: [{ record: record('s1'), replies: [mail('r1'), broken], muted: false }],
        pending: undefined,
        now: '2026-11-24T00:00:00Z',
      }),
    ).toThrow();
    expect(store.seen('kbuild', 'p@example.org')).toBe(false);
    expect(store.reviewed('s1')).toBe(false);
    expect(store.counts()).toEqual({ reviews: 0, written: 0, delivered: 0, muted: 0 });
  });

  it('undelivered() lists written replies in review order; delivered and muted ones leave it', () => {
    const store = new WatchStore(openState(dir));
    const now = '2026-11-24T00:00:00Z';
    store.recordThread({
      list: 'kbuild',
      anchor: 'a',
      messageIds: ['a'],
      reviews: [
        { record: record('s1'), replies: [mail('r1a'), mail('r1b')], muted: false },
        { record: record('s2'), replies: [mail('r2a')], muted: true },
      ],
      pending: undefined,
      now,
    });
    store.recordThread({
      list: 'kbuild',
      anchor: 'b',
      messageIds: ['b'],
      reviews: [{ record: record('s3'), replies: [mail('r3a')], muted: false }],
      pending: { list: 'kbuild', anchor: 'b', seriesKey: 's4', lastPatch: now, failures: 0 },
      now,
    });
    expect(store.undelivered().map((r) => r.messageId)).toEqual(['r1a', 'r1b', 'r3a']);
    store.markDelivered(['r1a'], now);
    expect(store.undelivered().map((r) => r.messageId)).toEqual(['r1b', 'r3a']);
    expect(store.counts()).toEqual({ reviews: 3, written: 2, delivered: 1, muted: 1 });
    expect(store.pendingThreads('kbuild').map((p) => p.seriesKey)).toEqual(['s4']);
    expect(store.repliesOf('s1').map((m) => m.messageId)).toEqual(['r1a', 'r1b']);
  });

  it('recordThread() of a thread no longer pending removes it from the pending list', () => {
    const store = new WatchStore(openState(dir));
    const now = '2026-11-24T00:00:00Z';
    const pending = { list: 'kbuild', anchor: 'c', seriesKey: 's5', lastPatch: now, failures: 0 };
    store.recordThread({
      list: 'kbuild',
      anchor: 'c',
      messageIds: ['c1'],
      reviews: [],
      pending,
      now,
    });
    expect(store.pendingThreads('kbuild').length).toBe(1);
    store.recordThread({
      list: 'kbuild',
      anchor: 'c',
      messageIds: ['c1', 'c2'],
      reviews: [{ record: record('s5'), replies: [], muted: false }],
      pending: undefined,
      now,
    });
    expect(store.pendingThreads('kbuild')).toEqual([]);
    expect(store.reviewed('s5')).toBe(true);
  });

  it('a reopened database has what was committed', () => {
    const db = openState(dir);
    new WatchStore(db).setMeta('cursor:kbuild', '1702200000');
    db.close();
    expect(new WatchStore(openState(dir)).meta('cursor:kbuild')).toBe('1702200000');
  });

  it('a database of schema 1 gains the mail and patches columns, its reviews covering all patches', () => {
    const old = new DatabaseSync(join(dir, STATE_FILE));
    old.exec(`CREATE TABLE reviews (
      series_key TEXT PRIMARY KEY, list TEXT NOT NULL, message_id TEXT NOT NULL,
      version INTEGER NOT NULL, subject TEXT NOT NULL, complete INTEGER NOT NULL,
      applied INTEGER NOT NULL, findings INTEGER NOT NULL, review_json TEXT NOT NULL,
      checks TEXT NOT NULL, reviewed_at TEXT NOT NULL, seq INTEGER NOT NULL);
      INSERT INTO reviews VALUES ('old', 'kbuild', 'm@x', 1, 's', 1, 0, 0, '{}', 'none', 'now', 1);
      PRAGMA user_version = 1;`);
    old.close();
    const store = new WatchStore(openState(dir));
    expect(store.reviewedPatches('old')).toBe('all');
    expect(store.mailOutcomes('kbuild').get('old')).toEqual({ subject: 's', version: 1, mail: '' });
    store.recordThread({
      list: 'kbuild',
      anchor: 'n',
      messageIds: ['n1'],
      reviews: [{ record: { ...record('new'), patches: '1,2' }, replies: [], muted: false }],
      pending: undefined,
      now: '2024-01-01T00:00:00Z',
    });
    expect(store.reviewedPatches('new')).toEqual(new Set([1, 2]));
    expect(store.reviewedPatches('never')).toBeUndefined();
  });
  it('a database of schema 2 opens as the current schema with no revisions, and keeps the ones recorded', () => {
    const old = new DatabaseSync(join(dir, STATE_FILE));
    old.exec(`CREATE TABLE reviews (
      series_key TEXT PRIMARY KEY, list TEXT NOT NULL, message_id TEXT NOT NULL,
      version INTEGER NOT NULL, subject TEXT NOT NULL, complete INTEGER NOT NULL,
      applied INTEGER NOT NULL, findings INTEGER NOT NULL, review_json TEXT NOT NULL,
      checks TEXT NOT NULL, reviewed_at TEXT NOT NULL, seq INTEGER NOT NULL,
      mail TEXT NOT NULL DEFAULT '', patches TEXT NOT NULL DEFAULT '');
      INSERT INTO reviews VALUES ('old', 'kbuild', 'm@x', 1, 's', 1, 0, 0, '{}', 'none', 'now', 1, 'mailed', '1');
      PRAGMA user_version = 2;`);
    old.close();
    const db = openState(dir);
    expect(db.prepare('PRAGMA user_version').get()?.user_version).toBe(SCHEMA_VERSION);
    const store = new WatchStore(db);
    expect(store.revisions('kbuild')).toEqual([]);
    expect(store.reviewedPatches('old')).toEqual(new Set([1]));
    const identity = (version: number) => ({
      version,
      messageId: `v${version}@example.org`,
      author: 'ada@example.org',
      title: 'foo: add bar',
      changeId: undefined,
      messageIds: [`v${version}@example.org`],
      repliesTo: [],
      patchIds: [{ patch: 1, id: 'a'.repeat(40) }],
    });
    const mark = {
      check: 'lost-on-upgrade' as const,
      symbol: 'FOO',
      file: undefined,
      title: 'CONFIG_FOO=y becomes n on upgrade',
      severity: 'warning' as const,
      patch: 1,
    };
    const matrix = {
      spec: 'foo',
      arch: 'x86_64',
      axes: ['BAR'],
      cells: [
        { inputs: { BAR: 'y' as const }, values: { FOO: 'm' as const } },
        { inputs: { BAR: 'n' as const }, values: { FOO: 'n' as const }, unreachable: 'why' },
      ],
    };
    for (const version of [1, 2])
      store.recordThread({
        list: 'kbuild',
        anchor: `v${version}`,
        messageIds: [],
        reviews: [
          {
            record: { ...record(`k${version}`), version },
            replies: [],
            muted: false,
            revision: {
              seriesKey: `k${version}`,
              list: 'kbuild',
              identity: identity(version),
              findings: [mark],
              matrices: version === 1 ? undefined : [matrix],
            },
          },
        ],
        pending: undefined,
        now: '2024-01-01T00:00:00Z',
      });
    db.close();
    const again = new WatchStore(openState(dir));
    const kept = again.revisions('kbuild');
    expect(kept.map((r) => [r.seriesKey, r.identity.version])).toEqual([
      ['k2', 2],
      ['k1', 1],
    ]);
    expect(kept[1]?.findings[0]).toMatchObject({
      check: 'lost-on-upgrade',
      symbol: 'FOO',
      severity: 'warning',
    });
    expect(kept.map((r) => r.matrices)).toEqual([[matrix], undefined]);
    expect(again.revisions('other')).toEqual([]);
  });

  it("a database of schema 3 gains the revisions' matrices column; its revisions have none kept", () => {
    const old = new DatabaseSync(join(dir, STATE_FILE));
    old.exec(`CREATE TABLE revisions (
      series_key TEXT PRIMARY KEY, list TEXT NOT NULL, message_id TEXT NOT NULL,
      version INTEGER NOT NULL, identity_json TEXT NOT NULL, findings_json TEXT NOT NULL,
      seq INTEGER NOT NULL);
      INSERT INTO revisions VALUES ('k1', 'kbuild', 'v1@x', 1, '{"version":1}', '[]', 1);
      PRAGMA user_version = 3;`);
    old.close();
    const db = openState(dir);
    expect(db.prepare('PRAGMA user_version').get()?.user_version).toBe(SCHEMA_VERSION);
    const kept = new WatchStore(db).revisions('kbuild');
    db.close();
    expect(kept).toEqual([
      {
        seriesKey: 'k1',
        list: 'kbuild',
        identity: { version: 1 },
        findings: [],
        matrices: undefined,
      },
    ]);
  });
});

describe('openState() and the schema version', () => {
  it('refuses a database a newer kreview wrote, naming both versions, and leaves it as it was', () => {
    const where = mkdtempSync(join(tmpdir(), 'kreview-state-'));
    try {
      const newer = new DatabaseSync(join(where, STATE_FILE));
      newer.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
      newer.close();
      expect(() => openState(where)).toThrow(
        `it has schema version ${SCHEMA_VERSION + 1}, newer than the ${SCHEMA_VERSION} this kreview knows`,
      );
      const again = new DatabaseSync(join(where, STATE_FILE));
      const tables = again.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
      again.close();
      expect(tables).toEqual([]);
    } finally {
      rmSync(where, { recursive: true, force: true });
    }
  });
});

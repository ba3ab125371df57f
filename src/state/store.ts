// What the watcher remembers between runs, as small typed operations on the state database:
// messages seen, series waiting for their missing patches, reviews made, and the reply outbox.
import type { DatabaseSync } from 'node:sqlite';
import type { OutgoingMail } from '../domain/outgoing-mail.ts';
import { transaction } from './db.ts';
import type { PendingThread, ReviewRecord, StoredReply, StoredRevision } from './records.ts';

/** The state operations the watcher uses, bound to one database. */
export class WatchStore {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  /** True when `messageId` of `list` was handled by an earlier run. */
  seen(list: string, messageId: string): boolean {
    return (
      this.#db
        .prepare('SELECT 1 FROM messages WHERE list = ? AND message_id = ?')
        .get(list, messageId) !== undefined
    );
  }

  /** When `messageId` of `list` was first recorded as seen (ISO 8601), if it was. */
  firstSeen(list: string, messageId: string): string | undefined {
    const row = this.#db
      .prepare('SELECT seen_at FROM messages WHERE list = ? AND message_id = ?')
      .get(list, messageId);
    return row === undefined ? undefined : String(row.seen_at);
  }

  /** True when this series revision was reviewed before (a repost is the same key). */
  reviewed(seriesKey: string): boolean {
    return (
      this.#db.prepare('SELECT 1 FROM reviews WHERE series_key = ?').get(seriesKey) !== undefined
    );
  }

  /**
   * The patch numbers the reviews of this series revision covered (its first review and any of
   * a repost with more patches, keyed `<key>~<patches>`); undefined when it was never reviewed,
   * 'all' for a review that did not record them.
   */
  reviewedPatches(seriesKey: string): ReadonlySet<number> | 'all' | undefined {
    const rows = this.#db
      .prepare("SELECT patches FROM reviews WHERE series_key = ? OR series_key LIKE ? || '~%'")
      .all(seriesKey, seriesKey);
    if (rows.length === 0) return undefined;
    const covered = new Set<number>();
    for (const row of rows) {
      const text = String(row.patches);
      if (text === '') return 'all';
      for (const n of text.split(',')) covered.add(Number(n));
    }
    return covered;
  }

  /** A stored value of the meta table, such as a source's poll cursor. */
  meta(key: string): string | undefined {
    const row = this.#db.prepare('SELECT value FROM meta WHERE key = ?').get(key);
    return row === undefined ? undefined : String(row.value);
  }

  setMeta(key: string, value: string): void {
    this.#db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, value);
  }

  /** Threads to fetch again because a series in them was not ready. */
  pendingThreads(list: string): PendingThread[] {
    return this.#db
      .prepare(
        'SELECT anchor, series_key, last_patch, failures FROM pending WHERE list = ? ORDER BY anchor',
      )
      .all(list)
      .map((r) => ({
        list,
        anchor: String(r.anchor),
        seriesKey: String(r.series_key),
        lastPatch: String(r.last_patch),
        failures: Number(r.failures),
      }));
  }

  /**
   * Records what one thread gave, in one transaction: its messages as seen, its reviews with
   * their replies (state `written`, or `muted`), and whether the thread is still pending.
   */
  recordThread(input: {
    list: string;
    anchor: string;
    messageIds: readonly string[];
    reviews: readonly {
      record: ReviewRecord;
      replies: readonly OutgoingMail[];
      muted: boolean;
      /** The revision and its findings, kept to compare the next revision with. */
      revision?: StoredRevision | undefined;
    }[];
    pending: PendingThread | undefined;
    now: string;
  }): void {
    const db = this.#db;
    transaction(db, () => {
      const seen = db.prepare(
        'INSERT OR IGNORE INTO messages (list, message_id, seen_at) VALUES (?, ?, ?)',
      );
      for (const id of input.messageIds) seen.run(input.list, id, input.now);
      for (const { record, replies, muted, revision } of input.reviews) {
        const next = db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM reviews').get();
        if (revision !== undefined)
          db.prepare(
            `INSERT OR REPLACE INTO revisions (series_key, list, message_id, version, identity_json,
               findings_json, seq, matrices_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(
            revision.seriesKey,
            revision.list,
            revision.identity.messageId,
            revision.identity.version,
            JSON.stringify(revision.identity),
            JSON.stringify(revision.findings),
            Number(next?.n ?? 1),
            revision.matrices === undefined ? null : JSON.stringify(revision.matrices),
          );
        db.prepare(
          `INSERT OR IGNORE INTO reviews (series_key, list, message_id, version, subject, complete,
             applied, findings, review_json, checks, reviewed_at, seq, mail, patches)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          record.seriesKey,
          record.list,
          record.messageId,
          record.version,
          record.subject,
          record.complete ? 1 : 0,
          record.applied ? 1 : 0,
          record.findings,
          record.reviewJson,
          record.checks,
          input.now,
          Number(next?.n ?? 1),
          record.mail,
          record.patches,
        );
        const insert = db.prepare(
          'INSERT OR IGNORE INTO replies (message_id, series_key, seq, mail_json, state) VALUES (?, ?, ?, ?, ?)',
        );
        replies.forEach((mail, i) => {
          insert.run(
            mail.messageId,
            record.seriesKey,
            i,
            JSON.stringify(mail),
            muted ? 'muted' : 'written',
          );
        });
      }
      db.prepare('DELETE FROM pending WHERE list = ? AND anchor = ?').run(input.list, input.anchor);
      const p = input.pending;
      if (p !== undefined)
        db.prepare(
          'INSERT INTO pending (list, anchor, series_key, last_patch, failures) VALUES (?, ?, ?, ?, ?)',
        ).run(p.list, p.anchor, p.seriesKey, p.lastPatch, p.failures);
    });
  }

  /** The revisions reviewed on `list`, the last reviewed first (the candidates a new one follows). */
  revisions(list: string): StoredRevision[] {
    return this.#db
      .prepare(
        `SELECT series_key, list, identity_json, findings_json, matrices_json FROM revisions
         WHERE list = ? ORDER BY seq DESC`,
      )
      .all(list)
      .map((r) => ({
        seriesKey: String(r.series_key),
        list: String(r.list),
        identity: JSON.parse(String(r.identity_json)) as StoredRevision['identity'],
        findings: JSON.parse(String(r.findings_json)) as StoredRevision['findings'],
        matrices:
          r.matrices_json === null
            ? undefined
            : (JSON.parse(String(r.matrices_json)) as StoredRevision['matrices']),
      }));
  }

  /** Replies written but not delivered yet, in review order then send order. */
  undelivered(): StoredReply[] {
    return this.#db
      .prepare(
        `SELECT r.message_id, r.series_key, r.seq, r.mail_json, r.state, v.list
         FROM replies r JOIN reviews v ON v.series_key = r.series_key
         WHERE r.state = 'written' ORDER BY v.seq, r.seq`,
      )
      .all()
      .map((r) => ({
        messageId: String(r.message_id),
        seriesKey: String(r.series_key),
        list: String(r.list),
        seq: Number(r.seq),
        mail: JSON.parse(String(r.mail_json)) as OutgoingMail,
        state: 'written',
      }));
  }

  /** Every reply of one series, in send order (delivered ones too, for the outbox files). */
  repliesOf(seriesKey: string): OutgoingMail[] {
    return this.#db
      .prepare('SELECT mail_json FROM replies WHERE series_key = ? ORDER BY seq')
      .all(seriesKey)
      .map((r) => JSON.parse(String(r.mail_json)) as OutgoingMail);
  }

  /** Marks replies delivered; called right after each delivery so a crash loses at most that one. */
  markDelivered(messageIds: readonly string[], now: string): void {
    transaction(this.#db, () => {
      const update = this.#db.prepare(
        "UPDATE replies SET state = 'delivered', delivered_at = ? WHERE message_id = ?",
      );
      for (const id of messageIds) update.run(now, id);
    });
  }

  /** Reviews whose Patchwork checks are still to be posted. */
  pendingChecks(): { seriesKey: string; list: string; reviewJson: string }[] {
    return this.#db
      .prepare(
        "SELECT series_key, list, review_json FROM reviews WHERE checks = 'pending' ORDER BY seq",
      )
      .all()
      .map((r) => ({
        seriesKey: String(r.series_key),
        list: String(r.list),
        reviewJson: String(r.review_json),
      }));
  }

  markChecksPosted(seriesKey: string): void {
    this.#db.prepare("UPDATE reviews SET checks = 'posted' WHERE series_key = ?").run(seriesKey);
  }

  /** What the policy made of each review of a list, by series key (for the operator and tests). */
  mailOutcomes(list: string): Map<string, { subject: string; version: number; mail: string }> {
    const rows = this.#db
      .prepare('SELECT series_key, subject, version, mail FROM reviews WHERE list = ? ORDER BY seq')
      .all(list);
    return new Map(
      rows.map((r) => [
        String(r.series_key),
        { subject: String(r.subject), version: Number(r.version), mail: String(r.mail) },
      ]),
    );
  }

  /** Counts for the summary and the tests: reviews, and replies by state. */
  counts(): { reviews: number; written: number; delivered: number; muted: number } {
    const reviews = Number(this.#db.prepare('SELECT COUNT(*) AS n FROM reviews').get()?.n ?? 0);
    const by = (state: string) =>
      Number(
        this.#db.prepare('SELECT COUNT(*) AS n FROM replies WHERE state = ?').get(state)?.n ?? 0,
      );
    return { reviews, written: by('written'), delivered: by('delivered'), muted: by('muted') };
  }
}

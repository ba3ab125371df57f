// The watcher's state: one SQLite database (node:sqlite) in WAL mode under the state directory.
// Every change that must survive a crash together is made in one transaction.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { KreviewError } from '../domain/errors.ts';

export const STATE_FILE = 'state.sqlite';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS messages (
  list TEXT NOT NULL, message_id TEXT NOT NULL, seen_at TEXT NOT NULL,
  PRIMARY KEY (list, message_id)
);
CREATE TABLE IF NOT EXISTS pending (
  list TEXT NOT NULL, anchor TEXT NOT NULL, series_key TEXT NOT NULL, last_patch TEXT NOT NULL,
  failures INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (list, anchor)
);
CREATE TABLE IF NOT EXISTS reviews (
  series_key TEXT PRIMARY KEY, list TEXT NOT NULL, message_id TEXT NOT NULL,
  version INTEGER NOT NULL, subject TEXT NOT NULL, complete INTEGER NOT NULL,
  applied INTEGER NOT NULL, findings INTEGER NOT NULL, review_json TEXT NOT NULL,
  checks TEXT NOT NULL, reviewed_at TEXT NOT NULL, seq INTEGER NOT NULL,
  mail TEXT NOT NULL DEFAULT '', patches TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS replies (
  message_id TEXT PRIMARY KEY, series_key TEXT NOT NULL, seq INTEGER NOT NULL,
  mail_json TEXT NOT NULL, state TEXT NOT NULL, delivered_at TEXT
);
CREATE INDEX IF NOT EXISTS replies_state ON replies (state, series_key, seq);
CREATE TABLE IF NOT EXISTS revisions (
  series_key TEXT PRIMARY KEY, list TEXT NOT NULL, message_id TEXT NOT NULL,
  version INTEGER NOT NULL, identity_json TEXT NOT NULL, findings_json TEXT NOT NULL,
  seq INTEGER NOT NULL, matrices_json TEXT
);
CREATE INDEX IF NOT EXISTS revisions_list ON revisions (list, seq);
`;

/** The schema this kreview writes; an older database is migrated, a newer one refused. */
export const SCHEMA_VERSION = 4;

// A database a newer kreview wrote may hold what this one would misread or drop: stop before
// touching it, and say which versions are involved.
function refuseNewer(db: DatabaseSync, dir: string): void {
  const row = db.prepare('PRAGMA user_version').get() as { user_version?: number } | undefined;
  const found = Number(row?.user_version ?? 0);
  if (found > SCHEMA_VERSION) {
    db.close();
    throw new KreviewError(
      `Cannot open the state database in "${dir}": it has schema version ${found}, newer than the ${SCHEMA_VERSION} this kreview knows`,
      'INPUT_UNREADABLE',
      { hint: 'run the kreview that wrote it, or point "stateDir" at a new directory' },
    );
  }
}

/** Opens (creating when missing) the state database in `dir`. */
export function openState(dir: string): DatabaseSync {
  try {
    mkdirSync(dir, { recursive: true });
    const db = new DatabaseSync(join(dir, STATE_FILE), { timeout: 5000 });
    refuseNewer(db, dir);
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;');
    db.exec(SCHEMA);
    migrate(db);
    return db;
  } catch (error) {
    if (error instanceof KreviewError) throw error;
    throw new KreviewError(
      `Cannot open the state database in "${dir}": ${error instanceof Error ? error.message : String(error)}`,
      'INPUT_UNREADABLE',
      { hint: 'set "stateDir" in the config to a directory you can write to', cause: error },
    );
  }
}

// Version 2 records what the list's policy made of each review (reviews.mail) and the patches
// it covered (reviews.patches; '' in an older row means all of them). Version 3 adds the
// revisions table (created by the schema above; an older database simply has no rows in it):
// what links each reviewed revision to the next, and its findings. Version 4 keeps each
// revision's matrices after it (revisions.matrices_json), so the next revision's summary shows
// the cases that changed; NULL in an older row: its matrices were not kept, none are compared.
function migrate(db: DatabaseSync): void {
  const columns = db.prepare('PRAGMA table_info(reviews)').all();
  for (const column of ['mail', 'patches'])
    if (!columns.some((c) => c.name === column))
      db.exec(`ALTER TABLE reviews ADD COLUMN ${column} TEXT NOT NULL DEFAULT ''`);
  const revisions = db.prepare('PRAGMA table_info(revisions)').all();
  if (!revisions.some((c) => c.name === 'matrices_json'))
    db.exec('ALTER TABLE revisions ADD COLUMN matrices_json TEXT');
  db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
}

/** Runs `body` in one transaction: all of it is stored, or (on a throw or a crash) none of it. */
export function transaction<T>(db: DatabaseSync, body: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = body();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

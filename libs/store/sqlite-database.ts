import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StoreUnavailableError } from './errors';

export type SqliteDatabase = Database.Database;

/**
 * How long a writer waits for another connection's write lock before giving up. Two processes (or
 * two instances) on one file then take turns instead of failing with SQLITE_BUSY.
 */
export const BUSY_TIMEOUT_MS = 10_000;

/**
 * One row per fact. `position` is the rowid alias and is assigned by the adapter as last + 1 inside
 * the write transaction (never by AUTOINCREMENT or SQLite's own choice), so positions are 1, 2, 3,
 * ... with no gaps and a missing row shows up as a gap. `hash` is the chain hash up to and
 * including this fact (see chain.ts). The unique index on `id` is what makes appends idempotent by
 * fact id across restarts.
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS facts (
    position  INTEGER PRIMARY KEY,
    stream_id TEXT    NOT NULL,
    revision  INTEGER NOT NULL,
    id        TEXT    NOT NULL,
    type      TEXT    NOT NULL,
    data      TEXT    NOT NULL,
    metadata  TEXT    NOT NULL,
    hash      TEXT    NOT NULL
  );
  CREATE UNIQUE INDEX IF NOT EXISTS facts_by_id ON facts (id);
  CREATE UNIQUE INDEX IF NOT EXISTS facts_by_stream_revision ON facts (stream_id, revision);
`;

/** Opens (creating if needed) a ledger file with the durability settings the ledger relies on. */
export function openSqliteDatabase(path: string): SqliteDatabase {
  const inMemory = path === ':memory:' || path === '';
  if (!inMemory) mkdirSync(dirname(path), { recursive: true });
  return sqliteCall(() => {
    const db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
    // WAL lets readers run beside the one writer; FULL syncs the WAL on every commit, so an
    // acknowledged append survives a power cut (NORMAL would only survive a process crash).
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(SCHEMA);
    return db;
  });
}

/** Runs one synchronous call into SQLite with its errors translated for the port. */
export function sqliteCall<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    throw translateSqliteError(error);
  }
}

/**
 * SQLite's errors stay inside the adapter: a locked, unreadable or full database becomes the port's
 * StoreUnavailableError; anything else (a bug, a constraint we did not expect) passes through.
 */
export function translateSqliteError(error: unknown): unknown {
  if (error instanceof Database.SqliteError && /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY|CORRUPT|NOTADB)/.test(error.code)) {
    return new StoreUnavailableError(`sqlite: ${error.message} (${error.code})`, { cause: error });
  }
  return error;
}

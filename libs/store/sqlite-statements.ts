import type { Statement } from 'better-sqlite3';
import type { StoredFact } from './port';
import type { SqliteDatabase } from './sqlite-database';

/** Rows come back as arrays (no per-row object with column names) and integers as bigint. */
export type FactTuple = [position: bigint, streamId: string, revision: bigint, id: string, type: string, data: string, metadata: string];
export type HashedFactTuple = [...FactTuple, hash: string];

const FACT_COLUMNS = 'position, stream_id, revision, id, type, data, metadata';

/** Rows fetched per query when reading, subscribing or verifying: bounded memory on any ledger size. */
export const PAGE_SIZE = 1000;

/** Every statement the adapter runs, prepared once per connection. */
export interface SqliteStatements {
  readonly factById: Statement<[string], FactTuple>;
  readonly lastRevision: Statement<[string], bigint | null>;
  readonly head: Statement<[], [position: bigint, hash: string]>;
  /** the chain hash of a stream's last fact (each stream is its own chain) */
  readonly streamHead: Statement<[string], string | undefined>;
  readonly headPosition: Statement<[], bigint | null>;
  readonly insert: Statement<[bigint, string, bigint, string, string, string, string, string]>;
  readonly pageAfter: Statement<[bigint, number], FactTuple>;
  readonly hashedPageAfter: Statement<[bigint, number], HashedFactTuple>;
  readonly streamPage: Statement<[string, bigint, number], FactTuple>;
  readonly dataVersion: Statement<[], bigint>;
  readonly hashAt: Statement<[string, bigint], string | undefined>;
}

export function prepareStatements(db: SqliteDatabase): SqliteStatements {
  const tuples = <P extends unknown[], R>(sql: string) => db.prepare<P, R>(sql).raw().safeIntegers();
  const scalar = <P extends unknown[], R>(sql: string) => db.prepare<P, R>(sql).pluck().safeIntegers();
  return {
    factById: tuples(`SELECT ${FACT_COLUMNS} FROM facts WHERE id = ?`),
    // MAX over the (stream_id, revision) index is a single index probe.
    lastRevision: scalar('SELECT MAX(revision) FROM facts WHERE stream_id = ?'),
    head: tuples('SELECT position, hash FROM facts ORDER BY position DESC LIMIT 1'),
    streamHead: db.prepare<[string], string | undefined>('SELECT hash FROM facts WHERE stream_id = ? ORDER BY revision DESC LIMIT 1').pluck(),
    headPosition: scalar('SELECT MAX(position) FROM facts'),
    insert: db.prepare('INSERT INTO facts (position, stream_id, revision, id, type, data, metadata, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    pageAfter: tuples(`SELECT ${FACT_COLUMNS} FROM facts WHERE position > ? ORDER BY position LIMIT ?`),
    hashedPageAfter: tuples(`SELECT ${FACT_COLUMNS}, hash FROM facts WHERE position > ? ORDER BY position LIMIT ?`),
    streamPage: tuples(`SELECT ${FACT_COLUMNS} FROM facts WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`),
    hashAt: db.prepare<[string, bigint], string | undefined>('SELECT hash FROM facts WHERE stream_id = ? AND revision = ?').pluck().safeIntegers(),
    // Changes whenever another connection (process or instance) commits to the file.
    dataVersion: scalar('PRAGMA data_version'),
  };
}

/** Parses data and metadata once; the stored text is the JSON.stringify of what was appended. */
export function toStoredFact(row: FactTuple | HashedFactTuple): StoredFact {
  return {
    id: row[3],
    type: row[4],
    data: JSON.parse(row[5]) as Record<string, unknown>,
    metadata: JSON.parse(row[6]) as Record<string, unknown>,
    streamId: row[1],
    revision: row[2],
    position: row[0],
    json: { data: row[5], metadata: row[6] },
  };
}

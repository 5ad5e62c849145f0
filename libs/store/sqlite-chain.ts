import { setImmediate as nextTurn } from 'node:timers/promises';
import { chainHash, GENESIS_HASH } from './chain';
import type { ChainReport } from './port';
import type { SqliteDatabase } from './sqlite-database';
import type { HashedFactTuple } from './sqlite-statements';

/**
 * Walks the file in position order, one page at a time, and names the first position where it
 * stops being the chains that were written: positions must run 1..n with no gap (a deleted row),
 * and each stored hash must equal chainHash(the previous hash of its stream, the row as stored) -
 * which fails at the first changed byte, swapped or reordered row, or forged inserted row.
 */
export async function verifySqliteChain(readPage: (after: bigint) => HashedFactTuple[]): Promise<ChainReport> {
  const heads = new Map<string, { facts: number; headHash: string }>();
  let expected = 1n;
  let checked = 0;
  let last: string | null = null;
  for (;;) {
    const page = readPage(expected - 1n);
    if (page.length === 0) return { ok: true, checked, headHash: last, streams: Object.fromEntries(heads) };
    for (const row of page) {
      const head = heads.get(row[1]);
      const problem = checkRow(row, expected, head?.headHash ?? GENESIS_HASH);
      // Where this row breaks its stream's chain: the revision the stream should hold next (a moved
      // row claims another), so the CLI names the ledger position that is wrong.
      if (problem) return { ok: false, checked, ...problem, ...(problem.position === row[0] ? { at: { streamId: row[1], revision: BigInt(head?.facts ?? 0) } } : {}) };
      heads.set(row[1], { facts: (head?.facts ?? 0) + 1, headHash: row[7] });
      last = row[7];
      expected += 1n;
      checked += 1;
    }
    // Let other work run between pages of a long walk.
    await nextTurn();
  }
}

/**
 * Rewrites a file chained in the global order (before each stream was its own chain) to one chain
 * per stream, in one transaction, after checking the old chain end to end: a file whose old chain
 * is broken is left as it is, and `verify` reports it broken. A file of one stream has the same
 * hashes either way. Returns whether the file was rewritten.
 */
export function rechainPerStream(db: SqliteDatabase): boolean {
  const rows = db.prepare('SELECT position, stream_id, revision, id, type, data, metadata, hash FROM facts ORDER BY position').raw().safeIntegers();
  let global = GENESIS_HASH;
  for (const row of rows.iterate() as IterableIterator<HashedFactTuple>) {
    if (checkRow(row, row[0], global) !== null) return false;
    global = row[7];
  }
  const heads = new Map<string, string>();
  const rechained: Array<[hash: string, position: bigint]> = []; // written after the read: no write while a read is open
  for (const [position, streamId, revision, id, type, data, metadata] of rows.iterate() as IterableIterator<HashedFactTuple>) {
    const hash = chainHash(heads.get(streamId) ?? GENESIS_HASH, { streamId, revision, id, type, data: JSON.parse(data) as Record<string, unknown>, metadata: JSON.parse(metadata) as Record<string, unknown> });
    heads.set(streamId, hash);
    rechained.push([hash, position]);
  }
  const update = db.prepare('UPDATE facts SET hash = ? WHERE position = ?');
  for (const [hash, position] of rechained) update.run(hash, position);
  return true;
}

/** `PRAGMA user_version` of a file whose streams are chained each on its own. */
export const CHAIN_FORMAT = 1;

/** Brings an older file to CHAIN_FORMAT when it is opened (once; another process may race to it). */
export function upgradeChain(db: SqliteDatabase): void {
  const format = () => Number(db.pragma('user_version', { simple: true }));
  if (format() >= CHAIN_FORMAT) return;
  db.transaction(() => {
    if (format() >= CHAIN_FORMAT) return;
    const streams = Number(db.prepare('SELECT COUNT(DISTINCT stream_id) FROM facts').pluck().get());
    if (streams > 1 && !rechainPerStream(db)) return; // a broken old chain stays as it is, for verify to name
    db.pragma(`user_version = ${CHAIN_FORMAT}`);
  }).immediate();
}
function checkRow(row: HashedFactTuple, expected: bigint, previousHash: string): { position: bigint; reason: string } | null {
  const [position, streamId, revision, id, type, dataText, metadataText, hash] = row;
  if (position > expected) {
    return { position: expected, reason: `missing: the next stored position is ${position} (a fact was deleted)` };
  }
  if (position < expected) {
    return { position, reason: `out of sequence: expected position ${expected}` };
  }
  let data: Record<string, unknown>;
  let metadata: Record<string, unknown>;
  try {
    data = JSON.parse(dataText) as Record<string, unknown>;
    metadata = JSON.parse(metadataText) as Record<string, unknown>;
  } catch {
    return { position, reason: 'stored data or metadata is not valid JSON (the fact was altered)' };
  }
  if (chainHash(previousHash, { streamId, revision, id, type, data, metadata }) !== hash) {
    return {
      position,
      reason: 'stored hash does not match the fact and the previous hash (the fact was altered, moved or inserted)',
    };
  }
  return null;
}

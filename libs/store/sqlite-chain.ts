import { setImmediate as nextTurn } from 'node:timers/promises';
import { chainHash, GENESIS_HASH } from './chain';
import type { ChainReport } from './port';
import type { SqliteDatabase } from './sqlite-database';
import type { HashedFactTuple } from './sqlite-statements';

/**
 * How a file's hashes are chained. `stream` (format 1, every file created now): each stream is its
 * own chain, as on EventStoreDB, so the ledger's hashes - which circulars record - do not depend on
 * the credentials kept beside it. `global` (format 0, files written before): one chain over every
 * stream in position order. A format-0 file of more than one stream keeps its global chain, so that
 * the circulars issued on it still verify against the hashes they recorded; one of a single stream
 * has the same hashes either way and is marked format 1 when opened.
 */
export type ChainMode = 'stream' | 'global';

/** `PRAGMA user_version` of a file whose streams are chained each on its own. */
export const CHAIN_FORMAT = 1;

/** The file's chain mode, marking a new or single-stream file as format 1 (once; another process may race to it). */
export function chainModeOf(db: SqliteDatabase): ChainMode {
  const format = () => Number(db.pragma('user_version', { simple: true }));
  if (format() >= CHAIN_FORMAT) return 'stream';
  return db.transaction((): ChainMode => {
    if (format() >= CHAIN_FORMAT) return 'stream';
    const streams = Number(db.prepare('SELECT COUNT(DISTINCT stream_id) FROM facts').pluck().get());
    if (streams > 1) return 'global';
    db.pragma(`user_version = ${CHAIN_FORMAT}`);
    return 'stream';
  }).immediate();
}

/**
 * Walks the file in position order, one page at a time, and names the first position where it
 * stops being the chains that were written: positions must run 1..n with no gap (a deleted row),
 * and each stored hash must equal chainHash(the previous hash of its chain, the row as stored) -
 * which fails at the first changed byte, swapped or reordered row, or forged inserted row.
 */
export async function verifySqliteChain(readPage: (after: bigint) => HashedFactTuple[], mode: ChainMode = 'stream'): Promise<ChainReport> {
  const streams = new Map<string, { facts: number; headHash: string }>();
  let expected = 1n;
  let checked = 0;
  let last: string | null = null;
  for (;;) {
    const page = readPage(expected - 1n);
    if (page.length === 0) return { ok: true, checked, headHash: last, streams: Object.fromEntries(streams) };
    for (const row of page) {
      const stream = streams.get(row[1]);
      const previous = mode === 'global' ? (last ?? GENESIS_HASH) : (stream?.headHash ?? GENESIS_HASH);
      const problem = checkRow(row, expected, previous);
      // Where this row breaks the chain: the revision its stream should hold next (a moved row
      // claims another), so the CLI names the ledger position that is wrong.
      if (problem) return { ok: false, checked, ...problem, ...(problem.position === row[0] ? { at: { streamId: row[1], revision: BigInt(stream?.facts ?? 0) } } : {}) };
      streams.set(row[1], { facts: (stream?.facts ?? 0) + 1, headHash: row[7] });
      last = row[7];
      expected += 1n;
      checked += 1;
    }
    // Let other work run between pages of a long walk.
    await nextTurn();
  }
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

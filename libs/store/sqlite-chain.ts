import { setImmediate as nextTurn } from 'node:timers/promises';
import { chainHash, GENESIS_HASH } from './chain';
import type { ChainReport } from './port';
import type { HashedFactTuple } from './sqlite-statements';

/**
 * Walks the ledger in position order, one page at a time, and names the first position where the
 * file stops being the chain that was written: positions must run 1..n with no gap (a deleted row),
 * and each stored hash must equal chainHash(previous hash, the row as stored) - which fails at the
 * first changed byte, swapped or reordered row, or forged inserted row.
 */
export async function verifySqliteChain(readPage: (after: bigint) => HashedFactTuple[]): Promise<ChainReport> {
  let previousHash = GENESIS_HASH;
  let expected = 1n;
  let checked = 0;
  for (;;) {
    const page = readPage(expected - 1n);
    if (page.length === 0) return { ok: true, checked, headHash: checked === 0 ? null : previousHash };
    for (const row of page) {
      const problem = checkRow(row, expected, previousHash);
      if (problem) return { ok: false, checked, ...problem };
      previousHash = row[7];
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

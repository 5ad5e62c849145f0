import { GENESIS_HASH } from '../chain';
import type { ChainReport } from '../port';
import { isJsonObject, linkHash, splitMetadata, type RecordedLedgerEvent } from './ledger-event';

/**
 * Walks $all once, forwards, keeping one chain head per stream. For every fact: its revision must
 * be the next one of its stream, it must link to the previous fact's hash, and its hash must be
 * recomputable from what is stored. The first failure is named by its $all position.
 *
 * A revision that jumps ahead is told apart from a reordering by reading on: if the skipped
 * revision turns up later the facts were reordered, otherwise it is missing.
 */

interface StreamHead {
  readonly next: bigint;
  readonly hash: string;
}

interface Gap {
  readonly streamId: string;
  readonly missing: bigint;
  readonly found: bigint;
  readonly position: bigint;
  readonly checked: number;
}

function failure(checked: number, position: bigint, reason: string, streamId: string, revision: bigint): ChainReport {
  return { ok: false, checked, position, reason, at: { streamId, revision } };
}

/** The fact's own hash when it is intact, else why not. */
function linkProblem(event: RecordedLedgerEvent, previousHash: string): { hash: string } | { reason: string } {
  const split = splitMetadata(event.metadata);
  if (!split || !isJsonObject(event.data)) return { reason: 'content changed: data or metadata is no longer a JSON object' };
  if (!split.chain) return { reason: 'the fact carries no chain hash' };
  if (split.chain.prev !== previousHash) return { reason: `stream ${event.streamId} revision ${event.revision} does not link to the previous fact of its stream` };
  const recomputed = linkHash(previousHash, event.streamId, event.revision, { id: event.id, type: event.type, data: event.data, metadata: split.metadata });
  if (recomputed !== split.chain.hash) return { reason: 'content changed: the hash does not match the stored fact' };
  return { hash: recomputed };
}

export async function verifyStreamChains(events: AsyncIterable<RecordedLedgerEvent>): Promise<ChainReport> {
  const heads = new Map<string, StreamHead>();
  let checked = 0;
  let headHash: string | null = null;
  let gap: Gap | null = null;
  for await (const event of events) {
    if (gap) {
      if (event.streamId === gap.streamId && event.revision === gap.missing) {
        return failure(gap.checked, gap.position, `reordered: stream ${gap.streamId} revision ${gap.found} comes before revision ${gap.missing}`, gap.streamId, gap.missing);
      }
      continue;
    }
    const head = heads.get(event.streamId) ?? { next: 0n, hash: GENESIS_HASH };
    if (event.revision > head.next) {
      gap = { streamId: event.streamId, missing: head.next, found: event.revision, position: event.position, checked };
      continue;
    }
    if (event.revision < head.next) {
      return failure(checked, event.position, `reordered or inserted: stream ${event.streamId} revision ${event.revision} comes after revision ${head.next - 1n}`, event.streamId, event.revision);
    }
    const link = linkProblem(event, head.hash);
    if ('reason' in link) return failure(checked, event.position, link.reason, event.streamId, event.revision);
    heads.set(event.streamId, { next: head.next + 1n, hash: link.hash });
    checked += 1;
    headHash = link.hash;
  }
  if (gap) return failure(gap.checked, gap.position, `missing: stream ${gap.streamId} revision ${gap.missing} is not stored before revision ${gap.found}`, gap.streamId, gap.missing);
  return { ok: true, checked, headHash, streams: Object.fromEntries([...heads].map(([streamId, head]) => [streamId, { facts: Number(head.next), headHash: head.hash }])) };
}

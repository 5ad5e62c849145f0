import { DuplicateFactIdError } from './errors';
import type { AppendResult, NewFact, StoredFact } from './port';

/**
 * Idempotent append by fact id: when every id of the batch is already stored in this stream at
 * consecutive revisions, the append is a retry and returns the original result. Any other reuse
 * of a stored id, or an id repeated within the batch, is refused.
 */
export function idempotentRetry(streamId: string, facts: readonly NewFact[], lookup: (id: string) => StoredFact | undefined): AppendResult | null {
  const ids = new Set<string>();
  for (const fact of facts) {
    if (ids.has(fact.id)) throw new DuplicateFactIdError(fact.id, 'appears twice in one batch');
    ids.add(fact.id);
  }
  const stored = facts.map((fact) => lookup(fact.id));
  if (stored.every((s) => s === undefined)) return null;
  const consecutive = stored.every((s, i) => s !== undefined && s.streamId === streamId && s.revision === stored[0]!.revision + BigInt(i));
  if (!consecutive) {
    const clash = facts.find((_, i) => stored[i] !== undefined)!;
    throw new DuplicateFactIdError(clash.id, 'is already stored and the batch is not a retry of the append that stored it');
  }
  const last = stored[stored.length - 1]!;
  return { nextExpectedRevision: last.revision, position: last.position };
}

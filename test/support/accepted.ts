import type { LedgerFact } from '../../events';
import { Ledger } from '../../libs/ledger';
import { MemoryStore } from '../../libs/store';
import { validateFact } from '../../libs/validation';

/**
 * Puts facts through what the office's tools do before recording them: the edge's shape checks,
 * then the ledger's decide step against everything recorded before (references, ranges, void
 * once). Resolves with the head, or rejects naming the first fact refused, so a scoring test
 * can show that its ledger is one the office could actually have recorded.
 */
export async function appendedHead(facts: readonly LedgerFact[]): Promise<number> {
  for (const fact of facts) validateFact(fact);
  const ledger = new Ledger(new MemoryStore(), { now: () => new Date('2018-01-05T08:00:00.000Z') });
  const outcome = await ledger.append(
    facts.map((fact) => ({ fact })),
    { actor: 'staff:test' },
  );
  return outcome.head;
}

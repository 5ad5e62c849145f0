import { randomUUID } from 'node:crypto';
import { decideSettlement } from '../../projections';
import { LedgerConflictError, StaleDecisionError, type Ledger } from '../../libs/ledger';
import type { ScoringProjection } from '../projections/scoring-projection';

export interface SettlementOutcome {
  readonly year: number;
  readonly appended: number;
  /** The points of the facts appended (the difference from the live settlement facts). */
  readonly points: number;
  readonly head: number;
}

const ATTEMPTS = 5;

/**
 * The year-end settlement (SPEC.md section 4), for `ledger settle` and `POST /api/settlements/:year`:
 * decided from the model at the head and appended only if nothing was recorded in between, so two
 * settlements racing each other cannot both append (the loser re-decides and appends nothing new).
 */
export async function settleYear(ledger: Ledger, views: ScoringProjection, year: number, actor: string, newId: () => string = randomUUID): Promise<SettlementOutcome> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    await views.waitFor(await ledger.head());
    const decidedAt = views.model.position;
    const decided = decideSettlement(views.model, year, decidedAt);
    const points = decided.reduce((sum, d) => sum + d.points, 0);
    if (decided.length === 0) return { year, appended: 0, points: 0, head: decidedAt };
    const facts = decided.map((data) => ({ fact: { id: newId(), type: 'QuotaSettled' as const, data, metadata: { schemaVersion: 1 } } }));
    try {
      const outcome = await ledger.append(facts, { actor, expectedHead: decidedAt });
      await views.waitFor(outcome.head);
      return { year, appended: outcome.appended, points, head: outcome.head };
    } catch (error) {
      if (!(error instanceof StaleDecisionError)) throw error;
    }
  }
  throw new LedgerConflictError(`settlement ${year}: the ledger kept moving while deciding; gave up after ${ATTEMPTS} attempts`);
}

/**
 * What a settlement run would append now, without appending it (`ledger settle --check`): empty when
 * the live settlement facts are what the rules give - also after an import brought settlement
 * facts of its own.
 */
export async function pendingSettlement(ledger: Ledger, views: ScoringProjection, year: number): Promise<{ position: number; pending: ReturnType<typeof decideSettlement> }> {
  await views.waitFor(await ledger.head());
  const position = views.model.position;
  return { position, pending: decideSettlement(views.model, year, position) };
}

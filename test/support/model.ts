import type { LedgerFact, RecordedFact } from '../../events';
import { evolveScoringModel, initialScoringModel, type ScoringModel } from '../../projections';

/** Records facts as the ledger would (positions from 1, one recorded minute each) and folds them. */
export function recordAll(facts: readonly LedgerFact[], start = Date.UTC(2017, 0, 5)): RecordedFact<LedgerFact>[] {
  return facts.map((fact, i) => ({
    ...fact,
    metadata: { schemaVersion: 1, ...fact.metadata, recordedAt: new Date(start + i * 60_000).toISOString(), recordedBy: 'staff:test', position: i + 1 },
  })) as RecordedFact<LedgerFact>[];
}

export function modelOf(facts: readonly LedgerFact[]): ScoringModel {
  return recordAll(facts).reduce(evolveScoringModel, initialScoringModel());
}

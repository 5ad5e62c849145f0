import { correctionsAsOf, effectiveFact, isLiveAsOf, unitIdOf } from './as-of';
import { entryAt, type Positioned, type Recorded, type ScoringModel } from './model';
import type { FactCorrected, LedgerFact } from '../../events';

/**
 * A scored fact as the rules read it as of a position: the content in force (after replacements),
 * whether it is live, and the corrections that name it. Lines (`lines.ts`), groups (`groups.ts`)
 * and history all read facts through this.
 */
export interface CorrectionNote {
  readonly factId: string;
  /** the fact it names: the scored fact itself, or one of its corrections (a void of a replacement) */
  readonly corrects: string;
  readonly correction: 'void' | 'replace';
  readonly reason: string;
  readonly position: number;
  readonly recordedAt: string;
  readonly recordedBy: string;
  /** false when a later correction voided this one */
  readonly live: boolean;
}

export interface ScoredFact {
  readonly entry: Recorded;
  readonly fact: LedgerFact;
  readonly live: boolean;
  readonly unitId: string | null;
  readonly corrections: readonly CorrectionNote[];
}

const NO_CORRECTIONS: readonly CorrectionNote[] = Object.freeze([]);

/** A scored fact as of p: its content in force, whether it is live, its corrections. */
export function scoredFactOf(model: ScoringModel, entry: Recorded, p: number): ScoredFact {
  const corrected = model.corrections.get(entry.fact.id);
  if (corrected === undefined || corrected[0].position > p) {
    return { entry, fact: entry.fact, live: true, unitId: unitIdOf(model, (entry.fact.data as { unitId: string }).unitId), corrections: NO_CORRECTIONS };
  }
  const live = isLiveAsOf(model, entry.fact.id, p);
  const fact = effectiveFact(model, entry, p);
  const corrections = correctionTrail(model, entry.fact.id, p).map((c) => ({
    factId: c.fact.id,
    corrects: c.fact.data.correctedFactId,
    correction: c.fact.data.correction,
    reason: c.fact.data.reason,
    position: c.position,
    recordedAt: c.recordedAt,
    recordedBy: c.recordedBy,
    live: isLiveAsOf(model, c.fact.id, p),
  }));
  return { entry, fact, live, unitId: unitIdOf(model, (fact.data as { unitId: string }).unitId), corrections };
}

/** Every correction of a fact as of p, and the corrections of those (a void of a replacement), in ledger order. */
function correctionTrail(model: ScoringModel, factId: string, p: number): Positioned<FactCorrected>[] {
  const trail: Positioned<FactCorrected>[] = [];
  const visit = (id: string) => {
    for (const correction of correctionsAsOf(model, id, p)) {
      trail.push(correction);
      visit(correction.fact.id);
    }
  };
  visit(factId);
  return trail.sort((a, b) => a.position - b.position);
}

export function scoredFactsAsOf(model: ScoringModel, p: number): ScoredFact[] {
  const out: ScoredFact[] = [];
  for (const position of model.scored) {
    if (position > p) break; // model.scored is in ledger order
    out.push(scoredFactOf(model, entryAt(model, position), p));
  }
  return out;
}

/** Every name recorded for a unit that still resolves to it. */
export function namesOf(model: ScoringModel, unitId: string): string[] {
  return [unitId, ...(model.unitNames.get(unitId) ?? [])].filter((name, i, all) => all.indexOf(name) === i && (model.names.get(name)?.unitId ?? unitId) === unitId);
}

import type { LedgerFact } from '../../events';
import { correctionsAsOf, effectiveFact, isLiveAsOf, unitIdOf } from './as-of';
import type { ScoringModel } from './model';

/** The facts themselves, with who recorded them and when, filtered for the supervision office. */
export interface HistoryQuery {
  /** any name of a unit */
  readonly unit?: string;
  readonly type?: string;
  /** valid dates, inclusive (YYYY-MM-DD or YYYY-MM) */
  readonly from?: string;
  readonly to?: string;
}

export interface HistoryEntry {
  position: number;
  id: string;
  type: string;
  validDate: string | null;
  recordedAt: string;
  recordedBy: string;
  live: boolean;
  data: LedgerFact['data'];
  corrections: Array<{ factId: string; correction: string; reason: string; recordedAt: string; recordedBy: string }>;
}

export function history(model: ScoringModel, query: HistoryQuery, p: number): HistoryEntry[] {
  const unitId = query.unit === undefined ? undefined : unitIdOf(model, query.unit);
  if (query.unit !== undefined && unitId === null) return [];
  const to = query.to === undefined ? undefined : query.to.length === 7 ? `${query.to}-31` : query.to;
  const out: HistoryEntry[] = [];
  for (const entry of model.facts.values()) {
    if (entry.position > p) continue;
    if (query.type !== undefined && entry.fact.type !== query.type) continue;
    const fact = effectiveFact(model, entry, p);
    const data = fact.data as { validDate?: string; unitId?: string; contributors?: string[] };
    const validDate = data.validDate ?? null;
    if (query.from !== undefined && (validDate === null || validDate < query.from)) continue;
    if (to !== undefined && (validDate === null || validDate > to)) continue;
    if (unitId !== undefined) {
      const names = [entry.fact.data as { unitId?: string }, data].flatMap((d) => [d.unitId, ...((d as { contributors?: string[] }).contributors ?? [])]);
      if (!names.some((name) => name !== undefined && unitIdOf(model, name) === unitId)) continue;
    }
    out.push({
      position: entry.position,
      id: entry.fact.id,
      type: entry.fact.type,
      validDate,
      recordedAt: entry.recordedAt,
      recordedBy: entry.recordedBy,
      live: isLiveAsOf(model, entry.fact.id, p),
      data: fact.data,
      corrections: correctionsAsOf(model, entry.fact.id, p).map((c) => ({ factId: c.fact.id, correction: c.fact.data.correction, reason: c.fact.data.reason, recordedAt: c.recordedAt, recordedBy: c.recordedBy })),
    });
  }
  return out.sort((a, b) => a.position - b.position);
}

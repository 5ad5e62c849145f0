import type { LedgerFact } from '../../events';
import { correctionsAsOf, effectiveFact, isLiveAsOf, unitIdOf } from './as-of';
import { unitKey } from './dependencies';
import { namesOf } from './scored-facts';
import { entryAt, SCORED_KINDS, type Recorded, type ScoringModel } from './model';

/** The facts themselves, with who recorded them and when, filtered for the supervision office. */
export interface HistoryQuery {
  /** any name of a unit */
  readonly unit?: string;
  readonly type?: string;
  /** valid dates, inclusive (YYYY-MM-DD or YYYY-MM) */
  readonly from?: string;
  readonly to?: string;
  /** only the facts recorded after this ledger position: what changed since (a circular, a day) */
  readonly after?: number;
}

export interface HistoryEntry {
  position: number;
  id: string;
  type: string;
  /** the valid date of the content in force (a replacement may move a fact to another date) */
  validDate: string | null;
  recordedAt: string;
  recordedBy: string;
  live: boolean;
  /** the data as it was recorded */
  data: LedgerFact['data'];
  /** the data in force as of the view when a live replacement gave the fact other content; null: as recorded */
  inForce: LedgerFact['data'] | null;
  corrections: HistoryCorrection[];
}

/** A correction of the fact, in ledger order, with the content a replacement gives it. */
export interface HistoryCorrection {
  factId: string;
  position: number;
  correction: string;
  reason: string;
  recordedAt: string;
  recordedBy: string;
  /** false when a later correction voided this one */
  live: boolean;
  /** a replacement's content; null for a void */
  replacement: LedgerFact['data'] | null;
}

export function history(model: ScoringModel, query: HistoryQuery, p: number): HistoryEntry[] {
  return historyOf(model, query, p, candidates(model, query));
}

/** The reference for `history`: the same entries from a pass over every fact (the property tests compare the two). */
export function historyByScan(model: ScoringModel, query: HistoryQuery, p: number): HistoryEntry[] {
  return historyOf(model, query, p, model.facts.positionsOf());
}

/**
 * The positions worth decoding for a query: of its kind only (the fact table knows each fact's kind
 * without decoding it); for a unit, the scored facts whose content ever named it (the model's
 * `related` index) and every fact of the other, few, kinds. A superset: the filter below decides.
 */
function candidates(model: ScoringModel, query: HistoryQuery): Iterable<number> {
  const kinds = query.type === undefined ? undefined : new Set([query.type]);
  const unitId = query.unit === undefined ? null : unitIdOf(model, query.unit);
  if (unitId === null) return model.facts.positionsOf(kinds);
  const unscored = new Set([...model.facts.types()].filter((type) => !SCORED_KINDS.has(type as LedgerFact['type']) && (kinds === undefined || kinds.has(type))));
  const positions = new Set<number>(model.facts.positionsOf(unscored));
  if (kinds === undefined || [...kinds].some((kind) => SCORED_KINDS.has(kind as LedgerFact['type']))) {
    for (const name of namesOf(model, unitId)) for (const position of model.related.get(unitKey(name)) ?? []) positions.add(position);
  }
  return [...positions].sort((a, b) => a - b);
}

/** The names a fact's content gives a unit by (the unit, contributors), before and after corrections. */
function namesIn(data: unknown): string[] {
  const { unitId, contributors } = data as { unitId?: unknown; contributors?: unknown };
  return [unitId, ...(Array.isArray(contributors) ? contributors : [])].filter((name): name is string => typeof name === 'string');
}

/**
 * The units a fact concerns, by the names its contents give them: every content it has had as of p,
 * its own and each replacement's (a replacement may move a fact from one unit to another: it
 * concerns both); for a correction, those of the fact it corrects.
 */
function unitNamesOf(model: ScoringModel, entry: Recorded, p: number): string[] {
  let target: Recorded | undefined = entry;
  while (target?.fact.type === 'FactCorrected') target = model.facts.get(target.fact.data.correctedFactId);
  if (!target) return [];
  const replacements = (model.corrections.get(target.fact.id) ?? []).filter((c) => c.position <= p && c.fact.data.correction === 'replace');
  return [target.fact.data, ...replacements.map((c) => c.fact.data.replacement)].flatMap(namesIn);
}

function historyOf(model: ScoringModel, query: HistoryQuery, p: number, positions: Iterable<number>): HistoryEntry[] {
  const unitId = query.unit === undefined ? undefined : unitIdOf(model, query.unit);
  if (query.unit !== undefined && unitId === null) return [];
  const to = query.to === undefined ? undefined : query.to.length === 7 ? `${query.to}-31` : query.to;
  const out: HistoryEntry[] = [];
  for (const position of positions) {
    if (position > p) break; // in ledger order
    if (query.after !== undefined && position <= query.after) continue;
    const entry = entryAt(model, position);
    if (query.type !== undefined && entry.fact.type !== query.type) continue;
    const fact = effectiveFact(model, entry, p);
    const data = fact.data as { validDate?: string; unitId?: string; contributors?: string[] };
    const validDate = data.validDate ?? null;
    if (query.from !== undefined && (validDate === null || validDate < query.from)) continue;
    if (to !== undefined && (validDate === null || validDate > to)) continue;
    if (unitId !== undefined && !unitNamesOf(model, entry, p).some((name) => unitIdOf(model, name) === unitId)) continue;
    out.push({
      position: entry.position,
      id: entry.fact.id,
      type: entry.fact.type,
      validDate,
      recordedAt: entry.recordedAt,
      recordedBy: entry.recordedBy,
      live: isLiveAsOf(model, entry.fact.id, p),
      data: inCanonicalOrder(entry.fact.data),
      inForce: fact === entry.fact ? null : inCanonicalOrder(fact.data),
      corrections: correctionsAsOf(model, entry.fact.id, p).map((c) => ({
        factId: c.fact.id,
        position: c.position,
        correction: c.fact.data.correction,
        reason: c.fact.data.reason,
        recordedAt: c.recordedAt,
        recordedBy: c.recordedBy,
        live: isLiveAsOf(model, c.fact.id, p),
        replacement: c.fact.data.correction === 'replace' && c.fact.data.replacement !== null ? inCanonicalOrder(c.fact.data.replacement as LedgerFact['data']) : null,
      })),
    });
  }
  return out;
}

/**
 * A fact's data with every object's keys in RFC 8785 order (UTF-16 code units), as the export and
 * the chain hash write it: the store keeps the text in the order it was given, so two ledgers of
 * the same facts, one imported from an export, would otherwise print their history differently.
 */
function inCanonicalOrder(data: LedgerFact['data']): LedgerFact['data'] {
  return keysInCanonicalOrder(data) as LedgerFact['data'];
}

function keysInCanonicalOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keysInCanonicalOrder);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = keysInCanonicalOrder((value as Record<string, unknown>)[key]);
  return out;
}

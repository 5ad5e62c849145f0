import type { DeductionRate, FactKind, InformationAdopted, LedgerFact, SchemeDefinition } from '../../events';
import { correctionsAsOf, effectiveFact, isLiveAsOf, unitIdOf, schemeIdForYear, schemeVersionOn } from './as-of';
import { groupKeyOf, unitKey } from './dependencies';
import { relatedFacts, type Recorded, type ScoringModel } from './model';
import { PlacementTimeline } from './placements';
import { adoptionRule, instructionRule, submissionPoints } from './rules';

/**
 * Every point of a year, as of a ledger position: one line per scored fact (and per combined-
 * adoption contributor), with the rule and scheme version that produced it. Tables, monthly views
 * and explanations are sums of these lines, so an explanation always adds up to the table.
 */
export type Column = 'city' | 'upper' | 'bonus'; // 市办采用/市办得分 | 省办采用 + 加(减)分 | 加(减)分

export interface CorrectionNote {
  readonly factId: string;
  readonly correction: 'void' | 'replace';
  readonly reason: string;
  readonly position: number;
  readonly recordedAt: string;
  readonly recordedBy: string;
  /** false when a later correction voided this one */
  readonly live: boolean;
}

export interface ScoreLine {
  readonly factId: string;
  readonly kind: FactKind;
  readonly unitId: string;
  readonly validDate: string;
  readonly position: number;
  readonly recordedAt: string;
  readonly recordedBy: string;
  readonly column: Column;
  /** counts once in its column's adoption count (市办采用 or 省办采用) */
  readonly counted: boolean;
  readonly points: number;
  readonly rule: string;
  readonly schemeVersion: number | null;
  /** false for a fact voided as of the view's position: shown with 0 points */
  readonly live: boolean;
  readonly corrections: readonly CorrectionNote[];
}

export interface ScoredFact {
  readonly entry: Recorded;
  readonly fact: LedgerFact;
  readonly live: boolean;
  readonly unitId: string | null;
  readonly corrections: readonly CorrectionNote[];
}

export interface YearLines {
  readonly schemeId: string | null;
  readonly timeline: PlacementTimeline | null;
  readonly lines: ScoreLine[];
}

/** A scored fact as of p: its content in force, whether it is live, its corrections. */
export function scoredFactOf(model: ScoringModel, entry: Recorded, p: number): ScoredFact {
  const live = isLiveAsOf(model, entry.fact.id, p);
  const fact = effectiveFact(model, entry, p);
  const corrections = correctionsAsOf(model, entry.fact.id, p).map((c) => ({
    factId: c.fact.id,
    correction: c.fact.data.correction,
    reason: c.fact.data.reason,
    position: c.position,
    recordedAt: c.recordedAt,
    recordedBy: c.recordedBy,
    live: isLiveAsOf(model, c.fact.id, p),
  }));
  return { entry, fact, live, unitId: unitIdOf(model, (fact.data as { unitId: string }).unitId), corrections };
}

export function scoredFactsAsOf(model: ScoringModel, p: number): ScoredFact[] {
  const out: ScoredFact[] = [];
  for (const entry of model.scored) {
    if (entry.position > p) break; // model.scored is in ledger order
    out.push(scoredFactOf(model, entry, p));
  }
  return out;
}

export function yearLines(model: ScoringModel, year: number, p: number): YearLines {
  const schemeId = schemeIdForYear(model, year, p);
  if (schemeId === null) return { schemeId, timeline: null, lines: [] };
  const timeline = new PlacementTimeline(model, schemeId, p);
  const facts = scoredFactsAsOf(model, p);
  const groups = groupFacts(facts);
  const context: RuleContext = { model, p, schemeId, timeline, groups };
  for (const [id, paid] of submissionPoints(facts, year, context)) groups.submissionPoints.set(id, paid);
  const lines: ScoreLine[] = [];
  for (const scored of facts) lines.push(...factLines(scored, year, context));
  return { schemeId, timeline, lines };
}

/**
 * The lines of `yearLines` that are on one unit, in the same order, computed from that unit's
 * facts alone: the scored facts whose content names it (as the unit or a contributor), plus the
 * groups their rules read (the item's adoptions, the (item, level) instructions, `dependencies.ts`).
 * A unit's capped submissions are all its own; the annual override reads only the unit's lines.
 */
export function unitYearLines(model: ScoringModel, unitId: string, year: number, p: number): YearLines {
  const schemeId = schemeIdForYear(model, year, p);
  if (schemeId === null) return { schemeId, timeline: null, lines: [] };
  const timeline = new PlacementTimeline(model, schemeId, p);
  const related = relatedFacts(model);
  const facts = new Map<string, ScoredFact>();
  const add = (key: string) => {
    for (const entry of related.get(key) ?? []) if (entry.position <= p && !facts.has(entry.fact.id)) facts.set(entry.fact.id, scoredFactOf(model, entry, p));
  };
  // Every name that resolves to the unit (unitIdOf reads the names at the head, as scoredFactOf does).
  add(unitKey(unitId));
  for (const [name, known] of model.names) if (known.unitId === unitId) add(unitKey(name));
  const own = [...facts.values()].sort((a, b) => a.entry.position - b.entry.position); // ledger order, as model.scored
  for (const scored of own) {
    const key = scored.live ? groupKeyOf(scored.fact) : null;
    if (key !== null) add(key);
  }
  const groups = groupFacts([...facts.values()]);
  const context: RuleContext = { model, p, schemeId, timeline, groups };
  for (const [id, paid] of submissionPoints(own, year, context)) groups.submissionPoints.set(id, paid);
  const lines: ScoreLine[] = [];
  for (const scored of own) for (const line of factLines(scored, year, context)) if (line.unitId === unitId) lines.push(line);
  return { schemeId, timeline, lines };
}

/** The lines one scored fact puts on the year's score (none when its content is in another year). */
export function factLines(scored: ScoredFact, year: number, context: RuleContext): ScoreLine[] {
  const validDate = (scored.fact.data as { validDate: string }).validDate;
  if (!validDate.startsWith(`${year}-`) || scored.unitId === null) return [];
  const version = schemeVersionOn(context.model, context.schemeId, validDate, context.p);
  const base = {
    factId: scored.entry.fact.id,
    kind: scored.fact.type,
    unitId: scored.unitId,
    validDate,
    position: scored.entry.position,
    recordedAt: scored.entry.recordedAt,
    recordedBy: scored.entry.recordedBy,
    schemeVersion: version?.version ?? null,
    live: scored.live,
    corrections: scored.corrections,
  };
  if (!scored.live) return [{ ...base, column: 'bonus', counted: false, points: 0, rule: 'void: corrected away, scores nothing' }];
  if (!version) return [{ ...base, column: 'bonus', counted: false, points: 0, rule: `no version of scheme ${context.schemeId} is in force on ${validDate}` }];
  return linesOf(scored, base, version.scheme, context);
}

type Base = Omit<ScoreLine, 'column' | 'counted' | 'points' | 'rule'>;

export interface RuleContext {
  readonly model: ScoringModel;
  readonly p: number;
  readonly schemeId: string;
  readonly timeline: PlacementTimeline;
  readonly groups: FactGroups;
}

function linesOf(scored: ScoredFact, base: Base, scheme: SchemeDefinition, context: RuleContext): ScoreLine[] {
  const fact = scored.fact;
  switch (fact.type) {
    case 'InformationAdopted':
      return adoptionRule(scored as ScoredFact & { fact: InformationAdopted }, base, scheme, context);
    case 'LeaderInstructionRecorded':
      return [instructionRule(scored, base, scheme, context)];
    case 'InformationSubmitted': {
      const paid = context.groups.submissionPoints.get(fact.id);
      return paid === undefined ? [] : [{ ...base, column: 'bonus', counted: false, points: paid.points, rule: paid.rule }];
    }
    case 'CommissionMissed':
      return [deduction(base, scheme.deductions.commissionMissed, '约稿未按内容和时限报送 (commission missed)')];
    case 'ReportingFailureRecorded':
      return [deduction(base, scheme.deductions.reportingFailure, `迟报、漏报、瞒报 (${fact.data.failure} reporting)`)];
    case 'FalseInformationRecorded':
      return [{ ...base, column: 'bonus', counted: false, points: fact.data.points, rule: `信息失实 (false information): ${fact.data.points} as set by the office` }];
    case 'QuotaSettled':
      return [{ ...base, column: 'bonus', counted: false, points: fact.data.points, rule: `省采用任务年终结算 ${fact.data.period}: quota ${fact.data.quota}, adopted ${fact.data.adopted}${fact.data.directReportingPoint ? ', direct reporting point' : ''}` }];
    default:
      return [];
  }
}

/** A fixed deduction, or the least severe end of a range when the fact carries no amount. */
function deduction(base: Base, rate: DeductionRate, what: string): ScoreLine {
  const points = rate.mode === 'fixed' ? rate.points : rate.maxPoints;
  return { ...base, column: 'bonus', counted: false, points, rule: `${what}: ${points}` };
}

export interface FactGroups {
  /** live adoptions by item, in valid-date then ledger order */
  readonly adoptionsByItem: Map<string, ScoredFact[]>;
  /** live instructions by (item, level) */
  readonly instructionsByKey: Map<string, ScoredFact[]>;
  /** capped submission points per submission fact id */
  readonly submissionPoints: Map<string, { points: number; rule: string }>;
}

export const byValidDate = (a: ScoredFact, b: ScoredFact) => {
  const da = (a.fact.data as { validDate: string }).validDate;
  const db = (b.fact.data as { validDate: string }).validDate;
  return da < db ? -1 : da > db ? 1 : a.entry.position - b.entry.position;
};

export function groupFacts(facts: ScoredFact[]): FactGroups {
  const adoptionsByItem = new Map<string, ScoredFact[]>();
  const instructionsByKey = new Map<string, ScoredFact[]>();
  const push = (map: Map<string, ScoredFact[]>, key: string, value: ScoredFact) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const scored of facts) {
    if (!scored.live) continue;
    if (scored.fact.type === 'InformationAdopted') push(adoptionsByItem, scored.fact.data.itemId, scored);
    else if (scored.fact.type === 'LeaderInstructionRecorded') push(instructionsByKey, `${scored.fact.data.itemId}\u0000${scored.fact.data.level}`, scored);
  }
  for (const list of adoptionsByItem.values()) list.sort(byValidDate);
  for (const list of instructionsByKey.values()) list.sort(byValidDate);
  return { adoptionsByItem, instructionsByKey, submissionPoints: new Map() };
}


import type { DeductionRate, FactKind, InformationAdopted, LedgerFact, SchemeDefinition } from '../../events';
import { correctionsAsOf, effectiveFact, isLiveAsOf, unitIdOf, schemeIdForYear } from './as-of';
import { submissionKey, unitKey } from './dependencies';
import { entryAt, type Recorded, type SchemeVersionEntry, type ScoringModel } from './model';
import { PlacementTimeline } from './placements';
import { adoptionRule, instructionRule, piecesIn, submissionPoints, versionOn, type Piece } from './rules';

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

const NO_CORRECTIONS: readonly CorrectionNote[] = Object.freeze([]);

/** A scored fact as of p: its content in force, whether it is live, its corrections. */
export function scoredFactOf(model: ScoringModel, entry: Recorded, p: number): ScoredFact {
  const corrected = model.corrections.get(entry.fact.id);
  if (corrected === undefined || corrected[0].position > p) {
    return { entry, fact: entry.fact, live: true, unitId: unitIdOf(model, (entry.fact.data as { unitId: string }).unitId), corrections: NO_CORRECTIONS };
  }
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
  for (const position of model.scored) {
    if (position > p) break; // model.scored is in ledger order
    out.push(scoredFactOf(model, entryAt(model, position), p));
  }
  return out;
}

export function yearLines(model: ScoringModel, year: number, p: number): YearLines {
  const schemeId = schemeIdForYear(model, year, p);
  if (schemeId === null) return { schemeId, timeline: null, lines: [] };
  const timeline = new PlacementTimeline(model, schemeId, p);
  const facts = scoredFactsAsOf(model, p);
  const groups = new ListedGroups(facts);
  const context: RuleContext = { model, p, schemeId, timeline, groups, versions: new Map() };
  groups.paySubmissions(piecesIn(facts, year), context);
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
  const own = new Map<number, ScoredFact>();
  // Every name that resolves to the unit (unitIdOf reads the names at the head, as scoredFactOf does).
  for (const name of namesOf(model, unitId)) {
    for (const position of model.related.get(unitKey(name)) ?? []) {
      if (position <= p && !own.has(position)) own.set(position, scoredFactOf(model, entryAt(model, position), p));
    }
  }
  const context: RuleContext = { model, p, schemeId, timeline, groups: new RelatedGroups(model, p), versions: new Map() };
  const lines: ScoreLine[] = [];
  for (const position of [...own.keys()].sort((a, b) => a - b)) {
    for (const line of factLines(own.get(position)!, year, context)) if (line.unitId === unitId) lines.push(line);
  }
  return { schemeId, timeline, lines };
}

/** Every name recorded for a unit that still resolves to it. */
export function namesOf(model: ScoringModel, unitId: string): string[] {
  return [unitId, ...(model.unitNames.get(unitId) ?? [])].filter((name, i, all) => all.indexOf(name) === i && (model.names.get(name)?.unitId ?? unitId) === unitId);
}

/** The lines one scored fact puts on the year's score (none when its content is in another year). */
export function factLines(scored: ScoredFact, year: number, context: RuleContext): ScoreLine[] {
  const validDate = (scored.fact.data as { validDate: string }).validDate;
  if (!validDate.startsWith(`${year}-`) || scored.unitId === null) return [];
  const version = versionOn(context, validDate);
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
  if (!scored.live) return [lineOf(base, 'bonus', false, 0, 'void: corrected away, scores nothing')];
  if (!version) return [lineOf(base, 'bonus', false, 0, `no version of scheme ${context.schemeId} is in force on ${validDate}`)];
  return linesOf(scored, base, version.scheme, year, context);
}

export type Base = Omit<ScoreLine, 'column' | 'counted' | 'points' | 'rule'>;

/** A line of a fact (written out, not spread: this runs for every fact the index folds). */
export function lineOf(base: Base, column: Column, counted: boolean, points: number, rule: string, unitId: string = base.unitId): ScoreLine {
  return {
    factId: base.factId,
    kind: base.kind,
    unitId,
    validDate: base.validDate,
    position: base.position,
    recordedAt: base.recordedAt,
    recordedBy: base.recordedBy,
    column,
    counted,
    points,
    rule,
    schemeVersion: base.schemeVersion,
    live: base.live,
    corrections: base.corrections,
  };
}

export interface RuleContext {
  readonly model: ScoringModel;
  readonly p: number;
  readonly schemeId: string;
  readonly timeline: PlacementTimeline;
  readonly groups: FactGroups;
  /** the scheme version in force by date, as of p (filled by `versionOn`) */
  readonly versions: Map<string, SchemeVersionEntry | null>;
}

function linesOf(scored: ScoredFact, base: Base, scheme: SchemeDefinition, year: number, context: RuleContext): ScoreLine[] {
  const fact = scored.fact;
  switch (fact.type) {
    case 'InformationAdopted':
      return adoptionRule(scored as ScoredFact & { fact: InformationAdopted }, base, scheme, context);
    case 'LeaderInstructionRecorded':
      return [instructionRule(scored, base, scheme, context)];
    case 'InformationSubmitted': {
      const paid = !scheme.submission ? undefined : context.groups.submission(scored, year, context);
      return paid === undefined ? [] : [lineOf(base, 'bonus', false, paid.points, paid.rule)];
    }
    case 'CommissionMissed':
      return [deduction(base, scheme.deductions.commissionMissed, '约稿未按内容和时限报送 (commission missed)')];
    case 'ReportingFailureRecorded':
      return [deduction(base, scheme.deductions.reportingFailure, `迟报、漏报、瞒报 (${fact.data.failure} reporting)`)];
    case 'FalseInformationRecorded':
      return [lineOf(base, 'bonus', false, fact.data.points, `信息失实 (false information): ${fact.data.points} as set by the office`)];
    case 'QuotaSettled':
      return [lineOf(base, 'bonus', false, fact.data.points, `省采用任务年终结算 ${fact.data.period}: quota ${fact.data.quota}, adopted ${fact.data.adopted}${fact.data.directReportingPoint ? ', direct reporting point' : ''}`)];
    default:
      return [];
  }
}

/** A fixed deduction, or the least severe end of a range when the fact carries no amount. */
function deduction(base: Base, rate: DeductionRate, what: string): ScoreLine {
  const points = rate.mode === 'fixed' ? rate.points : rate.maxPoints;
  return lineOf(base, 'bonus', false, points, `${what}: ${points}`);
}

/** The other facts a fact's rules read (`dependencies.ts`), as of the context's position. */
export interface FactGroups {
  /** live adoptions of the item, in valid-date then ledger order */
  adoptions(itemId: string): readonly ScoredFact[];
  /** live instructions of the (item, level), in valid-date then ledger order */
  instructions(itemId: string, level: string): readonly ScoredFact[];
  /** the capped points of a live submission of the year (none when no rate is in force) */
  submission(scored: ScoredFact, year: number, context: RuleContext): { points: number; rule: string } | undefined;
}

export const byValidDate = (a: ScoredFact, b: ScoredFact) => {
  const da = (a.fact.data as { validDate: string }).validDate;
  const db = (b.fact.data as { validDate: string }).validDate;
  return da < db ? -1 : da > db ? 1 : a.entry.position - b.entry.position;
};

const instructionKey = (itemId: string, level: string) => `${itemId}\u0000${level}`;

/** The groups of a list of facts known in full (the year as of p): the reference `yearLines` reads. */
export class ListedGroups implements FactGroups {
  private readonly adoptionsByItem = new Map<string, ScoredFact[]>();
  private readonly instructionsByKey = new Map<string, ScoredFact[]>();
  private readonly paid = new Map<number, { points: number; rule: string }>();

  constructor(facts: readonly ScoredFact[]) {
    const push = (map: Map<string, ScoredFact[]>, key: string, value: ScoredFact) => {
      const list = map.get(key);
      if (list) list.push(value);
      else map.set(key, [value]);
    };
    for (const scored of facts) {
      if (!scored.live) continue;
      if (scored.fact.type === 'InformationAdopted') push(this.adoptionsByItem, scored.fact.data.itemId, scored);
      else if (scored.fact.type === 'LeaderInstructionRecorded') push(this.instructionsByKey, instructionKey(scored.fact.data.itemId, scored.fact.data.level), scored);
    }
    for (const list of this.adoptionsByItem.values()) list.sort(byValidDate);
    for (const list of this.instructionsByKey.values()) list.sort(byValidDate);
  }

  /** Hands out the year's capped submission points over every listed piece. */
  paySubmissions(pieces: readonly Piece[], context: RuleContext): void {
    for (const [position, paid] of submissionPoints(pieces, context)) this.paid.set(position, paid);
  }

  adoptions(itemId: string): readonly ScoredFact[] {
    return this.adoptionsByItem.get(itemId) ?? [];
  }

  instructions(itemId: string, level: string): readonly ScoredFact[] {
    return this.instructionsByKey.get(instructionKey(itemId, level)) ?? [];
  }

  submission(scored: ScoredFact): { points: number; rule: string } | undefined {
    return this.paid.get(scored.entry.position);
  }
}

/**
 * The groups as of p found through the model's `related` index: only the facts that ever had the
 * key, read as of p and kept when their content in force still has it. What one unit's lines, or
 * one fact's lines in the score index, need without a pass over the year; cached per instance.
 */
export class RelatedGroups implements FactGroups {
  private cache: Map<string, readonly ScoredFact[]> | undefined;
  private paid: Map<string, Map<number, { points: number; rule: string }>> | undefined;

  constructor(
    private readonly model: ScoringModel,
    private readonly p: number,
  ) {}

  adoptions(itemId: string): readonly ScoredFact[] {
    return this.group(`a\u0000${itemId}`, (f) => f.type === 'InformationAdopted' && f.data.itemId === itemId);
  }

  instructions(itemId: string, level: string): readonly ScoredFact[] {
    return this.group(`i\u0000${itemId}\u0000${level}`, (f) => f.type === 'LeaderInstructionRecorded' && f.data.itemId === itemId && f.data.level === level);
  }

  submission(scored: ScoredFact, year: number, context: RuleContext): { points: number; rule: string } | undefined {
    return scored.unitId === null ? undefined : this.submissionsPaid(scored.unitId, year, context).get(scored.entry.position);
  }

  /**
   * The capped points of each live submission of the unit and year, by position (cached). `known`:
   * what the caller knows them to be as of this position, taken instead of paying them out again.
   */
  submissionsPaid(unitId: string, year: number, context: RuleContext, known?: Map<number, { points: number; rule: string }>): Map<number, { points: number; rule: string }> {
    const key = `${unitId}\u0000${year}`;
    this.paid ??= new Map();
    let paid = this.paid.get(key);
    if (!paid) this.paid.set(key, (paid = known ?? submissionPoints(this.piecesOf(unitId, year), context)));
    return paid;
  }

  /**
   * The live submissions of the unit and year as of p, under any of its names. A piece no
   * correction names is read from the index alone (its key says its unit and year, the fact table
   * its valid date); a corrected one is decoded and read as of p.
   */
  piecesOf(unitId: string, year: number): Piece[] {
    const seen = new Set<number>();
    const pieces: Piece[] = [];
    for (const name of namesOf(this.model, unitId)) {
      for (const position of this.model.related.get(submissionKey(name, year)) ?? []) {
        if (position > this.p || seen.has(position)) continue;
        seen.add(position);
        if (!this.model.correctedPositions.has(position)) {
          pieces.push({ position, unitId, validDate: this.model.facts.validDateAt(position)! });
          continue;
        }
        pieces.push(...piecesIn([scoredFactOf(this.model, entryAt(this.model, position), this.p)], year).filter((piece) => piece.unitId === unitId));
      }
    }
    return pieces;
  }

  private group(key: string, keeps: (fact: LedgerFact) => boolean): readonly ScoredFact[] {
    this.cache ??= new Map();
    let list = this.cache.get(key);
    if (list) return list;
    const members: ScoredFact[] = [];
    for (const position of this.model.related.get(key) ?? []) {
      if (position > this.p) continue;
      const scored = scoredFactOf(this.model, entryAt(this.model, position), this.p);
      if (scored.live && keeps(scored.fact)) members.push(scored);
    }
    list = members.sort(byValidDate);
    this.cache.set(key, list);
    return list;
  }
}

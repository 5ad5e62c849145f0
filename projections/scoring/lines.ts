import type { DeductionRate, FactKind, InformationAdopted, SchemeDefinition } from '../../events';
import { schemeIdForYear } from './as-of';
import { unitKey } from './dependencies';
import { ListedGroups, RelatedGroups, type FactGroups } from './groups';
import { entryAt, type SchemeVersionEntry, type ScoringModel } from './model';
import { PlacementTimeline } from './placements';
import { adoptionRule, instructionRule, piecesIn, versionOn } from './rules';
import { namesOf, scoredFactOf, scoredFactsAsOf, type CorrectionNote, type ScoredFact } from './scored-facts';

/**
 * Every point of a year, as of a ledger position: one line per scored fact (and per combined-
 * adoption contributor), with the rule and scheme version that produced it. Tables, monthly views
 * and explanations are sums of these lines, so an explanation always adds up to the table.
 */
export type Column = 'city' | 'upper' | 'bonus'; // 市办采用/市办得分 | 省办采用 + 加(减)分 | 加(减)分

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

export interface YearLines {
  readonly schemeId: string | null;
  readonly timeline: PlacementTimeline | null;
  readonly lines: ScoreLine[];
}


/** Placement timelines by scheme as of p, each built when first asked. */
export function timelinesOf(model: ScoringModel, p: number, timelines = new Map<string, PlacementTimeline>()): (schemeId: string) => PlacementTimeline {
  return (schemeId) => {
    let timeline = timelines.get(schemeId);
    if (!timeline) timelines.set(schemeId, (timeline = new PlacementTimeline(model, schemeId, p)));
    return timeline;
  };
}

export function yearLines(model: ScoringModel, year: number, p: number, acrossYears = true): YearLines {
  const schemeId = schemeIdForYear(model, year, p);
  if (schemeId === null) return { schemeId, timeline: null, lines: [] };
  const timeline = new PlacementTimeline(model, schemeId, p);
  const facts = scoredFactsAsOf(model, p);
  const groups = new ListedGroups(facts);
  const context: RuleContext = { model, p, schemeId, timeline, timelineOf: timelinesOf(model, p, new Map([[schemeId, timeline]])), groups, versions: new Map(), acrossYears };
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
  const context: RuleContext = { model, p, schemeId, timeline, timelineOf: timelinesOf(model, p, new Map([[schemeId, timeline]])), groups: new RelatedGroups(model, p), versions: new Map() };
  const lines: ScoreLine[] = [];
  for (const position of [...own.keys()].sort((a, b) => a - b)) {
    for (const line of factLines(own.get(position)!, year, context)) if (line.unitId === unitId) lines.push(line);
  }
  return { schemeId, timeline, lines };
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
  if (!scored.live) return [lineOf(base, 'bonus', false, 0, '已作废：不计分')];
  if (!version) return [lineOf(base, 'bonus', false, 0, `${validDate} 无适用的方案 ${context.schemeId} 版本`)];
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
  /** the placements of another scheme (another year's), as of p: for an item's adoptions read across years */
  readonly timelineOf: (schemeId: string) => PlacementTimeline;
  readonly groups: FactGroups;
  /** the scheme version in force by date, as of p (filled by `versionOn`) */
  readonly versions: Map<string, SchemeVersionEntry | null>;
  /**
   * false: an item's adoptions of another year are read under this context's scheme (which has no
   * version in force then, so they score nothing and pay nothing), as circulars of content version 6
   * and before were derived; otherwise (the default) each under its own year's scheme.
   */
  readonly acrossYears?: boolean;
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
      return [deduction(base, scheme.deductions.commissionMissed, fact.data.points, '约稿未按内容和时限报送')];
    case 'ReportingFailureRecorded':
      return [deduction(base, scheme.deductions.reportingFailure, fact.data.points, `迟报、漏报、瞒报（${FAILURES[fact.data.failure]}）`)];
    case 'FalseInformationRecorded':
      return [deduction(base, scheme.deductions.falseInformation, fact.data.points, '信息失实')];
    case 'QuotaSettled':
      return [lineOf(base, 'bonus', false, fact.data.points, `省采用任务年终结算 ${fact.data.period}：任务 ${fact.data.quota} 条，采用 ${fact.data.adopted} 条${fact.data.directReportingPoint ? '，直报点' : ''}`)];
    // Not scored: no line of their own (they change what the lines above read).
    case 'SchemePublished':
    case 'SchemeAmended':
    case 'UnitRegistered':
    case 'UnitAliasAdded':
    case 'UnitRenamed':
    case 'UnitEnrolled':
    case 'UnitWithdrawn':
    case 'UnitTierChanged':
    case 'UnitGroupChanged':
    case 'DirectReportingPointDesignated':
    case 'DirectReportingPointWithdrawn':
    case 'CommissionRequested':
    case 'FactCorrected':
    case 'CircularIssued':
      return [];
    default: {
      const _exhaustive: never = fact;
      return [];
    }
  }
}

/** The catalogue's reporting failures, as the notice names them. */
const FAILURES: Record<'late' | 'missing' | 'concealed', string> = { late: '迟报', missing: '漏报', concealed: '瞒报' };

/**
 * A fixed deduction, or a ranged one at the amount the office set in the fact (the ledger requires
 * it there). A fact restored from before amounts were recorded, under a range, takes its least
 * severe end.
 */
function deduction(base: Base, rate: DeductionRate, set: number | undefined, what: string): ScoreLine {
  if (rate.mode === 'fixed') return lineOf(base, 'bonus', false, rate.points, `${what}：${rate.points}`);
  const points = set ?? rate.maxPoints;
  return lineOf(base, 'bonus', false, points, `${what}：${points}${set === undefined ? '（未记扣分，按最轻计）' : '（由办公室认定）'}`);
}

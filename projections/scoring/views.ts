import { correctionsAsOf, officialName, schemeIdForYear, schemeOfView, schemeVersionOn, unitIdAsOf, unitIdOf } from './as-of';
import { unitKey } from './dependencies';
import { entryAt } from './model';
import { PlacementTimeline } from './placements';
import type { ScoreIndex } from './score-index';
import { unitYearLines, yearLines, type ScoreLine, type YearLines } from './lines';
import { namesOf, scoredFactOf, type CorrectionNote } from './scored-facts';
import type { ScoringModel } from './model';
import { contains, lastDay, partOfYear, wholeYear, type Period } from './periods';
import { asOfStamp, buildTable, periodLines, sumLines, type AsOfStamp, type TableOptions, type TableView } from './table';

/** The January-December statistics table (1-12月政务信息采用情况统计表) as of position p. */
export function annualTable(model: ScoringModel, year: number, p: number, index?: ScoreIndex, options?: TableOptions): TableView {
  return periodTable(model, wholeYear(year), p, index, options);
}

export interface MonthlyView extends TableView {
  month: string;
  /** 信息采用为零: assessed units with no adoption at any level that month, in table order */
  zeroAdoption: Array<{ unitId: string; unit: string; group: string }>;
}

/**
 * The monthly completion view: the month's table and the units with zero adoptions that month.
 * `month` may also name a quarter or merged months (`partOfYear`), for schemes whose circulars
 * cover those.
 */
export function monthlyView(model: ScoringModel, month: string, p: number, index?: ScoreIndex, options?: TableOptions): MonthlyView {
  const period = partOfYear(month);
  if (period === null) throw new RangeError(`monthly view: ${month} is not a month, a quarter or merged months`);
  const table = periodTable(model, period, p, index, options);
  const assessed = new Set((schemeOfView(model, table.scheme)?.groups ?? []).filter((g) => g.assessed).map((g) => g.key));
  const zeroAdoption = table.groups
    .filter((g) => assessed.has(g.key))
    .flatMap((g) => g.rows.filter((r) => r.cityAdopted + r.provincialAdopted === 0).map((r) => ({ unitId: r.unitId, unit: r.unit, group: g.key })));
  return { ...table, month, zeroAdoption };
}

export interface ExplanationItem {
  factId: string;
  kind: string;
  validDate: string;
  recordedAt: string;
  recordedBy: string;
  rule: string;
  schemeVersion: number | null;
  points: number;
  runningTotal: number;
  corrections: CorrectionNote[];
}

export interface Explanation {
  unitId: string;
  unit: string;
  year: number;
  /** the part of the year explained, as asked: a month (YYYY-MM), a quarter (YYYY-Q1) or merged months (YYYY-01/02); null: the year */
  month: string | null;
  asOf: AsOfStamp;
  total: number;
  items: ExplanationItem[];
}

export class UnknownUnitError extends Error {
  readonly code = 'UNKNOWN_UNIT';
}

/**
 * Every point of a unit's score over a year, or a part of it (`month`: a month, a quarter or merged
 * months, as `monthlyView` takes), in valid-date order, with a running total equal to the table's.
 * Only the unit's own facts and the groups their rules read are scored (`unitYearLines`), so an
 * explanation costs the unit's share of the ledger, not the year's.
 */
export function explain(model: ScoringModel, unitName: string, year: number, month: string | null, p: number): Explanation {
  return explanation(model, unitName, year, month, p, unitYearLines);
}

/** The reference for `explain`: the same explanation from every line of the year (a pass over all its facts). */
export function explainByRescoring(model: ScoringModel, unitName: string, year: number, month: string | null, p: number): Explanation {
  return explanation(model, unitName, year, month, p, (m, _unitId, y, q) => yearLines(m, y, q));
}

function explanation(model: ScoringModel, unitName: string, year: number, month: string | null, p: number, linesOf: (model: ScoringModel, unitId: string, year: number, p: number) => YearLines): Explanation {
  const unitId = unitIdAsOf(model, unitName, p);
  const unit = unitId === null ? undefined : model.units.get(unitId);
  if (!unitId || !unit) throw new UnknownUnitError(`--unit: no registered unit is named ${unitName}`);
  const period = month === null ? wholeYear(year) : partOfYear(month);
  if (period === null || period.year !== year) throw new RangeError(`month: ${month} is not a month, quarter or merged months of ${year}`);
  const lines = linesOf(model, unitId, year, p);
  const version = lines.schemeId === null ? null : schemeVersionOn(model, lines.schemeId, lastDay(period), p);
  const own: Array<ScoreLine | MovedAway> = version ? periodLines(lines, period, version.scheme).filter((l) => l.unitId === unitId) : [];
  if (lines.schemeId !== null) own.push(...movedAway(model, unitId, lines.schemeId, period, p, new Set(own.map((l) => l.factId))));
  // Valid-date order, then ledger order; the annual override line (position 0) closes its day.
  const order = (l: { position: number }) => (l.position === 0 ? Number.MAX_SAFE_INTEGER : l.position);
  own.sort((a, b) => (a.validDate < b.validDate ? -1 : a.validDate > b.validDate ? 1 : order(a) - order(b)));
  let runningTotal = 0;
  const items = own.map((line): ExplanationItem => {
    runningTotal += line.points;
    return {
      factId: line.factId,
      kind: line.kind,
      validDate: line.validDate,
      recordedAt: line.recordedAt,
      recordedBy: line.recordedBy,
      rule: line.rule,
      schemeVersion: line.schemeVersion,
      points: line.points,
      runningTotal,
      corrections: [...line.corrections],
    };
  });
  return { unitId, unit: officialName(model, unit, p), year, month, asOf: asOfStamp(model, p), total: runningTotal, items };
}

/** A fact a correction took out of the unit's period: shown with 0 points, saying where it counts now. */
interface MovedAway {
  readonly factId: string;
  readonly kind: string;
  readonly validDate: string;
  readonly position: number;
  readonly recordedAt: string;
  readonly recordedBy: string;
  readonly rule: string;
  readonly schemeVersion: null;
  readonly points: 0;
  readonly corrections: readonly CorrectionNote[];
}

/**
 * The facts whose content, as recorded or as an earlier replacement had it, counted for the unit in
 * the period, and that a correction has since moved to another unit or date (auditors see the
 * original and the effect of every correction: SPEC.md section 6). Found through the `related`
 * index, which keeps every name a fact's contents ever gave.
 */
function movedAway(model: ScoringModel, unitId: string, schemeId: string, period: Period, p: number, shown: ReadonlySet<string>): MovedAway[] {
  const out: MovedAway[] = [];
  const positions = new Set(namesOf(model, unitId).flatMap((name) => model.related.get(unitKey(name)) ?? []));
  const namesUnit = (data: { unitId?: string; contributors?: readonly string[] }) => [data.unitId, ...(data.contributors ?? [])].some((name) => name !== undefined && unitIdOf(model, name) === unitId);
  for (const position of [...positions].sort((a, b) => a - b)) {
    if (position > p || !model.correctedPositions.has(position)) continue; // uncorrected facts are where they were recorded
    const entry = entryAt(model, position);
    if (shown.has(entry.fact.id)) continue;
    const replacements = correctionsAsOf(model, entry.fact.id, p).filter((c) => c.fact.data.correction === 'replace' && c.fact.data.replacement !== null);
    if (replacements.length === 0) continue;
    const earlier = [entry.fact.data, ...replacements.map((c) => c.fact.data.replacement)] as Array<{ unitId?: string; contributors?: string[]; validDate: string }>;
    const there = earlier.find((data) => namesUnit(data) && contains(period, data.validDate));
    if (!there) continue;
    // a submission scored nothing where the scheme pays none for submitting: it had no item to lose
    if (entry.fact.type === 'InformationSubmitted' && !schemeVersionOn(model, schemeId, there.validDate, p)?.scheme.submission) continue;
    const now = scoredFactOf(model, entry, p);
    const data = now.fact.data as { unitId?: string; contributors?: string[]; validDate: string };
    if (namesUnit(data) && contains(period, data.validDate)) continue; // still here (its lines are shown)
    const unitNow = now.unitId === null ? (data.unitId ?? '') : officialName(model, model.units.get(now.unitId)!, p);
    const where = namesUnit(data) ? `更正后不计入本期（现记于${data.validDate}）` : `更正后不计入本单位（现记于${unitNow}，${data.validDate}）`;
    out.push({ factId: entry.fact.id, kind: entry.fact.type, validDate: there.validDate, position, recordedAt: entry.recordedAt, recordedBy: entry.recordedBy, rule: now.live ? where : `${where}，已作废`, schemeVersion: null, points: 0, corrections: now.corrections });
  }
  return out;
}

/**
 * A table over any span of whole months of one year (a quarterly or merged-months circular).
 * With a score index kept at the model's position, the sums are read from it (a binary search
 * per unit and month) instead of re-scoring the year; both give the same table.
 */
export function periodTable(model: ScoringModel, period: Period, p: number, index?: ScoreIndex, options?: TableOptions): TableView {
  const acrossYears = options?.acrossYears !== false;
  if (index && acrossYears && index.state.position === model.position) {
    const schemeId = schemeIdForYear(model, period.year, p);
    const timeline = schemeId === null ? null : new PlacementTimeline(model, schemeId, p);
    return buildTable(model, { schemeId, timeline }, () => index.sums(period.year, period, p), period, p, options);
  }
  const lines = yearLines(model, period.year, p, acrossYears);
  return buildTable(model, lines, () => sumLines(lines.lines, period), period, p, options);
}

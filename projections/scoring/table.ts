import type { SchemeDefinition, TieRule } from '../../events';
import { officialName, schemeVersionOn } from './as-of';
import type { ScoreLine, YearLines } from './lines';
import type { PlacementTimeline } from './placements';
import type { ScoringModel } from './model';
import { contains, lastDay, targetFor, type Period } from './periods';

/** The JSON form of a table (SPEC.md section 11), for the annual table and the monthly views alike. */
export interface TableRow {
  unitId: string;
  unit: string;
  target: number | null;
  cityAdopted: number;
  cityPoints: number;
  provincialAdopted: number;
  bonus: number;
  total: number;
  rank: number | null;
}

export interface TableGroup {
  key: string;
  title: string;
  rows: TableRow[];
}

export interface AsOfStamp {
  position: number;
  recordedAt: string | null;
}

export interface TableView {
  year: number;
  asOf: AsOfStamp;
  scheme: { id: string; version: number } | null;
  groups: TableGroup[];
}

export function asOfStamp(model: ScoringModel, p: number): AsOfStamp {
  return { position: p, recordedAt: p === 0 ? null : (model.facts.at(p)?.recordedAt ?? null) };
}

/**
 * "N missed commissions zero the year": one extra line that brings the annual total to 0 (a
 * negative total too). Period views are unchanged, so this is applied to annual lines only.
 */
export function withAnnualOverrides(lines: ScoreLine[], scheme: SchemeDefinition, year: number): ScoreLine[] {
  const out = [...lines];
  for (const override of scheme.overrides) {
    const missed = new Map<string, number>();
    for (const line of lines) if (line.kind === 'CommissionMissed' && line.live && line.position !== 0) missed.set(line.unitId, (missed.get(line.unitId) ?? 0) + 1);
    for (const [unitId, count] of missed) {
      if (count < override.count) continue;
      const total = lines.filter((l) => l.unitId === unitId).reduce((sum, l) => sum + l.points, 0);
      out.push({
        factId: '',
        kind: 'CommissionMissed',
        unitId,
        validDate: `${year}-12-31`,
        position: 0,
        recordedAt: '',
        recordedBy: '',
        column: 'bonus',
        counted: false,
        points: 0 - total, // never -0
        rule: `约稿未报 ${count} 次（满 ${override.count} 次全年得分归零）`,
        schemeVersion: null,
        live: true,
        corrections: [],
      });
    }
  }
  return out;
}

/** Lines of a period; the annual period carries the year's overrides. */
export function periodLines(year: YearLines, period: Period, scheme: SchemeDefinition): ScoreLine[] {
  const lines = year.lines.filter((l) => contains(period, l.validDate));
  return period.fromMonth === 1 && period.toMonth === 12 ? withAnnualOverrides(lines, scheme, period.year) : lines;
}

/** Column sums of one unit over a period, as of a position. */
export interface UnitSums {
  cityAdopted: number;
  cityPoints: number;
  provincialAdopted: number;
  bonus: number;
  /** live missed commissions, for "N missed commissions zero the year" */
  missedCommissions: number;
  /** live lines: a unit of an unassessed group is listed when it has any */
  scoredFacts: number;
}

export interface TableContext {
  readonly schemeId: string | null;
  readonly timeline: PlacementTimeline | null;
}

export interface TableOptions {
  /**
   * Under which scheme version each whole target period's target is read: the version in force on
   * that period's own last day (the default), or the one in force on the table's last day for
   * every period, as circulars of content version 4 and before were derived (they verify in it).
   */
  readonly targetVersions?: 'period-end' | 'table-end';
  /**
   * Whether a whole target period at whose last day the unit stood withdrawn has a target: none
   * (the default), or its tier's, as circulars of content version 5 and before were derived.
   */
  readonly withdrawnPeriods?: 'no-target' | 'tier-target';
  /**
   * false: the year re-scored reading an item's adoptions of other years under the year's own
   * scheme (`RuleContext.acrossYears`; the score index is not read), as circulars of content
   * version 6 and before were derived.
   */
  readonly acrossYears?: boolean;
}

/** The table from its context and the units' sums; `sums` come from lines or from the score index. */
export function buildTable(model: ScoringModel, context: TableContext, sumsFor: (scheme: SchemeDefinition) => Map<string, UnitSums>, period: Period, p: number, options: TableOptions = {}): TableView {
  const base = { year: period.year, asOf: asOfStamp(model, p) };
  const { schemeId, timeline } = context;
  if (schemeId === null || timeline === null) return { ...base, scheme: null, groups: [] };
  const end = lastDay(period);
  const version = schemeVersionOn(model, schemeId, end, p);
  if (!version) return { ...base, scheme: null, groups: [] };
  const { scheme } = version;
  const sums = sumsFor(scheme);
  const annual = period.fromMonth === 1 && period.toMonth === 12;
  const zeroAfter = Math.min(...scheme.overrides.map((o) => o.count));
  const members = new Map<string, string[]>(scheme.groups.map((g) => [g.key, []]));
  const unitIds = new Set([...timeline.unitIds(), ...sums.keys()]);
  for (const unitId of [...unitIds].sort((a, b) => registryOrder(model, a) - registryOrder(model, b))) {
    const placement = timeline.placementOn(unitId, end);
    // Left the assessment, or never in it (a unit outside the scheme whose reports the office may
    // still adopt): in neither the table nor the lists.
    if (placement.withdrawn || placement.group === null) continue;
    const definition = scheme.groups.find((g) => g.key === placement.group);
    if (!definition || (!definition.assessed && !((sums.get(unitId)?.scoredFacts ?? 0) > 0))) continue;
    members.get(definition.key)!.push(unitId);
  }
  // Each whole target period counts its tier's target under the version in force on its own last
  // day: a year's table sums what its quarters' tables show, across an amendment too.
  const schemesOn = new Map<string, SchemeDefinition>();
  const schemeOn = (day: string) => {
    let on = schemesOn.get(day);
    if (!on) schemesOn.set(day, (on = (options.targetVersions === 'table-end' ? null : schemeVersionOn(model, schemeId, day, p)?.scheme) ?? scheme));
    return on;
  };
  // A target period the unit was withdrawn in (or not yet placed in) at its end has no target.
  const targetOn = (unitId: string, day: string) => {
    const tier = options.withdrawnPeriods === 'tier-target' ? timeline.placementOn(unitId, day).tier : timeline.tierOn(unitId, day);
    return schemeOn(day).tiers.find((t) => t.key === tier)?.target ?? null;
  };
  const groups = scheme.groups.map((definition) => {
    const rows = members.get(definition.key)!.map((unitId): TableRow => {
      const { missedCommissions, scoredFacts: _scored, ...sum } = sums.get(unitId) ?? emptySums();
      // "N missed commissions zero the year": the annual bonus brings the total to 0.
      if (annual && missedCommissions >= zeroAfter) sum.bonus -= sum.cityPoints + sum.bonus;
      const unit = model.units.get(unitId);
      return {
        unitId,
        unit: unit ? officialName(model, unit, p) : unitId,
        target: definition.assessed ? targetFor(period, scheme, (day) => targetOn(unitId, day)) : null,
        ...sum,
        total: sum.cityPoints + sum.bonus,
        rank: null,
      };
    });
    rank(rows, scheme.ties, definition.assessed, (unitId) => registryOrder(model, unitId));
    return { key: definition.key, title: definition.title, rows };
  });
  return { ...base, scheme: { id: version.schemeId, version: version.version }, groups };
}

export const emptySums = (): UnitSums => ({ cityAdopted: 0, cityPoints: 0, provincialAdopted: 0, bonus: 0, missedCommissions: 0, scoredFacts: 0 });

/** Sums a period's lines per unit (the annual override is applied by buildTable, not here). */
export function sumLines(lines: readonly ScoreLine[], period: Period): Map<string, UnitSums> {
  const sums = new Map<string, UnitSums>();
  for (const line of lines) {
    if (!contains(period, line.validDate)) continue;
    const sum = sums.get(line.unitId) ?? emptySums();
    if (line.column === 'city') {
      sum.cityPoints += line.points;
      if (line.counted) sum.cityAdopted += 1;
    } else {
      sum.bonus += line.points;
      if (line.column === 'upper' && line.counted) sum.provincialAdopted += 1;
    }
    if (line.kind === 'CommissionMissed' && line.live) sum.missedCommissions += 1;
    if (line.live) sum.scoredFacts += 1;
    sums.set(line.unitId, sum);
  }
  return sums;
}

function registryOrder(model: ScoringModel, unitId: string): number {
  return model.units.get(unitId)?.registeredAt ?? Number.MAX_SAFE_INTEGER;
}

/**
 * Ranks by the scheme's tie rule: an ordered chain of criteria (unique ranks, registry order last)
 * or competition ranks on the total alone (1, 2, 2, 4; tied rows in registry order). Unassessed
 * groups are ordered by the same chain and get no rank.
 */
function rank(rows: TableRow[], ties: TieRule, ranked: boolean, order: (unitId: string) => number): void {
  const criteria = ties.mode === 'criteria' ? ties.criteria : (['total', 'registryOrder'] as const);
  rows.sort((a, b) => {
    for (const criterion of criteria) {
      const diff = criterion === 'registryOrder' ? order(a.unitId) - order(b.unitId) : b[criterion] - a[criterion];
      if (diff !== 0) return diff;
    }
    return order(a.unitId) - order(b.unitId);
  });
  if (!ranked) return;
  rows.forEach((row, i) => {
    row.rank = ties.mode === 'shared' && i > 0 && rows[i - 1].total === row.total ? rows[i - 1].rank : i + 1;
  });
}

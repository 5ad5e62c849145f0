import type { QuotaSettled } from '../../events';
import { yearLines } from './lines';
import type { ScoringModel } from './model';
import { lastDay, wholeYear } from './periods';
import { schemeVersionOn } from './as-of';

/**
 * The year-end settlement of upper-level adoption quotas (SPEC.md section 4), decided from the
 * ledger: every unit with a quota gets one settlement fact on the first run (even at 0); a rerun
 * appends only the difference from the unit's live settlement facts, so running it twice appends
 * nothing (a unit with no quota any more, settled before, gets its settlement taken back, at quota
 * 0). Quotas are settled per quota period (one quarter's excess does not cover another's
 * shortfall), each period the unit was placed in at its end; quota, tier and designation are those
 * in force on the year's last day; excess is never doubled, only a direct reporting point's shortfall.
 */
export type SettlementData = QuotaSettled['data'];

const QUOTA_PERIODS: Record<'year' | 'quarter' | 'month', number[][]> = {
  year: [[1, 12]],
  quarter: [[1, 3], [4, 6], [7, 9], [10, 12]],
  month: Array.from({ length: 12 }, (_, i) => [i + 1, i + 1]),
};

export function decideSettlement(model: ScoringModel, year: number, p: number): SettlementData[] {
  const lines = yearLines(model, year, p);
  if (lines.schemeId === null || lines.timeline === null) return [];
  const end = lastDay(wholeYear(year));
  const version = schemeVersionOn(model, lines.schemeId, end, p);
  const rates = version?.scheme.quotaSettlement;
  if (!version || !rates) return [];
  const { scheme } = version;
  const upperLevel = scheme.levels[1];
  const decided: SettlementData[] = [];
  const units = [...lines.timeline.unitIds()].sort((a, b) => (model.units.get(a)?.registeredAt ?? 0) - (model.units.get(b)?.registeredAt ?? 0));
  const quotaPeriods = QUOTA_PERIODS[scheme.periods.quota];
  for (const unitId of units) {
    const placement = lines.timeline.placementOn(unitId, end);
    const tier = scheme.tiers.find((t) => t.key === placement.tier);
    const group = scheme.groups.find((g) => g.key === placement.group);
    // No quota on the year's last day (withdrawn, or moved since to a group with none): it owes
    // nothing, so what an earlier run settled on it is taken back.
    const quota = placement.withdrawn || !tier || !group?.assessed ? null : tier.provincialQuota;
    const settled = lines.lines.filter((l) => l.unitId === unitId && l.kind === 'QuotaSettled' && l.live);
    if (quota === null && settled.length === 0) continue;
    const direct = quota !== null && upperLevel !== undefined && lines.timeline.isDirectReportingPoint(unitId, upperLevel, end);
    // Contributors of a combined adoption are not counted: only the lead's counted upper-level line.
    const upper = lines.lines.filter((l) => l.unitId === unitId && l.column === 'upper' && l.counted && l.kind === 'InformationAdopted');
    let owed = 0;
    let periods = 0;
    let counted = 0; // the adoptions of the periods settled: the fact's quota and adoptions give its points
    for (const [from, to] of quota === null ? [] : quotaPeriods) {
      // A quota period the unit was not placed in at its end (enrolled later, or withdrawn then)
      // owes nothing, as it has no target: the quota is the year-end tier's, for the periods placed.
      if (lines.timeline.tierOn(unitId, lastDay({ year, fromMonth: from, toMonth: to })) === null) continue;
      periods++;
      const adopted = upper.filter((l) => Number(l.validDate.slice(5, 7)) >= from && Number(l.validDate.slice(5, 7)) <= to).length;
      counted += adopted;
      const diff = adopted - quota!;
      owed += diff >= 0 ? diff * rates.excessPoints : -diff * rates.shortfallPoints * (direct ? rates.directReportingPointShortfallFactor : 1);
    }
    const already = settled.reduce((sum, l) => sum + l.points, 0);
    if (settled.length > 0 && already === owed) continue;
    decided.push({
      schemeId: lines.schemeId,
      unitId,
      year,
      period: String(year),
      quota: (quota ?? 0) * periods,
      adopted: counted,
      directReportingPoint: direct,
      points: owed - already,
      validDate: end,
    });
  }
  return decided;
}

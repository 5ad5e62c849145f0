import { schemeOfView } from './as-of';
import type { ScoreIndex } from './score-index';
import type { ScoringModel } from './model';
import type { AsOfStamp, TableRow } from './table';
import { annualTable } from './views';

/**
 * Awards (特等奖, 一二三等奖, 鼓励奖) by band, as of a position (SPEC.md section 4): within each group
 * the scheme gives bands for, the units that completed their task (total >= target) are taken in
 * table order, and each band gives its award to as many places as its count. Units sharing a rank
 * share a place: a unit's place is 1 + the completed units ranked strictly ahead of it, and it gets
 * the first band whose counts so far reach its place (so a tie at a band's edge gets that band,
 * and the places it takes beyond the count come off the bands after it, as shared ranks skip
 * numbers). Units without a target, or below it, get none. The bands are the scheme version's in
 * force on the year's last day (the table's).
 */
export interface AwardedUnit {
  unitId: string;
  unit: string;
  rank: number | null;
  target: number;
  total: number;
}

export interface AwardBandView {
  award: string;
  /** places the scheme gives the band */
  count: number;
  /** the units awarded, in table order (more than `count` when a tie at its edge shares it) */
  units: AwardedUnit[];
}

export interface AwardsView {
  year: number;
  asOf: AsOfStamp;
  scheme: { id: string; version: number } | null;
  groups: Array<{ key: string; title: string; bands: AwardBandView[] }>;
}

export function awardsView(model: ScoringModel, year: number, p: number, index?: ScoreIndex): AwardsView {
  const table = annualTable(model, year, p, index);
  const scheme = schemeOfView(model, table.scheme);
  const groups: AwardsView['groups'] = [];
  for (const { group, bands } of scheme?.awards ?? []) {
    const rows = table.groups.find((g) => g.key === group);
    const title = rows?.title ?? scheme?.groups.find((g) => g.key === group)?.title ?? group;
    const views: AwardBandView[] = bands.map((band) => ({ award: band.award, count: band.count, units: [] }));
    const completed = (rows?.rows ?? []).filter((row): row is TableRow & { target: number } => row.target !== null && row.total >= row.target);
    completed.forEach((row, i) => {
      // Shared ranks: the first completed unit of this rank decides the place of them all.
      const first = row.rank === null ? i : completed.findIndex((other) => other.rank === row.rank);
      const place = first + 1;
      let reached = 0;
      const band = views.find((b) => (reached += b.count) >= place);
      band?.units.push({ unitId: row.unitId, unit: row.unit, rank: row.rank, target: row.target, total: row.total });
    });
    groups.push({ key: group, title, bands: views });
  }
  return { year, asOf: table.asOf, scheme: table.scheme, groups };
}

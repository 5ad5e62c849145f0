import type { AwardsView } from '../../projections';
import { csvLine } from './csv-line';

export const AWARDS_CSV_HEADER = 'group,award,unit,rank,target,total';

/** The awards as data: one record per unit awarded, in band order within each group. */
export function awardsToCsv(view: AwardsView): string {
  const lines = [AWARDS_CSV_HEADER];
  for (const group of view.groups) {
    for (const band of group.bands) for (const unit of band.units) lines.push(csvLine([group.key, band.award, unit.unit, unit.rank, unit.target, unit.total]));
  }
  return `${lines.join('\n')}\n`;
}

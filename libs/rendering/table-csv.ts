import type { TableView } from '../../projections';
import { csvLine } from './csv-line';
import { sectionNumeral } from './section-numeral';

/**
 * The CSV form of a table: the columns of the published transcription
 * (section,group,unit,target,city_adopted,city_points,provincial_adopted,bonus,total,rank),
 * zeros as 0, no target or rank where the group has none.
 */
export const TABLE_CSV_HEADER = 'section,group,unit,target,city_adopted,city_points,provincial_adopted,bonus,total,rank';

export function tableToCsv(table: TableView): string {
  const lines = [TABLE_CSV_HEADER];
  table.groups.forEach((group, index) => {
    for (const row of group.rows) {
      lines.push(csvLine([sectionNumeral(index), group.key, row.unit, row.target, row.cityAdopted, row.cityPoints, row.provincialAdopted, row.bonus, row.total, row.rank]));
    }
  });
  return `${lines.join('\n')}\n`;
}

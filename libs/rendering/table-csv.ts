import type { TableView } from '../../projections';

/**
 * The CSV form of a table: the columns of the published transcription
 * (section,group,unit,target,city_adopted,city_points,provincial_adopted,bonus,total,rank),
 * zeros as 0, no target or rank where the group has none.
 */
const SECTIONS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
export const TABLE_CSV_HEADER = 'section,group,unit,target,city_adopted,city_points,provincial_adopted,bonus,total,rank';

function cell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function tableToCsv(table: TableView): string {
  const lines = [TABLE_CSV_HEADER];
  table.groups.forEach((group, index) => {
    for (const row of group.rows) {
      lines.push(
        [SECTIONS[index] ?? String(index + 1), group.key, row.unit, row.target, row.cityAdopted, row.cityPoints, row.provincialAdopted, row.bonus, row.total, row.rank].map(cell).join(','),
      );
    }
  });
  return `${lines.join('\n')}\n`;
}

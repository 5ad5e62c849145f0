import { unitIdAsOf } from '../scoring/as-of';
import type { ScoringModel } from '../scoring/model';
import type { TableView } from '../scoring/table';

/**
 * Reconciliation of a published table (the columns of the transcription: section, group, unit,
 * target, city_adopted, city_points, provincial_adopted, bonus, total, rank; blanks kept blank)
 * with the ledger: every cell where they disagree, with both values. A blank in 省办采用 or
 * 加(减)分 is the printed form of 0; a blank target or rank means none.
 */
export interface PublishedRow {
  readonly line: number;
  readonly section: string;
  readonly group: string;
  readonly unit: string;
  readonly target: string;
  readonly city_adopted: string;
  readonly city_points: string;
  readonly provincial_adopted: string;
  readonly bonus: string;
  readonly total: string;
  readonly rank: string;
}

export interface CellDifference {
  line: number | null;
  unit: string;
  column: string;
  published: string | number | null;
  ledger: string | number | null;
}

const COLUMNS = [
  ['target', 'target', 'none'],
  ['city_adopted', 'cityAdopted', 'zero'],
  ['city_points', 'cityPoints', 'zero'],
  ['provincial_adopted', 'provincialAdopted', 'zero'],
  ['bonus', 'bonus', 'zero'],
  ['total', 'total', 'zero'],
  ['rank', 'rank', 'none'],
] as const;

export function reconcile(model: ScoringModel, table: TableView, published: readonly PublishedRow[]): CellDifference[] {
  const p = table.asOf.position;
  const ledgerRows = new Map(table.groups.flatMap((g) => g.rows.map((row) => [row.unitId, { group: g.key, row }] as const)));
  const seen = new Set<string>();
  const out: CellDifference[] = [];
  for (const row of published) {
    const unitId = unitIdAsOf(model, row.unit, p);
    const found = unitId === null ? undefined : ledgerRows.get(unitId);
    if (!found) {
      out.push({ line: row.line, unit: row.unit, column: 'unit', published: row.unit, ledger: null });
      continue;
    }
    seen.add(unitId!);
    if (found.group !== row.group) out.push({ line: row.line, unit: row.unit, column: 'group', published: row.group, ledger: found.group });
    if (found.row.unit !== row.unit) out.push({ line: row.line, unit: row.unit, column: 'unit', published: row.unit, ledger: found.row.unit });
    for (const [column, field, blank] of COLUMNS) {
      const text = row[column].trim();
      const value = text === '' ? (blank === 'zero' ? 0 : null) : Number(text);
      if (value !== found.row[field]) out.push({ line: row.line, unit: row.unit, column, published: text === '' ? null : value, ledger: found.row[field] });
    }
  }
  for (const [unitId, { row }] of ledgerRows) {
    if (!seen.has(unitId)) out.push({ line: null, unit: row.unit, column: 'unit', published: null, ledger: row.unit });
  }
  return out;
}

import { history, type HistoryEntry } from '../scoring/history';
import type { ScoringModel } from '../scoring/model';
import type { TableRow, TableView } from '../scoring/table';

/**
 * A restatement: an issued table "as published" beside "as the ledger says now", per unit and
 * cell, with the facts recorded after the circular that made each unit's difference (late facts,
 * corrections, settlements, placement changes).
 */
export const TABLE_CELLS = ['target', 'cityAdopted', 'cityPoints', 'provincialAdopted', 'bonus', 'total', 'rank'] as const;
export type TableCell = (typeof TABLE_CELLS)[number];

export interface RestatedUnit {
  unitId: string;
  unit: string;
  cells: Array<{ cell: TableCell | 'listed'; published: number | string | null; now: number | string | null }>;
  /** facts recorded after the circular's position that concern the unit */
  facts: Array<Pick<HistoryEntry, 'position' | 'id' | 'type' | 'validDate' | 'recordedAt' | 'recordedBy'> & { corrects?: string }>;
}

export function restatement(model: ScoringModel, published: TableView, now: TableView): RestatedUnit[] {
  const before = rowsById(published);
  const after = rowsById(now);
  const out: RestatedUnit[] = [];
  for (const unitId of new Set([...before.keys(), ...after.keys()])) {
    const was = before.get(unitId);
    const is = after.get(unitId);
    const cells: RestatedUnit['cells'] = [];
    if (!was || !is) cells.push({ cell: 'listed', published: was ? was.group : null, now: is ? is.group : null });
    else for (const cell of TABLE_CELLS) if (was.row[cell] !== is.row[cell]) cells.push({ cell, published: was.row[cell], now: is.row[cell] });
    if (cells.length === 0) continue;
    out.push({ unitId, unit: (is ?? was)!.row.unit, cells, facts: factsAfter(model, unitId, published.asOf.position, now.asOf.position) });
  }
  return out;
}

function rowsById(table: TableView): Map<string, { group: string; row: TableRow }> {
  return new Map(table.groups.flatMap((g) => g.rows.map((row) => [row.unitId, { group: g.key, row }] as const)));
}

/** The unit's facts recorded in (from, to], the corrections then of its earlier facts among them (history by unit holds both). */
function factsAfter(model: ScoringModel, unitId: string, from: number, to: number): RestatedUnit['facts'] {
  return history(model, { unit: unitId }, to)
    .filter((e) => e.position > from)
    .map(({ position, id, type, validDate, recordedAt, recordedBy, data }) => {
      const fact = { position, id, type, validDate, recordedAt, recordedBy };
      return type === 'FactCorrected' ? { ...fact, corrects: (data as { correctedFactId: string }).correctedFactId } : fact;
    });
}

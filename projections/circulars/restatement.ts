import { history, type HistoryEntry } from '../scoring/history';
import type { ScoringModel } from '../scoring/model';
import type { TableRow, TableView } from '../scoring/table';
import type { MonthlyView } from '../scoring/views';
import type { CircularContent, UnitTarget } from './content';

/**
 * A restatement: an issued table "as published" beside "as the ledger says now", per unit and
 * cell, with the facts recorded after the circular that made each unit's difference (late facts,
 * corrections, settlements, placement changes).
 */
export const TABLE_CELLS = ['target', 'cityAdopted', 'cityPoints', 'provincialAdopted', 'bonus', 'total', 'rank'] as const;
export type TableCell = (typeof TABLE_CELLS)[number];

/**
 * `listed`: the group a unit is listed in (null: not in the table); `zeroAdoption`: named among the
 * units with no adoption that month; `achieved` and `deduction`: a failing or assessment circular's
 * figures for a unit it names (null: not named).
 */
export type RestatedCell = TableCell | 'listed' | 'zeroAdoption' | 'achieved' | 'deduction';

export interface RestatedUnit {
  unitId: string;
  unit: string;
  cells: Array<{ cell: RestatedCell; published: number | string | boolean | null; now: number | string | boolean | null }>;
  /** facts recorded after the circular's position that concern the unit */
  facts: Array<Pick<HistoryEntry, 'position' | 'id' | 'type' | 'validDate' | 'recordedAt' | 'recordedBy'> & { corrects?: string }>;
}

/**
 * A circular of any kind as published beside the same circular derived now: its table (annual,
 * monthly) cell by cell, and the units it names (zero adoption, below target, assessment) with
 * their figures; per unit, the facts recorded since that made the difference.
 */
export function restatedContent(model: ScoringModel, published: CircularContent, now: CircularContent): RestatedUnit[] {
  if (published.kind === 'annual') return restatement(model, published.table!, now.table!);
  if (published.kind === 'monthly') return withNamed(model, restatement(model, published.monthly!, now.monthly!), zeroAdoptionCells(published.monthly!, now.monthly!), published.asOf.position, now.asOf.position);
  const named = published.kind === 'failing' ? targetCells(published.belowTarget ?? [], now.belowTarget ?? [], []) : targetCells(published.assessment ?? [], now.assessment ?? [], ['deduction']);
  return withNamed(model, [], named, published.asOf.position, now.asOf.position);
}

type NamedCells = Map<string, { unit: string; cells: RestatedUnit['cells'] }>;

/** Who is named among the units with no adoption, published and now. */
function zeroAdoptionCells(published: MonthlyView, now: MonthlyView): NamedCells {
  const [was, is] = [new Map(published.zeroAdoption.map((z) => [z.unitId, z.unit])), new Map(now.zeroAdoption.map((z) => [z.unitId, z.unit]))];
  const out: NamedCells = new Map();
  for (const unitId of new Set([...was.keys(), ...is.keys()])) {
    if (was.has(unitId) !== is.has(unitId)) out.set(unitId, { unit: (is.get(unitId) ?? was.get(unitId))!, cells: [{ cell: 'zeroAdoption', published: was.has(unitId), now: is.has(unitId) }] });
  }
  return out;
}

/** The units a failing or assessment circular names, with their target, achieved score (and deduction), published and now. */
function targetCells<T extends UnitTarget>(published: readonly T[], now: readonly T[], extra: ReadonlyArray<'deduction'>): NamedCells {
  const [was, is] = [new Map(published.map((u) => [u.unitId, u])), new Map(now.map((u) => [u.unitId, u]))];
  const out: NamedCells = new Map();
  for (const unitId of new Set([...was.keys(), ...is.keys()])) {
    const [a, b] = [was.get(unitId), is.get(unitId)];
    const cells: RestatedUnit['cells'] = [];
    for (const cell of ['target', 'achieved', ...extra] as const) {
      const [x, y] = [a ? (a as unknown as Record<string, number>)[cell] : null, b ? (b as unknown as Record<string, number>)[cell] : null];
      if (x !== y) cells.push({ cell, published: x, now: y });
    }
    if (cells.length > 0) out.set(unitId, { unit: (b ?? a)!.unit, cells });
  }
  return out;
}

/** Adds the named units' cells to the table's (a unit once, its facts read once). */
function withNamed(model: ScoringModel, fromTable: RestatedUnit[], named: NamedCells, from: number, to: number): RestatedUnit[] {
  const out = fromTable.map((u) => ({ ...u, cells: [...u.cells, ...(named.get(u.unitId)?.cells ?? [])] }));
  const seen = new Set(out.map((u) => u.unitId));
  for (const [unitId, { unit, cells }] of named) if (!seen.has(unitId)) out.push({ unitId, unit, cells, facts: factsAfter(model, unitId, from, to) });
  return out;
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

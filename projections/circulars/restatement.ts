import { history, type HistoryEntry } from '../scoring/history';
import type { ScoringModel } from '../scoring/model';
import type { TableRow, TableView } from '../scoring/table';
import type { CircularContent, NamedUnit, UnitTarget } from './content';

/**
 * A restatement: an issued table "as published" beside "as the ledger says now", per unit and
 * cell, with the facts recorded after the circular that made each unit's difference (late facts,
 * corrections, settlements, placement changes).
 */
export const TABLE_CELLS = ['target', 'cityAdopted', 'cityPoints', 'provincialAdopted', 'bonus', 'total', 'rank'] as const;
export type TableCell = (typeof TABLE_CELLS)[number];

/**
 * `listed`: the group a unit is listed in (null: not in the table); `zeroAdoption`: named among the
 * units with no adoption that month; `seriousError`, `lateCommission`: named in an annual
 * circular's 重大失误 or 约稿 sentence; `achieved` and `deduction`: a failing or assessment
 * circular's figures for a unit it names (null: not named).
 */
export type RestatedCell = TableCell | 'listed' | 'zeroAdoption' | 'seriousError' | 'lateCommission' | 'achieved' | 'deduction';

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
  const [from, to] = [published.asOf.position, now.asOf.position];
  if (published.kind === 'annual') {
    // content version 2 on: the units its 重大失误 and 约稿 sentences name
    const named = mergedCells(namedCells('seriousError', published.seriousErrors ?? [], now.seriousErrors ?? []), namedCells('lateCommission', published.lateCommissions ?? [], now.lateCommissions ?? []));
    return withNamed(model, restatement(model, published.table!, now.table!), named, from, to);
  }
  if (published.kind === 'monthly') return withNamed(model, restatement(model, published.monthly!, now.monthly!), namedCells('zeroAdoption', published.monthly!.zeroAdoption, now.monthly!.zeroAdoption), from, to);
  const named = published.kind === 'failing' ? targetCells(published.belowTarget ?? [], now.belowTarget ?? [], []) : targetCells(published.assessment ?? [], now.assessment ?? [], ['deduction']);
  return withNamed(model, [], named, from, to);
}

type NamedCells = Map<string, { unit: string; cells: RestatedUnit['cells'] }>;

/** Who a sentence names (with no adoption that month, 重大失误, 约稿), published and now: true where named. */
function namedCells(cell: 'zeroAdoption' | 'seriousError' | 'lateCommission', published: readonly NamedUnit[], now: readonly NamedUnit[]): NamedCells {
  const [was, is] = [new Map(published.map((z) => [z.unitId, z.unit])), new Map(now.map((z) => [z.unitId, z.unit]))];
  const out: NamedCells = new Map();
  for (const unitId of new Set([...was.keys(), ...is.keys()])) {
    if (was.has(unitId) !== is.has(unitId)) out.set(unitId, { unit: (is.get(unitId) ?? was.get(unitId))!, cells: [{ cell, published: was.has(unitId), now: is.has(unitId) }] });
  }
  return out;
}

function mergedCells(a: NamedCells, b: NamedCells): NamedCells {
  const out: NamedCells = new Map(a);
  for (const [unitId, { unit, cells }] of b) out.set(unitId, { unit, cells: [...(out.get(unitId)?.cells ?? []), ...cells] });
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
  return history(model, { unit: unitId, after: from }, to).map(({ position, id, type, validDate, recordedAt, recordedBy, data }) => {
    const fact = { position, id, type, validDate, recordedAt, recordedBy };
    return type === 'FactCorrected' ? { ...fact, corrects: (data as { correctedFactId: string }).correctedFactId } : fact;
  });
}

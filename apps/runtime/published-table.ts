import { parse } from 'csv-parse/sync';
import { annualTable, reconcile, type PublishedRow, type ScoreIndex, type ScoringModel } from '../../projections';

/** The columns of a published table's transcription (data/yuxi-2017-annual-table.csv). */
export const PUBLISHED_COLUMNS = ['section', 'group', 'unit', 'target', 'city_adopted', 'city_points', 'provincial_adopted', 'bonus', 'total', 'rank'] as const;

export class PublishedTableError extends Error {
  readonly code = 'BAD_PUBLISHED_TABLE';
}

/** Reads a published table's CSV for `reconcile`; `source` names it in errors (a file, or the request body). */
export function parsePublishedTable(text: string, source: string): PublishedRow[] {
  let records: Array<Record<string, string>>;
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Array<Record<string, string>>;
  } catch (error) {
    throw new PublishedTableError(`${source}: not CSV (${error instanceof Error ? error.message : String(error)})`);
  }
  const header = Object.keys(records[0] ?? {});
  const missing = PUBLISHED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new PublishedTableError(`${source}: missing columns ${missing.join(', ')} (expected ${PUBLISHED_COLUMNS.join(',')})`);
  return records.map((record, i) => ({ line: i + 2, ...record }) as unknown as PublishedRow);
}

/** `ledger reconcile` and `POST /api/reconcile/:year` alike: the cells where a published table and the ledger disagree. */
export function reconciliation(model: ScoringModel, index: ScoreIndex, year: number, position: number, published: readonly PublishedRow[]) {
  const table = annualTable(model, year, position, index);
  const differences = reconcile(model, table, published);
  return { year, asOf: table.asOf, matches: differences.length === 0, differences };
}

/** The text form: a line per differing cell, then the count. */
export function reconciliationText({ asOf, differences }: ReturnType<typeof reconciliation>): string {
  const lines = differences.map((d) => `${d.line === null ? 'ledger only' : `line ${d.line}`}: ${d.unit} ${d.column}: published ${d.published ?? '(blank)'}, ledger ${d.ledger ?? '(blank)'}\n`);
  return `${lines.join('')}${differences.length} cells differ (as of position ${asOf.position})\n`;
}

import { parse } from 'csv-parse/sync';
import type { PublishedRow } from '../../projections';

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

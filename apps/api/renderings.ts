import type { Response } from 'express';
import {
  circularToCsv,
  circularToHtml,
  circularToMarkdown,
  circularToXlsx,
  monthlyToHtml,
  monthlyToMarkdown,
  monthlyToXlsx,
  tableToCsv,
  tableToHtml,
  tableToMarkdown,
  tableToXlsx,
} from '../../libs/rendering';
import type { CircularContent, MonthlyView, TableView } from '../../projections';
import { canonicalJson } from '../../libs/canonical';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TYPES: Record<string, string> = {
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  xlsx: XLSX,
};

export function send(res: Response, contentType: string, body: string | Buffer, filename?: string): void {
  res.status(200).type(contentType);
  if (filename) res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.send(body);
}

/** `GET /api/tables/:year?format=`: the same renderings as `ledger table --format`. */
export function sendTable(res: Response, table: TableView, format: string): Promise<void> {
  return render(res, format, `table-${table.year}`, {
    json: () => table,
    csv: () => tableToCsv(table),
    html: () => tableToHtml(table),
    md: () => tableToMarkdown(table),
    xlsx: () => tableToXlsx(table),
  });
}

export function sendMonthly(res: Response, view: MonthlyView, format: string): Promise<void> {
  return render(res, format, `monthly-${view.month}`, {
    json: () => view,
    csv: () => tableToCsv(view),
    html: () => monthlyToHtml(view),
    md: () => monthlyToMarkdown(view),
    xlsx: () => monthlyToXlsx(view),
  });
}

/** A circular's JSON is its canonical content, byte for byte what the digest covers. */
export function sendCircular(res: Response, content: CircularContent, format: string): Promise<void> {
  return render(res, format, `circular-${content.kind}-${content.period}`, {
    json: () => canonicalJson(content),
    csv: () => circularToCsv(content),
    html: () => circularToHtml(content),
    md: () => circularToMarkdown(content),
    xlsx: () => circularToXlsx(content),
  });
}

type Renderers = Record<'json' | 'csv' | 'html' | 'md' | 'xlsx', () => unknown>;

async function render(res: Response, format: string, name: string, renderers: Renderers): Promise<void> {
  const body = await renderers[format as keyof Renderers]();
  if (format === 'json') {
    if (typeof body === 'string') send(res, 'application/json; charset=utf-8', body);
    else res.json(body);
    return;
  }
  send(res, TYPES[format], body as string | Buffer, format === 'xlsx' ? `${name}.xlsx` : undefined);
}

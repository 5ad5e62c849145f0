import type { MonthlyView, TableView } from '../../projections';
import { zeroAdoptionLine } from './circular-sentences';
import { printedTable } from './printed-table';
import { addPrintedTable, addPrintSheet, addTextRow, contentDate, newWorkbook, workbookBuffer } from './xlsx-sheet';

/** Who the workbook says made it: the ledger, never the person at the keyboard. */
export const XLSX_AUTHOR = 'ledger';

/** The statistics table as a workbook of one sheet (统计表), dated by the view's as-of time. */
export async function tableToXlsx(view: TableView): Promise<Buffer> {
  const printed = printedTable(view);
  const workbook = await newWorkbook(XLSX_AUTHOR, tableDate(view), printed.title);
  addPrintedTable(addPrintSheet(workbook, '统计表'), printed);
  return workbookBuffer(workbook);
}

/** The monthly view: the month's table, with the units that had no adoption under the title. */
export async function monthlyToXlsx(view: MonthlyView): Promise<Buffer> {
  const printed = printedTable(view);
  const workbook = await newWorkbook(XLSX_AUTHOR, tableDate(view), printed.title);
  const sheet = addPrintSheet(workbook, '统计表');
  addTextRow(sheet, zeroAdoptionLine(view), 'text');
  addPrintedTable(sheet, printed);
  return workbookBuffer(workbook);
}

/** The time of the last fact the view includes; an empty ledger's view is dated the year's first day. */
function tableDate(view: TableView): Date {
  return contentDate(view.asOf.recordedAt, `${view.year}-01-01`);
}

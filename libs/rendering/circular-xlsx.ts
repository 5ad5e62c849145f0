import type { CircularContent } from '../../projections';
import { circularLayout } from './circular-layout';
import type { Letterhead } from './letterhead';
import { XLSX_AUTHOR } from './table-xlsx';
import { addBlankRow, addPrintedTable, addPrintSheet, addTextRow, breakPage, contentDate, newWorkbook, workbookBuffer } from './xlsx-sheet';

/**
 * A circular as a workbook of one sheet (通报) laid out as the HTML page: the letter, a page
 * break, then the attached table. Dated by its issue date.
 */
export async function circularToXlsx(content: CircularContent, letterhead?: Letterhead): Promise<Buffer> {
  const layout = circularLayout(content, letterhead);
  const workbook = await newWorkbook(XLSX_AUTHOR, contentDate(content.issueDate, content.issueDate), layout.title);
  const sheet = addPrintSheet(workbook, '通报');
  addTextRow(sheet, layout.heading, 'heading');
  addTextRow(sheet, layout.documentNumber, 'centered');
  addTextRow(sheet, layout.title, 'title');
  addTextRow(sheet, layout.addressee, 'text');
  for (const line of layout.body) addTextRow(sheet, line, 'text');
  for (const line of layout.attachments) addTextRow(sheet, line, 'text');
  addBlankRow(sheet);
  addTextRow(sheet, layout.issuer, 'right');
  addTextRow(sheet, layout.issueDate, 'right');
  if (layout.disclosure) addTextRow(sheet, layout.disclosure, 'text');
  if (layout.table) {
    breakPage(sheet);
    addPrintedTable(sheet, layout.table);
  }
  return workbookBuffer(workbook);
}

import type { Alignment, Borders, Font, PaperSize, Workbook, Worksheet } from 'exceljs';
import type { PrintedTable } from './printed-table';

/**
 * The spreadsheet form of the printed layout: one worksheet, title rows merged across the table's
 * width, ruled cells, the source's columns, blanks where the print has blanks (no value at all, so
 * a reader sees an empty cell, not 0), and a manual page break between sections.
 */

/** 单位 wide enough for 市政府组成部门… names; the figures narrow; A4 portrait holds them all. */
const COLUMN_WIDTHS = [24, 10, 10, 10, 10, 11, 10, 7];
export const SHEET_WIDTH = COLUMN_WIDTHS.length;
/** about two width units per Chinese character */
const CHARACTERS_PER_LINE = Math.floor(COLUMN_WIDTHS.reduce((a, b) => a + b, 0) / 2);

const THIN: Partial<Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };

export type TextRowStyle = 'heading' | 'title' | 'centered' | 'text' | 'right' | 'section';

const STYLES: Record<TextRowStyle, { font: Partial<Font>; alignment: Partial<Alignment> }> = {
  heading: { font: { bold: true, size: 20, color: { argb: 'FFCC0000' } }, alignment: { horizontal: 'center', vertical: 'middle' } },
  title: { font: { bold: true, size: 16 }, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } },
  centered: { font: { size: 12 }, alignment: { horizontal: 'center', vertical: 'middle' } },
  text: { font: { size: 12 }, alignment: { horizontal: 'left', vertical: 'top', wrapText: true } },
  right: { font: { size: 12 }, alignment: { horizontal: 'right', vertical: 'middle' } },
  section: { font: { bold: true, size: 13 }, alignment: { horizontal: 'left', vertical: 'middle' } },
};

/**
 * exceljs and JSZip, with the zip readers and writers they pull in, take about half a second to
 * load: loaded with the first spreadsheet asked for, not by every command and server start.
 */
let libraries: Promise<{ ExcelJS: typeof import('exceljs'); JSZip: typeof import('jszip') }> | undefined;
function spreadsheetLibraries() {
  libraries ??= Promise.all([import('exceljs'), import('jszip')]).then(([excel, zip]) => ({ ExcelJS: excel.default, JSZip: zip.default }));
  return libraries;
}

/**
 * A workbook whose document properties come from the content, not the clock, so that a rendering
 * made tomorrow says what one made today says. (The zip container exceljs writes still stamps each
 * entry with the time of writing: see the rendering tests.)
 */
export async function newWorkbook(author: string, stamp: Date, title: string): Promise<Workbook> {
  const { ExcelJS } = await spreadsheetLibraries();
  const workbook = new ExcelJS.Workbook();
  workbook.title = title;
  workbook.creator = author;
  workbook.lastModifiedBy = author;
  workbook.created = stamp;
  workbook.modified = stamp;
  return workbook;
}

/** An ISO date or time from the content; a fixed instant when the content has none. */
export function contentDate(iso: string | null, fallback: string): Date {
  const date = iso === null ? new Date(NaN) : new Date(iso.length === 10 ? `${iso}T00:00:00.000Z` : iso);
  return Number.isNaN(date.getTime()) ? new Date(`${fallback}T00:00:00.000Z`) : date;
}

export function addPrintSheet(workbook: Workbook, name: string): Worksheet {
  const sheet = workbook.addWorksheet(name, {
    // A4 (paper size 9), portrait; no fit-to-page, which would override the manual breaks
    pageSetup: { paperSize: 9 as PaperSize, orientation: 'portrait', horizontalCentered: true, margins: { top: 0.8, bottom: 0.8, left: 0.6, right: 0.6, header: 0.3, footer: 0.3 } },
    // the page number centred at the foot of every printed page: 第 1 页，共 3 页
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  });
  sheet.columns = COLUMN_WIDTHS.map((width) => ({ width }));
  return sheet;
}

/** One line of text merged across the table's width; long lines wrap and the row grows to fit. */
export function addTextRow(sheet: Worksheet, text: string, style: TextRowStyle): void {
  const row = sheet.addRow([text]);
  sheet.mergeCells(row.number, 1, row.number, SHEET_WIDTH);
  const cell = row.getCell(1);
  cell.font = STYLES[style].font;
  cell.alignment = STYLES[style].alignment;
  if (style === 'text') row.height = 18 * Math.max(1, Math.ceil([...text].length / CHARACTERS_PER_LINE));
  if (style === 'heading' || style === 'title') row.height = 30;
}

export function addBlankRow(sheet: Worksheet): void {
  sheet.addRow([]);
}

/** Breaks the printed page after the last row written so far. */
export function breakPage(sheet: Worksheet): void {
  sheet.lastRow?.addPageBreak();
}

/** The table: its title, then per section a section title row, the column header and the rows. */
export function addPrintedTable(sheet: Worksheet, table: PrintedTable): void {
  addTextRow(sheet, table.title, 'title');
  table.sections.forEach((section, index) => {
    if (index > 0) breakPage(sheet);
    addTextRow(sheet, section.heading, 'section');
    const header = sheet.addRow([...table.columns]);
    header.height = 45;
    ruleCells(header, { bold: true }, { horizontal: 'center', vertical: 'middle', wrapText: true });
    for (const cells of section.rows) {
      // a null leaves the cell without a value: the printed blank
      const row = sheet.addRow([...cells]);
      ruleCells(row, {}, { vertical: 'middle' });
      for (let column = 2; column <= SHEET_WIDTH; column += 1) row.getCell(column).alignment = { horizontal: 'center', vertical: 'middle' };
    }
  });
}

function ruleCells(row: ReturnType<Worksheet['addRow']>, font: Partial<Font>, alignment: Partial<Alignment>): void {
  for (let column = 1; column <= SHEET_WIDTH; column += 1) {
    const cell = row.getCell(column);
    cell.border = THIN;
    cell.font = { size: 11, ...font };
    cell.alignment = alignment;
  }
}

/**
 * The workbook's bytes, the same on every run: exceljs zips through JSZip, which stamps each entry
 * with the clock; the entries are re-zipped here with the workbook's own (content-derived) date.
 */
export async function workbookBuffer(workbook: Workbook): Promise<Buffer> {
  const { JSZip } = await spreadsheetLibraries();
  const written = await JSZip.loadAsync(Buffer.from(await workbook.xlsx.writeBuffer()));
  const stable = new JSZip();
  const date = workbook.modified ?? workbook.created;
  for (const name of Object.keys(written.files).sort()) {
    const entry = written.files[name];
    if (entry.dir) continue;
    stable.file(name, await entry.async('nodebuffer'), { date, createFolders: false });
  }
  return stable.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'UNIX' });
}

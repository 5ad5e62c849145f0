import type { MonthlyView, TableView } from '../../projections';
import { zeroAdoptionLine } from './circular-sentences';
import { escapeHtml, htmlPage } from './html-page';
import { printedTable, type PrintedCell, type PrintedTable } from './printed-table';

/** The statistics table as an embeddable fragment: one <article>, a <section> and <table> per group. */
export function tableToHtmlFragment(view: TableView): string {
  return printedTableHtml(printedTable(view));
}

/** The statistics table as a printable page. */
export function tableToHtml(view: TableView): string {
  const table = printedTable(view);
  return htmlPage(table.title, printedTableHtml(table));
}

/** The monthly view: the month's table with the units that had no adoption that month. */
export function monthlyToHtmlFragment(view: MonthlyView): string {
  return printedTableHtml(printedTable(view), [zeroAdoptionLine(view)]);
}

export function monthlyToHtml(view: MonthlyView): string {
  const table = printedTable(view);
  return htmlPage(table.title, printedTableHtml(table, [zeroAdoptionLine(view)]));
}

/** Notes are printed between the title and the first section. */
export function printedTableHtml(table: PrintedTable, notes: readonly string[] = []): string {
  const header = `<tr>${table.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr>`;
  const sections = table.sections.map((section) =>
    [
      `<section class="table-group" data-group="${escapeHtml(section.key)}">`,
      `<h2>${escapeHtml(section.heading)}</h2>`,
      '<table>',
      `<thead>${header}</thead>`,
      '<tbody>',
      ...section.rows.map((row) => `<tr>${row.map(cellHtml).join('')}</tr>`),
      '</tbody>',
      '</table>',
      '</section>',
    ].join('\n'),
  );
  return ['<article class="ledger-table">', `<h1>${escapeHtml(table.title)}</h1>`, ...notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`), ...sections, '</article>'].join('\n');
}

function cellHtml(cell: PrintedCell, column: number): string {
  if (cell === null) return '<td></td>';
  // the unit's name heads its row; every other column is a figure
  return column === 0 ? `<th scope="row">${escapeHtml(String(cell))}</th>` : `<td class="figure">${escapeHtml(String(cell))}</td>`;
}

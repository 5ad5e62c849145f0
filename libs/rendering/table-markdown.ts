import type { MonthlyView, TableView } from '../../projections';
import { zeroAdoptionLine } from './circular-sentences';
import { printedTable, type PrintedCell, type PrintedTable } from './printed-table';

/**
 * GitHub-flavoured Markdown: the printed table with its blanks (an empty cell between pipes), a
 * heading per section. Names are data, so every Markdown-significant character in them is escaped.
 */
export function tableToMarkdown(view: TableView): string {
  return `${printedTableMarkdown(printedTable(view))}\n`;
}

export function monthlyToMarkdown(view: MonthlyView): string {
  return `${printedTableMarkdown(printedTable(view), [zeroAdoptionLine(view)])}\n`;
}

/** CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones that act. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_[\]<>|#&!~]/g, (c) => `\\${c}`);
}

/** The printed table as Markdown blocks (one blank line apart); notes go between the title and the first section. */
export function printedTableMarkdown(table: PrintedTable, notes: readonly string[] = []): string {
  const header = `| ${table.columns.map(escapeMarkdown).join(' | ')} |`;
  // the name column left, the figures right, as figures are read
  const rule = `|${table.columns.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`;
  const blocks = [`# ${escapeMarkdown(table.title)}`, ...notes.map(escapeMarkdown)];
  for (const section of table.sections) {
    blocks.push(`## ${escapeMarkdown(section.heading)}`);
    blocks.push([header, rule, ...section.rows.map((row) => `| ${row.map(cellMarkdown).join(' | ')} |`)].join('\n'));
  }
  return blocks.join('\n\n');
}

function cellMarkdown(cell: PrintedCell): string {
  return cell === null ? '' : escapeMarkdown(String(cell));
}

import type { MonthlyView, TableRow, TableView } from '../../projections';
import { sectionNumeral } from './section-numeral';
import { monthSpan } from './circular-sentences';

/**
 * The printed form of 政务信息采用情况统计表, shared by the HTML, XLSX and Markdown renderings so
 * that they cannot disagree on a cell: the source's columns, sections numbered 一、二、三、四 with
 * the group titles of the view, and the printed blanks.
 */
export const PRINTED_COLUMNS = ['单位', '考核任务（分）', '市办采用（条）', '市办得分（分）', '省办采用（条）', '加（减）分（分）', '得分（分）', '排名'] as const;

/** A printed cell: a name, a figure, or blank (null). */
export type PrintedCell = string | number | null;

export interface PrintedSection {
  /** the group key, for styling and anchors; never printed */
  readonly key: string;
  /** 一、各县区人民政府 */
  readonly heading: string;
  readonly rows: ReadonlyArray<readonly PrintedCell[]>;
}

export interface PrintedTable {
  /** 2017年1-12月政务信息采用情况统计表 */
  readonly title: string;
  readonly columns: readonly string[];
  readonly sections: readonly PrintedSection[];
}

/** A month's view is a table with a month; the annual table is not. */
export function isMonthlyView(view: TableView): view is MonthlyView {
  return typeof (view as Partial<MonthlyView>).month === 'string';
}

/** 1-12月 for the annual table, 3月 for March, 1-3月 for a quarter (the table titles use the ASCII hyphen, as the source). */
export function tableTitle(view: TableView): string {
  const span = isMonthlyView(view) ? monthSpan(view.month, '-') : '1-12月';
  return `${view.year}年${span}政务信息采用情况统计表`;
}

export function printedTable(view: TableView): PrintedTable {
  return {
    title: tableTitle(view),
    columns: PRINTED_COLUMNS,
    sections: view.groups.map((group, index) => ({ key: group.key, heading: `${sectionNumeral(index)}、${group.title}`, rows: group.rows.map(printedRow) })),
  };
}

/**
 * In the printed table a zero in 省办采用 or 加（减）分 is a blank cell, as in the source (SPEC.md
 * section 4); target and rank are blank where the group has none. Data formats keep the 0.
 */
export function printedRow(row: TableRow): PrintedCell[] {
  return [row.unit, row.target, row.cityAdopted, row.cityPoints, blankWhenZero(row.provincialAdopted), blankWhenZero(row.bonus), row.total, row.rank];
}

function blankWhenZero(value: number): number | null {
  return value === 0 ? null : value;
}

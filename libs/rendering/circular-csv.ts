import type { CircularContent } from '../../projections';
import { IncompleteCircularError } from './circular-layout';
import { csvLine } from './csv-line';
import { tableToCsv } from './table-csv';

export const FAILING_CSV_HEADER = 'unit,target,achieved';
export const ASSESSMENT_CSV_HEADER = 'unit,target,achieved,deduction';

/**
 * A circular's figures as data (zeros as 0): the table CSV for the annual and monthly circulars,
 * one row per unit below target for the failing and assessment circulars.
 */
export function circularToCsv(content: CircularContent): string {
  switch (content.kind) {
    case 'annual':
      return tableToCsv(part(content.table, content, 'table'));
    case 'monthly':
      return tableToCsv(part(content.monthly, content, 'monthly'));
    case 'failing':
      return records(FAILING_CSV_HEADER, part(content.belowTarget, content, 'belowTarget').map((u) => [u.unit, u.target, u.achieved]));
    case 'assessment':
      return records(ASSESSMENT_CSV_HEADER, part(content.assessment, content, 'assessment').map((u) => [u.unit, u.target, u.achieved, u.deduction]));
    default: {
      const _: never = content.kind;
      throw new IncompleteCircularError(`kind: ${String(_)} has no CSV form`);
    }
  }
}

function records(header: string, rows: Array<Array<string | number>>): string {
  return `${[header, ...rows.map(csvLine)].join('\n')}\n`;
}

function part<T>(value: T | undefined, content: CircularContent, name: string): T {
  if (value === undefined) throw new IncompleteCircularError(`${name}: a ${content.kind} circular's content has no ${name}`);
  return value;
}

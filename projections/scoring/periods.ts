import type { SchemeDefinition } from '../../events';

/** A span of whole months of one year: the annual table is months 1-12, a monthly view one month. */
export interface Period {
  readonly year: number;
  readonly fromMonth: number;
  readonly toMonth: number;
}

export const wholeYear = (year: number): Period => ({ year, fromMonth: 1, toMonth: 12 });
export const oneMonth = (year: number, month: number): Period => ({ year, fromMonth: month, toMonth: month });

export function lastDay(period: Period): string {
  const days = new Date(Date.UTC(period.year, period.toMonth, 0)).getUTCDate();
  return `${period.year}-${String(period.toMonth).padStart(2, '0')}-${String(days).padStart(2, '0')}`;
}

export function contains(period: Period, validDate: string): boolean {
  const month = Number(validDate.slice(5, 7));
  return Number(validDate.slice(0, 4)) === period.year && month >= period.fromMonth && month <= period.toMonth;
}

const MONTHS_OF: Record<'year' | 'quarter' | 'month', number> = { year: 12, quarter: 3, month: 1 };

/**
 * A table's target is the sum of the whole target periods it spans, and none when it spans part
 * of one (SPEC.md section 3): a monthly view of a yearly target has no target.
 */
export function targetFor(period: Period, scheme: SchemeDefinition, perPeriodTarget: number): number | null {
  const size = MONTHS_OF[scheme.periods.target];
  const first = period.fromMonth - 1;
  const count = period.toMonth - period.fromMonth + 1;
  if (first % size !== 0 || count % size !== 0) return null;
  return (count / size) * perPeriodTarget;
}

import { PART_OF_YEAR, type SchemeDefinition } from '../../events';

/** A span of whole months of one year: the annual table is months 1-12, a monthly view one month. */
export interface Period {
  readonly year: number;
  readonly fromMonth: number;
  readonly toMonth: number;
}

export const wholeYear = (year: number): Period => ({ year, fromMonth: 1, toMonth: 12 });

/** The months a part of a year names (2017-03, 2017-Q1, 2017-01/02: `PART_OF_YEAR`), or null. */
export function partOfYear(text: string): Period | null {
  const match = PART_OF_YEAR.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  if (match[4] !== undefined) return { year, fromMonth: 3 * Number(match[4]) - 2, toMonth: 3 * Number(match[4]) };
  const [fromMonth, toMonth] = [Number(match[2]), Number(match[3] ?? match[2])];
  return fromMonth <= toMonth ? { year, fromMonth, toMonth } : null;
}

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
 * A table's target is the sum of the whole target periods it spans, each at the tier in force on
 * that period's last day, and none when it spans part of one (SPEC.md section 3): a monthly view of
 * a yearly target has no target. `targetOn` gives the unit's per-period target on a day (null: no
 * tier then); null when the unit has a tier in none of the periods.
 */
export function targetFor(period: Period, scheme: SchemeDefinition, targetOn: (day: string) => number | null): number | null {
  const size = MONTHS_OF[scheme.periods.target];
  const count = period.toMonth - period.fromMonth + 1;
  if ((period.fromMonth - 1) % size !== 0 || count % size !== 0) return null;
  let total: number | null = null;
  for (let month = period.fromMonth; month <= period.toMonth; month += size) {
    const target = targetOn(lastDay({ year: period.year, fromMonth: month, toMonth: month + size - 1 }));
    if (target !== null) total = (total ?? 0) + target;
  }
  return total;
}

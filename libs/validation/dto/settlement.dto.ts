import type { IsoDate } from '../../../events';
import { YEARS } from '../rules/calendar';
import { compose, Rule } from '../rules/problem';
import { Bool, CalendarDate, COUNT_LIMIT, Int, Key, POINTS_LIMIT, Shaped } from '../rules/scalars';
import type { DataOf } from './same-shape';

/**
 * Year-end settlement of the upper-level adoption quota (SPEC 4): one fact per unit with a quota
 * per run, dated the year's last day. The figures themselves are the ledger's to recompute.
 */
export class QuotaSettledDto implements DataOf<'QuotaSettled'> {
  @Key() schemeId!: string;
  @Key() unitId!: string;
  @Int({ min: YEARS.min, max: YEARS.max }) year!: number;
  /** '2017', '2017-Q2' or '2017-03', in the settled year. */
  @compose(
    Shaped(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, 'must be a year (2017), a quarter (2017-Q2) or a month (2017-03)'),
    Rule('periodInYear', (value, args) => {
      const year = (args.object as QuotaSettledDto).year;
      return Number.isInteger(year) && !(value as string).startsWith(String(year)) ? `must lie in the settled year ${year}` : null;
    }),
  )
  period!: string;
  @Int({ min: 0, max: COUNT_LIMIT, reason: 'must be zero or a positive integer' }) quota!: number;
  @Int({ min: 0, max: COUNT_LIMIT, reason: 'must be zero or a positive integer' }) adopted!: number;
  @Bool() directReportingPoint!: boolean;
  /** The difference from earlier live settlement facts: any sign, 0 on a first run with nothing owed. */
  @Int({ min: -POINTS_LIMIT * 10, max: POINTS_LIMIT * 10 }) points!: number;
  @compose(
    CalendarDate(),
    Rule('yearEnd', (value, args) => {
      const year = (args.object as QuotaSettledDto).year;
      return Number.isInteger(year) && value !== `${year}-12-31` ? `must be ${year}-12-31: settlement facts are dated the settled year's last day` : null;
    }),
  )
  validDate!: IsoDate;
}

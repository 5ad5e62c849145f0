import type { Fact, IsoDate } from './envelope';

/**
 * Year-end settlement of the upper-level adoption quota: one fact per unit with a quota per run,
 * dated the year's last day. A rerun appends only the difference from the live settlement facts.
 */
export type QuotaSettled = Fact<
  'QuotaSettled',
  {
    schemeId: string;
    unitId: string;
    year: number;
    /** What the fact settles: the year, '2017' (a scheme's quarterly or monthly quota periods are settled each on its own and summed in it). */
    period: string;
    quota: number;
    adopted: number;
    directReportingPoint: boolean;
    /** The points this fact adds (the difference from earlier live settlement facts). */
    points: number;
    validDate: IsoDate;
  }
>;

/**
 * Calendar checks shared by the date rules and the envelope. A date is a day in the office's time
 * zone (YYYY-MM-DD, no time); an instant is what the ledger's clock writes (Date#toISOString, UTC).
 */
export const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A UTC instant; the ledger records it as `Date#toISOString` writes it (Ledger.stamp), so one instant has one spelling. */
export const INSTANT_SHAPE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z$/;

/** Years a fact may speak of: wide enough for any archive, narrow enough to catch 2107 for 2017. */
export const YEARS = { min: 1990, max: 2100 } as const;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isRealDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Why `text` (already shaped YYYY-MM-DD) is not a usable date, or null. */
export function calendarDateProblem(text: string): string | null {
  const match = DATE_SHAPE.exec(text);
  if (!match) return 'must be a date written YYYY-MM-DD';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!isRealDay(year, month, day)) return 'is not a calendar date (no such day)';
  if (year < YEARS.min || year > YEARS.max) return `must be a date in the years ${YEARS.min} to ${YEARS.max}`;
  return null;
}

export function instantProblem(text: string): string | null {
  const match = INSTANT_SHAPE.exec(text);
  if (!match) return 'must be a UTC instant written YYYY-MM-DDTHH:MM:SS.sssZ';
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (!isRealDay(year, month, day) || hour > 23 || minute > 59 || second > 59) return 'is not a real moment (no such day or time)';
  return null;
}

/** An as-of time: a day (its start, UTC), or a day and time with its offset (no local times: a view must not depend on the machine's zone). */
const AS_OF_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2})))?$/;

/** The UTC instant an as-of time names (`Date#toISOString`), or null when it names none. */
export function asOfInstant(text: string): string | null {
  const match = AS_OF_TIME.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = match.slice(1).map((part) => Number(part ?? 0));
  if (!isRealDay(year, month, day) || hour > 23 || minute > 59 || second > 59 || offsetHours > 14 || offsetMinutes > 59) return null;
  return new Date(Date.parse(text)).toISOString();
}

/** Why `text` is not a day (YYYY-MM-DD) or a month (YYYY-MM), as a history range bound: or null. */
export function dayOrMonthProblem(text: string): string | null {
  const month = /^(\d{4})-(\d{2})$/.exec(text);
  if (month) return Number(month[2]) >= 1 && Number(month[2]) <= 12 ? null : 'is not a month (no such month)';
  return DATE_SHAPE.test(text) ? calendarDateProblem(text) : 'must be a date (YYYY-MM-DD or YYYY-MM)';
}

/** Why a history range from `from` to `to` (days or months, each valid) is empty by its bounds alone, or null. */
export function dayOrMonthRangeProblem(from: string, to: string): string | null {
  const first = from.length === 7 ? `${from}-01` : from;
  const last = to.length === 7 ? `${to}-31` : to;
  return first > last ? `${to} is before the range's start (${from})` : null;
}

/** Why `text` is not a year a view or a settlement can be asked for (YYYY, in YEARS), or null. */
export function yearProblem(text: string): string | null {
  if (!/^\d{4}$/.test(text)) return 'is not a year (YYYY)';
  const year = Number(text);
  return year >= YEARS.min && year <= YEARS.max ? null : `is not a year the ledger can hold (${YEARS.min} to ${YEARS.max})`;
}

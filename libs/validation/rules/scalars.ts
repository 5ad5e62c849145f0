import { IsBoolean, IsIn, IsInt, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { calendarDateProblem, DATE_SHAPE, instantProblem, INSTANT_SHAPE } from './calendar';
import { compose, orRequired, Rule } from './problem';

/**
 * Scalar field rules. Each composes class-validator's decorators with reasons in plain words;
 * the error path is added by error-paths.ts, so reasons never repeat the field name.
 */

/** Identifiers (unitId, itemId, schemeId, level and tier keys): no spaces, so they print and join safely. */
export const KEY_PATTERN = /^[^\s\p{Cc}]{1,100}$/u;
export const KEY_REASON = 'must be an identifier: 1 to 100 characters, no spaces';

/** Upper bound for any points value a rate or a fact carries; a year's total is about 1,500. */
export const POINTS_LIMIT = 10_000;
/** Upper bound for counts (targets, quotas, adoptions). */
export const COUNT_LIMIT = 100_000;

export function keyProblem(value: unknown): string | null {
  if (typeof value !== 'string') return value === undefined ? 'is required' : 'must be a string';
  return KEY_PATTERN.test(value) ? null : KEY_REASON;
}

export function textProblem(value: unknown, maxLength: number, singleLine: boolean): string | null {
  if (typeof value !== 'string') return value === undefined ? 'is required' : 'must be a string';
  if (value.trim() === '') return 'must not be empty';
  if (value.length > maxLength) return `must be at most ${maxLength} characters`;
  if (singleLine && (value !== value.trim() || /\p{Cc}/u.test(value))) return 'must be one line without surrounding spaces';
  return null;
}

const isString = IsString({ message: orRequired('must be a string') });

export function Key(): PropertyDecorator {
  return compose(isString, Matches(KEY_PATTERN, { message: KEY_REASON }));
}

/** A printed name (unit, publication, category, leader): one line, as the documents spell it. */
export function Name(maxLength = 200): PropertyDecorator {
  return compose(isString, Rule('isName', (value) => textProblem(value, maxLength, true)));
}

/** Free text (titles, reasons, descriptions): may span lines. */
export function Text(maxLength = 2000): PropertyDecorator {
  return compose(isString, Rule('isText', (value) => textProblem(value, maxLength, false)));
}

export interface IntRange {
  readonly min: number;
  readonly max: number;
  /** The reason when out of range, e.g. 'must be a negative integer (a deduction)'. */
  readonly reason?: string;
}

export function Int(range: IntRange): PropertyDecorator {
  const reason = range.reason ?? `must be from ${range.min} to ${range.max}`;
  return compose(IsInt({ message: orRequired('must be an integer') }), Min(range.min, { message: reason }), Max(range.max, { message: reason }));
}

export function Bool(): PropertyDecorator {
  return compose(IsBoolean({ message: orRequired('must be true or false') }));
}

export function oneOfReason(values: readonly unknown[]): string {
  return `must be one of ${values.join(', ')}`;
}

export function OneOf(values: readonly unknown[]): PropertyDecorator {
  return compose(IsIn([...values], { message: orRequired(oneOfReason(values)) }));
}

export interface DateOptions {
  /** A sibling date this one may not precede (a commission is not due before it was requested). */
  readonly notBefore?: string;
}

/** YYYY-MM-DD and a real day: 2017-02-30 is rejected. */
export function CalendarDate(options: DateOptions = {}): PropertyDecorator {
  const decorators = [
    IsString({ message: orRequired('must be a date written YYYY-MM-DD') }),
    Matches(DATE_SHAPE, { message: 'must be a date written YYYY-MM-DD' }),
    Rule('isCalendarDate', (value) => calendarDateProblem(value as string)),
  ];
  const { notBefore } = options;
  if (notBefore) {
    decorators.push(
      Rule('notBefore', (value, args) => {
        const other = (args.object as Record<string, unknown>)[notBefore];
        // ISO dates compare as text; an invalid sibling is reported on its own field.
        return typeof other === 'string' && calendarDateProblem(other) === null && (value as string) < other ? `must not be before ${notBefore} (${other})` : null;
      }),
    );
  }
  return compose(...decorators);
}

/** An RFC 3339 instant in UTC, as the ledger's clock writes it. */
export function Instant(): PropertyDecorator {
  return compose(
    IsString({ message: orRequired('must be a UTC instant written YYYY-MM-DDTHH:MM:SS.sssZ') }),
    Matches(INSTANT_SHAPE, { message: 'must be a UTC instant written YYYY-MM-DDTHH:MM:SS.sssZ' }),
    Rule('isInstant', (value) => instantProblem(value as string)),
  );
}

/**
 * Lower case only: EventStoreDB hands ids back in lower case, so an upper-case id stored in SQLite
 * would no longer match its own export after a move between stores.
 */
export const LOWER_CASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const UUID_CASE_REASON = 'must be written in lower case (ids are compared as text)';

/** The nil and max UUIDs (RFC 9562 section 5.9, 5.10) are markers, not ids: no fact is named by one. */
const MARKER_UUIDS: ReadonlySet<string> = new Set(['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff']);
export const MARKER_UUID_REASON = 'must be a UUID of versions 1 to 8, not the nil or max UUID';
export const isMarkerUuid = (id: string): boolean => MARKER_UUIDS.has(id.toLowerCase());

export function Uuid(): PropertyDecorator {
  return compose(
    IsUUID('all', { message: orRequired('must be a UUID') }),
    Matches(LOWER_CASE_UUID, { message: UUID_CASE_REASON }),
    Rule('isNotMarkerUuid', (value) => (typeof value === 'string' && isMarkerUuid(value) ? MARKER_UUID_REASON : null)),
  );
}

/** A string of a fixed form, e.g. a digest. */
export function Shaped(pattern: RegExp, reason: string): PropertyDecorator {
  return compose(isString, Matches(pattern, { message: reason }));
}

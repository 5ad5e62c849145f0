import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, ValidateIf } from 'class-validator';
import { FACT_KINDS } from '../../../events';

/**
 * The pages' forms send every field, empty when not filled in: an empty field means "not given"
 * (the JSON API's query DTOs keep refusing empty values).
 */
const given = (_: object, value: unknown) => value !== undefined && value !== '';
const AS_OF = /^(\d+|\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?)$/;
const DAY_OR_MONTH = /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/;

export class PageAsOfQuery {
  @ValidateIf(given)
  @Matches(AS_OF, { message: 'must be a ledger position or an ISO time (e.g. 11343 or 2018-01-16T02:00:00Z)' })
  asOf?: string;
}

export class HomeQuery extends PageAsOfQuery {
  @ValidateIf(given)
  @Matches(/^\d{4}$/, { message: 'must be a year (YYYY)' })
  year?: string;

  @IsOptional()
  @IsString()
  circular?: string;
}

export class UnitPageQuery extends PageAsOfQuery {
  @ValidateIf(given)
  @Matches(/^\d{4}$/, { message: 'must be a year (YYYY)' })
  year?: string;
}

export class HistoryPageQuery extends PageAsOfQuery {
  @IsOptional()
  @IsString()
  unit?: string;

  @ValidateIf(given)
  @IsIn(FACT_KINDS, { message: 'must be a fact kind, e.g. InformationAdopted' })
  type?: string;

  @ValidateIf(given)
  @Matches(DAY_OR_MONTH, { message: 'must be a date (YYYY-MM-DD or YYYY-MM)' })
  from?: string;

  @ValidateIf(given)
  @Matches(DAY_OR_MONTH, { message: 'must be a date (YYYY-MM-DD or YYYY-MM)' })
  to?: string;
}

export class SignInBody {
  @IsString({ message: 'must be the access token' })
  @IsNotEmpty({ message: 'must be the access token' })
  token!: string;

  @IsOptional()
  @IsString()
  next?: string;
}

/** An empty form field is a field not given. */
export function filled(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

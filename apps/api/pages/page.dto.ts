import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, ValidateIf } from 'class-validator';
import { FACT_KINDS } from '../../../events';
import { AS_OF, IsDayOrMonth, IsLedgerYear } from '../query.dto';

/**
 * The pages' forms send every field, empty when not filled in: an empty field means "not given"
 * (the JSON API's query DTOs keep refusing empty values).
 */
const given = (_: object, value: unknown) => value !== undefined && value !== '';

export class PageAsOfQuery {
  @ValidateIf(given)
  @Matches(AS_OF, { message: 'must be a ledger position or an ISO time (e.g. 11343 or 2018-01-16T02:00:00Z)' })
  asOf?: string;
}

export class HomeQuery extends PageAsOfQuery {
  @ValidateIf(given)
  @IsLedgerYear()
  year?: string;

  @IsOptional()
  @IsString()
  circular?: string;
}

export class UnitPageQuery extends PageAsOfQuery {
  @ValidateIf(given)
  @IsLedgerYear()
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
  @IsDayOrMonth()
  from?: string;

  @ValidateIf(given)
  @IsDayOrMonth()
  to?: string;

  /** a position, an ISO time or a circular's id: only what was recorded after it */
  @IsOptional()
  @IsString()
  since?: string;
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

import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { dayOrMonthProblem, Rule, yearProblem } from '../../libs/validation';
import { CIRCULAR_KINDS, FACT_KINDS } from '../../events';
import { partOfYear } from '../../projections';

/** The shape; the position or time it names is checked where it is read (ScoringProjection.positionFor). */
export const AS_OF = /^(\d+|\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?)$/;

/** A year a view can be asked for (YYYY, 1990 to 2100), as the CLI's --year. */
export const IsLedgerYear = (): PropertyDecorator => Rule('isLedgerYear', (value) => (typeof value === 'string' ? yearProblem(value) : 'is not a year (YYYY)'));

/** A history bound: a real day (YYYY-MM-DD) or a month (YYYY-MM), as the CLI's --from and --to. */
export const IsDayOrMonth = (): PropertyDecorator => Rule('isDayOrMonth', (value) => (typeof value === 'string' ? dayOrMonthProblem(value) : 'must be a date (YYYY-MM-DD or YYYY-MM)'));

/** A part of a year a view can be asked for, as the monthly view's path and the CLI's --month: YYYY-MM, YYYY-Q1 or YYYY-01/02. */
export const IsPartOfYear = (): PropertyDecorator =>
  Rule('isPartOfYear', (value) => (typeof value === 'string' && partOfYear(value) !== null ? null : 'must be a month (YYYY-MM), a quarter (YYYY-Q1) or merged months (YYYY-01/02)'));

export const TABLE_FORMATS = ['json', 'csv', 'html', 'xlsx', 'md'] as const;
export const EXPLAIN_FORMATS = ['json', 'text'] as const;
export const HISTORY_FORMATS = ['json', 'ndjson'] as const;
export const RECONCILE_FORMATS = ['json', 'text'] as const;
export const CIRCULAR_FORMATS = ['json', 'html', 'xlsx', 'csv', 'md'] as const;
export const AWARDS_FORMATS = ['json', 'csv'] as const;

/** `asOf` as the CLI's --as-of: a ledger position or an ISO time. */
export class AsOfQuery {
  @ApiPropertyOptional({ description: 'a ledger position, or an ISO time (the last fact recorded at or before it); default the head', example: '11343' })
  @IsOptional()
  @Matches(AS_OF, { message: 'must be a ledger position or an ISO time (e.g. 11343 or 2018-01-16T02:00:00Z)' })
  asOf?: string;
}

export class TableQuery extends AsOfQuery {
  @ApiPropertyOptional({ enum: TABLE_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(TABLE_FORMATS, { message: `must be one of ${TABLE_FORMATS.join(', ')}` })
  format?: (typeof TABLE_FORMATS)[number];
}

export class AwardsQuery extends AsOfQuery {
  @ApiPropertyOptional({ enum: AWARDS_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(AWARDS_FORMATS, { message: `must be one of ${AWARDS_FORMATS.join(', ')}` })
  format?: (typeof AWARDS_FORMATS)[number];
}

export class ReconcileQuery extends AsOfQuery {
  @ApiPropertyOptional({ enum: RECONCILE_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(RECONCILE_FORMATS, { message: `must be one of ${RECONCILE_FORMATS.join(', ')}` })
  format?: (typeof RECONCILE_FORMATS)[number];
}

export class ExplainQuery extends AsOfQuery {
  @ApiPropertyOptional({ example: '2017', description: 'the year (default: the month\'s year)' })
  @IsOptional()
  @IsLedgerYear()
  year?: string;

  @ApiPropertyOptional({ example: '2017-03', description: 'a month; or a quarter (2017-Q1) or merged months (2017-01/02), as the monthly view takes' })
  @IsOptional()
  @IsPartOfYear()
  month?: string;

  @ApiPropertyOptional({ enum: EXPLAIN_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(EXPLAIN_FORMATS, { message: `must be one of ${EXPLAIN_FORMATS.join(', ')}` })
  format?: (typeof EXPLAIN_FORMATS)[number];
}

export class HistoryQuery extends AsOfQuery {
  @ApiPropertyOptional({ description: 'unit id or any of its names' })
  @IsOptional()
  unit?: string;

  @ApiPropertyOptional({ enum: FACT_KINDS })
  @IsOptional()
  @IsIn(FACT_KINDS, { message: 'must be a fact kind, e.g. InformationAdopted' })
  type?: string;

  @ApiPropertyOptional({ description: 'first valid date (YYYY-MM-DD or YYYY-MM)' })
  @IsOptional()
  @IsDayOrMonth()
  from?: string;

  @ApiPropertyOptional({ description: 'last valid date (YYYY-MM-DD or YYYY-MM)' })
  @IsOptional()
  @IsDayOrMonth()
  to?: string;

  @ApiPropertyOptional({ description: 'only the facts recorded after a ledger position, an ISO time, or an issued circular (its id): what changed since', example: '11343' })
  @IsOptional()
  since?: string;

  @ApiPropertyOptional({ enum: HISTORY_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(HISTORY_FORMATS, { message: `must be one of ${HISTORY_FORMATS.join(', ')}` })
  format?: (typeof HISTORY_FORMATS)[number];
}

/** `GET /api/circulars?kind=&period=`: the circulars of one kind, or of one period (2017, 2017-03); an unknown parameter is a 400. */
export class CircularListQuery {
  @ApiPropertyOptional({ enum: CIRCULAR_KINDS })
  @IsOptional()
  @IsIn(CIRCULAR_KINDS, { message: `must be one of ${CIRCULAR_KINDS.join(', ')}` })
  kind?: string;

  @ApiPropertyOptional({ example: '2017', description: 'the period as the circular names it (2017, 2017-03, 2017-Q1)' })
  @IsOptional()
  @Matches(/^\d{4}(-(\d{2}(\/\d{2})?|Q\d))?$/, { message: 'must be a year (2017), a month (2017-03), a quarter (2017-Q1) or merged months (2017-01/02)' })
  period?: string;
}

export class CircularQuery {
  @ApiPropertyOptional({ enum: CIRCULAR_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(CIRCULAR_FORMATS, { message: `must be one of ${CIRCULAR_FORMATS.join(', ')}` })
  format?: (typeof CIRCULAR_FORMATS)[number];
}

export class RestatementQuery {
  @ApiPropertyOptional({ enum: EXPLAIN_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(EXPLAIN_FORMATS, { message: `must be one of ${EXPLAIN_FORMATS.join(', ')}` })
  format?: (typeof EXPLAIN_FORMATS)[number];
}

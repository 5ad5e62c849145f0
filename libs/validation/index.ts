/**
 * Stateless validation of facts at the edge (CLI import, HTTP API). See docs/facts.md for the
 * catalogue these rules enforce.
 */
export { validateFact, parseFactLine, checkFactData, type ValidateFactOptions, type ValidationOrigin } from './validate-fact';
export { FactValidationError, type FieldError } from './field-error';
export { decidedBeforeLaterChecks, LATER_CHECKS_FROM } from './later-checks';
/** The DTO classes, e.g. for the API's OpenAPI schema; validate through validateFact, not by hand. */
export { FACT_DATA_DTOS } from './dto/catalogue';
export { FactMetadataDto } from './dto/metadata.dto';
/** Calendar checks the edges share for dates and times given as options (`--as-of`, `--from`, `--year`). */
export { asOfInstant, calendarDateProblem, dayOrMonthProblem, dayOrMonthRangeProblem, yearProblem, YEARS } from './rules/calendar';
/** A class-validator constraint from a check that names the problem (the edges' own query DTOs use it too). */
export { Rule } from './rules/problem';

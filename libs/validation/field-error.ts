/** One thing wrong with a fact: the full path of the field and the reason in plain words. */
export interface FieldError {
  /** e.g. `data.scheme.tiers[2].target`, `metadata.recordedBy`, `(json)` for a line that is not JSON */
  readonly field: string;
  readonly reason: string;
}

/**
 * A fact rejected at the edge, before the ledger sees it. The message is one line naming the first
 * problem (`line 7: data.level: must be one of city, province, national`); `errors` lists them all.
 * The CLI prints the message and exits non-zero; the API answers 400 with `errors`.
 */
export class FactValidationError extends Error {
  readonly code = 'INVALID_FACT';
  override readonly name = 'FactValidationError';

  constructor(
    readonly errors: readonly FieldError[],
    readonly line?: number,
  ) {
    super(firstProblem(errors, line));
  }
}

function firstProblem(errors: readonly FieldError[], line: number | undefined): string {
  const first = errors[0] ?? { field: '(fact)', reason: 'is invalid' };
  return `${line === undefined ? '' : `line ${line}: `}${first.field}: ${first.reason}`;
}

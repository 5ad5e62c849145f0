/** Domain errors of the ledger; the edge maps them to HTTP statuses and CLI exit codes. */
export class FactRejectedError extends Error {
  readonly code = 'FACT_REJECTED';
  constructor(
    readonly factId: string,
    readonly field: string,
    readonly reason: string,
    readonly line?: number,
  ) {
    super(`${line === undefined ? `fact ${factId}` : `line ${line}`}: ${field}: ${reason}`);
  }

  atLine(line: number): FactRejectedError {
    return new FactRejectedError(this.factId, this.field, this.reason, line);
  }
}

/** The actor may not record this fact (its kind, or the kind of the fact it corrects, is another role's). */
export class FactForbiddenError extends Error {
  readonly code = 'FACT_FORBIDDEN';
  constructor(
    readonly factId: string,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`fact ${factId}: ${field}: ${reason}`);
  }
}

/** Another writer appended first and the retries ran out. */
export class LedgerConflictError extends Error {
  readonly code = 'LEDGER_CONFLICT';
}

/** Facts decided from a view at one position meet a ledger that has moved on: decide again. */
export class StaleDecisionError extends Error {
  readonly code = 'STALE_DECISION';
}

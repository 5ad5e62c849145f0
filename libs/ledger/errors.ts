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

  /** The further rejections of the same input, after this first one (its message stays this one's). */
  also: readonly FactRejectedError[] = [];

  alongWith(others: readonly FactRejectedError[]): this {
    this.also = others;
    return this;
  }

  /** This rejection and the further ones. */
  all(): FactRejectedError[] {
    return [this, ...this.also];
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

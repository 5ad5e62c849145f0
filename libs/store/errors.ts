/** The port's own errors; adapters translate their store's errors into these. */
export abstract class StoreError extends Error {
  abstract readonly code: string;
}

export class ExpectedRevisionConflictError extends StoreError {
  readonly code = 'EXPECTED_REVISION_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`stream ${streamId}: expected revision ${expected}, actual ${actual}`);
  }
}

export class StreamNotFoundError extends StoreError {
  readonly code = 'STREAM_NOT_FOUND';
  constructor(readonly streamId: string) {
    super(`stream ${streamId} not found`);
  }
}

/** A batch reuses a stored fact id in a way that cannot be an idempotent retry. */
export class DuplicateFactIdError extends StoreError {
  readonly code = 'DUPLICATE_FACT_ID';
  constructor(
    readonly factId: string,
    detail: string,
  ) {
    super(`fact ${factId}: ${detail}`);
  }
}

export class StoreUnavailableError extends StoreError {
  readonly code = 'STORE_UNAVAILABLE';
}

/** The store refuses a batch this large in one append (EventStoreDB's maximum append size): nothing was written. */
export class AppendTooLargeError extends StoreError {
  readonly code = 'APPEND_TOO_LARGE';
}

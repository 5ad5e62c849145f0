import { CredentialError } from '../../libs/credentials';
import { FactRejectedError, LedgerConflictError } from '../../libs/ledger';
import { StoreError, StoreUrlError } from '../../libs/store';
import { FactValidationError } from '../../libs/validation';
import { CircularRequestError, DocumentNumberError, UnknownUnitError } from '../../projections';
import { UnknownCircularError } from '../circulars/circular-desk';
import { AsOfError } from '../projections/scoring-projection';
import { PublishedTableError } from '../runtime/published-table';

/** Bad usage: a flag or argument that cannot be used as given. */
export class CliUsageError extends Error {}

/**
 * Exit codes of `ledger` (README documents them): 0 success; 1 a check found a difference
 * (verify, reconcile); 2 bad usage; 3 rejected input; 4 concurrency conflict; 5 store failure.
 */
export const EXIT = { ok: 0, differs: 1, usage: 2, rejected: 3, conflict: 4, store: 5 } as const;

/** One line on stderr naming the line/field and the reason, and the exit code for it. */
export function describeFailure(error: unknown): { code: number; line: string } {
  if (error instanceof FactValidationError || error instanceof FactRejectedError) return { code: EXIT.rejected, line: error.message };
  if (error instanceof StoreUrlError || error instanceof CliUsageError || error instanceof AsOfError || error instanceof UnknownUnitError || error instanceof CircularRequestError || error instanceof DocumentNumberError || error instanceof UnknownCircularError || error instanceof PublishedTableError || error instanceof CredentialError) return { code: EXIT.usage, line: error.message };
  if (error instanceof LedgerConflictError) return { code: EXIT.conflict, line: error.message };
  if (error instanceof StoreError) return { code: EXIT.store, line: `store: ${error.message}` };
  const message = error instanceof Error ? error.message : String(error);
  return { code: EXIT.store, line: message.split('\n')[0] };
}


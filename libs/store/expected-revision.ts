import { ExpectedRevisionConflictError } from './errors';
import type { ExpectedRevision } from './port';

/** Shared check for adapters that keep their own revisions (SQLite, memory). `last` is -1n for no stream. */
export function checkExpectedRevision(streamId: string, expected: ExpectedRevision, last: bigint): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && last === -1n) ||
    (expected === 'stream_exists' && last >= 0n) ||
    (typeof expected === 'bigint' && expected === last);
  if (!ok) {
    throw new ExpectedRevisionConflictError(streamId, String(expected), last === -1n ? 'no_stream' : last.toString());
  }
}

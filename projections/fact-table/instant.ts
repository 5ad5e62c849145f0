/**
 * A recorded time as one spelling of its instant (`Date#toISOString`), for comparing recorded times
 * as text. The ledger stores a restored time exactly as it was given (its chain hash and any circular
 * computed from it cover that text), and older ledgers hold other spellings of the same instant
 * (`…08:06:00Z`, `…08:06:00.5Z`), which do not order as text the way their instants do.
 */
export function instantKey(recordedAt: string): string {
  if (recordedAt.length === 24 && recordedAt.charCodeAt(19) === 46 /* . */ && recordedAt.endsWith('Z')) return recordedAt;
  const ms = Date.parse(recordedAt);
  return Number.isNaN(ms) ? recordedAt : new Date(ms).toISOString();
}

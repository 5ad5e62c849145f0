import type { IsoDate } from '../../../events';
import { isJsonObject, Rule } from '../rules/problem';
import { CalendarDate, OneOf, Text, Uuid } from '../rules/scalars';
import type { DataOf } from './same-shape';

/**
 * A correction voids or replaces an earlier fact (SPEC 6). That the target exists, is not already
 * void, and that the replacement is complete data of the target's kind are stateful checks: the
 * ledger knows the target's kind and validates the replacement with `checkFactData(kind, ...)`.
 */
export class FactCorrectedDto implements DataOf<'FactCorrected'> {
  @Uuid() correctedFactId!: string;
  @OneOf(['void', 'replace']) correction!: 'void' | 'replace';
  /** 'replace': the complete new data of the target's kind; 'void': null. Present either way. */
  @Rule('replacementMatchesCorrection', (value, args) => {
    const correction = (args.object as FactCorrectedDto).correction;
    if (value === undefined) return correction === 'void' ? 'is required (null for a void)' : 'is required';
    if (correction === 'replace' && !isJsonObject(value)) return "must be an object for correction 'replace': the complete new data of the corrected fact's kind";
    if (correction === 'void' && value !== null) return "must be null for correction 'void'";
    if (correction !== 'replace' && correction !== 'void' && value !== null && !isJsonObject(value)) return 'must be an object or null';
    return null;
  })
  replacement!: Record<string, unknown> | null;
  /** Who made a correction comes from the credential; why is said here. */
  @Text() reason!: string;
  /** A correction's own date does not matter: its effect lands on the corrected fact's date. */
  @CalendarDate() validDate!: IsoDate;
}

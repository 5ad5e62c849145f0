import type { Fact, IsoDate } from './envelope';

/**
 * A correction names the fact it corrects and either voids it or replaces its content with the
 * complete new content of the same kind. Its own date does not matter: the effect lands on the
 * corrected fact's date. Corrections of corrections work (void a void revives; void a replacement
 * restores the previous content).
 */
export type FactCorrected = Fact<
  'FactCorrected',
  {
    correctedFactId: string;
    correction: 'void' | 'replace';
    /** The complete new `data` of the corrected fact's kind; present only for 'replace'. */
    replacement: Record<string, unknown> | null;
    reason: string;
    validDate: IsoDate;
  }
>;

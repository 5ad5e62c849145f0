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
    /** 'replace': the complete new `data` of the corrected fact's kind; 'void': null. The key is always present. */
    replacement: Record<string, unknown> | null;
    reason: string;
    validDate: IsoDate;
  }
>;

import type { FactCorrected } from '../../events';

/**
 * Corrections as SPEC.md section 6 reads them: nothing is edited; a FactCorrected names its target
 * and voids it or replaces its content. A fact is live unless a live void targets it, so voiding a
 * void revives its target. Its content is that of the latest recorded live replacement, else its
 * own, so voiding a replacement restores the previous content.
 */
export type CorrectionIndex = Map<string, FactCorrected[]>; // target fact id -> corrections naming it, in recorded order

export function indexCorrection(index: CorrectionIndex, correction: FactCorrected): void {
  const list = index.get(correction.data.correctedFactId);
  if (list) list.push(correction);
  else index.set(correction.data.correctedFactId, [correction]);
}

export function isLive(index: CorrectionIndex, factId: string): boolean {
  return !(index.get(factId) ?? []).some((c) => c.data.correction === 'void' && isLive(index, c.id));
}

/** The live replacement that currently gives the fact its content, or null for its original content. */
export function currentReplacement(index: CorrectionIndex, factId: string): FactCorrected | null {
  const live = (index.get(factId) ?? []).filter((c) => c.data.correction === 'replace' && isLive(index, c.id));
  return live.at(-1) ?? null;
}

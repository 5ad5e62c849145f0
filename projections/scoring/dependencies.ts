import type { LedgerFact } from '../../events';

/**
 * What a scored fact's lines depend on, beside the fact itself: the rules of `rules.ts` read the
 * other live adoptions of the item ("highest only", an upper-level multiple of the item's own
 * points), the other live instructions of the (item, level), and the unit's other submissions
 * of the year (the yearly cap). The model keeps its facts findable by these keys (`model.ts`); the
 * score index re-scores a fact's group with it (`score-index.ts`), and one unit's explanation needs
 * only its own facts and their groups (`unitYearLines` in `lines.ts`).
 */

/** The group a fact's lines depend on: `a\0item` for an adoption, `i\0item\0level` for an instruction. */
export function groupKeyOf(fact: LedgerFact): string | null {
  if (fact.type === 'InformationAdopted') return `a\u0000${fact.data.itemId}`;
  if (fact.type === 'LeaderInstructionRecorded') return `i\u0000${fact.data.itemId}\u0000${fact.data.level}`;
  return null;
}

/** The key of the scored facts that name a unit by `name` (as the unit or as a contributor). */
export const unitKey = (name: string): string => `u\u0000${name}`;

/** The key of a unit's submissions of a year, by one of the names it was submitted under. */
export const submissionKey = (name: string, year: number | string): string => `s\u0000${name}\u0000${year}`;

/** The key of the adoptions of a commissioned item (they score the commission's agreed points). */
export const commissionKey = (commissionId: string): string => `c\u0000${commissionId}`;

/** Every key a scored fact's content can be found by: its names, its group, its commission, a submission's unit-year. */
export function contentKeys(fact: LedgerFact): string[] {
  const { unitId } = fact.data as { unitId?: unknown };
  const keys = typeof unitId === 'string' ? [unitKey(unitId)] : [];
  const group = groupKeyOf(fact);
  if (group !== null) keys.push(group);
  if (fact.type === 'InformationAdopted') {
    for (const contributor of fact.data.contributors) keys.push(unitKey(contributor));
    if (fact.data.commissionId !== null) keys.push(commissionKey(fact.data.commissionId));
  } else if (fact.type === 'InformationSubmitted') {
    keys.push(submissionKey(fact.data.unitId, fact.data.validDate.slice(0, 4)));
  }
  return keys;
}

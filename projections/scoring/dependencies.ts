import type { LedgerFact } from '../../events';

/**
 * What a scored fact's lines depend on, beside the fact itself: the rules of `rules.ts` read the
 * other live adoptions of the item ("highest only", an upper-level multiple of the item's own
 * points), the other live instructions of the (item, level), and the unit's other submissions
 * (the yearly cap). The score index re-scores a fact's group with it (`score-index.ts`), and the
 * model keeps its facts findable by the same keys (`model.ts`), so that one unit's explanation
 * needs only its own facts and their groups (`unitYearLines` in `lines.ts`).
 */

/** The group a fact's lines depend on: `a\0item` for an adoption, `i\0item\0level` for an instruction. */
export function groupKeyOf(fact: LedgerFact): string | null {
  if (fact.type === 'InformationAdopted') return `a\u0000${fact.data.itemId}`;
  if (fact.type === 'LeaderInstructionRecorded') return `i\u0000${fact.data.itemId}\u0000${fact.data.level}`;
  return null;
}

/** The key of the scored facts that name a unit by `name` (as the unit or as a contributor). */
export const unitKey = (name: string): string => `u\u0000${name}`;

/** The names a scored fact's content puts lines on: its unit, and a combined adoption's contributors. */
export function namesIn(fact: LedgerFact): string[] {
  const { unitId } = fact.data as { unitId?: unknown };
  const contributors = fact.type === 'InformationAdopted' ? fact.data.contributors : [];
  return [...(typeof unitId === 'string' ? [unitId] : []), ...contributors];
}

/** Every key a scored fact's content can be found by: its names, and its group. */
export function contentKeys(fact: LedgerFact): string[] {
  const group = groupKeyOf(fact);
  return [...namesIn(fact).map(unitKey), ...(group === null ? [] : [group])];
}

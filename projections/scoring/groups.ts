import type { LedgerFact } from '../../events';
import { submissionKey } from './dependencies';
import type { RuleContext } from './lines';
import { entryAt, type ScoringModel } from './model';
import { piecesIn, submissionPoints, type PaidPiece, type Piece } from './rules';
import { namesOf, scoredFactOf, type ScoredFact } from './scored-facts';

/**
 * The groups a fact's rules read beside the fact itself (`dependencies.ts`): the item's adoptions,
 * the (item, level) instructions, the unit-year's capped submissions. Two readers give the same
 * groups: `ListedGroups` from the year's facts in full (the reference), `RelatedGroups` from the
 * model's `related` index (what explanations and the score index use).
 */

/** The other facts a fact's rules read (`dependencies.ts`), as of the context's position. */
export interface FactGroups {
  /** live adoptions of the item, in valid-date then ledger order */
  adoptions(itemId: string): readonly ScoredFact[];
  /** live instructions of the (item, level), in valid-date then ledger order */
  instructions(itemId: string, level: string): readonly ScoredFact[];
  /** the capped points of a live submission of the year (none when no rate is in force) */
  submission(scored: ScoredFact, year: number, context: RuleContext): { points: number; rule: string } | undefined;
}

export const byValidDate = (a: ScoredFact, b: ScoredFact) => {
  const da = (a.fact.data as { validDate: string }).validDate;
  const db = (b.fact.data as { validDate: string }).validDate;
  return da < db ? -1 : da > db ? 1 : a.entry.position - b.entry.position;
};

const instructionKey = (itemId: string, level: string) => `${itemId}\u0000${level}`;

/** The groups of a list of facts known in full (the year as of p): the reference `yearLines` reads. */
export class ListedGroups implements FactGroups {
  private readonly adoptionsByItem = new Map<string, ScoredFact[]>();
  private readonly instructionsByKey = new Map<string, ScoredFact[]>();
  private readonly paid = new Map<number, PaidPiece>();

  constructor(facts: readonly ScoredFact[]) {
    const push = (map: Map<string, ScoredFact[]>, key: string, value: ScoredFact) => {
      const list = map.get(key);
      if (list) list.push(value);
      else map.set(key, [value]);
    };
    for (const scored of facts) {
      if (!scored.live) continue;
      if (scored.fact.type === 'InformationAdopted') push(this.adoptionsByItem, scored.fact.data.itemId, scored);
      else if (scored.fact.type === 'LeaderInstructionRecorded') push(this.instructionsByKey, instructionKey(scored.fact.data.itemId, scored.fact.data.level), scored);
    }
    for (const list of this.adoptionsByItem.values()) list.sort(byValidDate);
    for (const list of this.instructionsByKey.values()) list.sort(byValidDate);
  }

  /** Hands out the year's capped submission points over every listed piece. */
  paySubmissions(pieces: readonly Piece[], context: RuleContext): void {
    for (const [position, paid] of submissionPoints(pieces, context)) this.paid.set(position, paid);
  }

  adoptions(itemId: string): readonly ScoredFact[] {
    return this.adoptionsByItem.get(itemId) ?? [];
  }

  instructions(itemId: string, level: string): readonly ScoredFact[] {
    return this.instructionsByKey.get(instructionKey(itemId, level)) ?? [];
  }

  submission(scored: ScoredFact): { points: number; rule: string } | undefined {
    return this.paid.get(scored.entry.position);
  }
}

/**
 * The groups as of p found through the model's `related` index: only the facts that ever had the
 * key, read as of p and kept when their content in force still has it. What one unit's lines, or
 * one fact's lines in the score index, need without a pass over the year; cached per instance.
 */
export class RelatedGroups implements FactGroups {
  private cache: Map<string, readonly ScoredFact[]> | undefined;
  private paid: Map<string, Map<number, PaidPiece>> | undefined;

  constructor(
    private readonly model: ScoringModel,
    private readonly p: number,
  ) {}

  adoptions(itemId: string): readonly ScoredFact[] {
    return this.group(`a\u0000${itemId}`, (f) => f.type === 'InformationAdopted' && f.data.itemId === itemId);
  }

  instructions(itemId: string, level: string): readonly ScoredFact[] {
    return this.group(`i\u0000${itemId}\u0000${level}`, (f) => f.type === 'LeaderInstructionRecorded' && f.data.itemId === itemId && f.data.level === level);
  }

  submission(scored: ScoredFact, year: number, context: RuleContext): { points: number; rule: string } | undefined {
    return scored.unitId === null ? undefined : this.submissionsPaid(scored.unitId, year, context).get(scored.entry.position);
  }

  /**
   * The capped points of each live submission of the unit and year, by position (cached). `known`:
   * what the caller knows them to be as of this position, taken instead of paying them out again.
   */
  submissionsPaid(unitId: string, year: number, context: RuleContext, known?: Map<number, PaidPiece>): Map<number, PaidPiece> {
    const key = `${unitId}\u0000${year}`;
    this.paid ??= new Map();
    let paid = this.paid.get(key);
    if (!paid) this.paid.set(key, (paid = known ?? submissionPoints(this.piecesOf(unitId, year), context)));
    return paid;
  }

  /**
   * The live submissions of the unit and year as of p, under any of its names. A piece no
   * correction names is read from the index alone (its key says its unit and year, the fact table
   * its valid date); a corrected one is decoded and read as of p.
   */
  piecesOf(unitId: string, year: number): Piece[] {
    const seen = new Set<number>();
    const pieces: Piece[] = [];
    for (const name of namesOf(this.model, unitId)) {
      for (const position of this.model.related.get(submissionKey(name, year)) ?? []) {
        if (position > this.p || seen.has(position)) continue;
        seen.add(position);
        if (!this.model.correctedPositions.has(position)) {
          pieces.push({ position, unitId, validDate: this.model.facts.validDateAt(position)! });
          continue;
        }
        pieces.push(...piecesIn([scoredFactOf(this.model, entryAt(this.model, position), this.p)], year).filter((piece) => piece.unitId === unitId));
      }
    }
    return pieces;
  }

  private group(key: string, keeps: (fact: LedgerFact) => boolean): readonly ScoredFact[] {
    this.cache ??= new Map();
    let list = this.cache.get(key);
    if (list) return list;
    const members: ScoredFact[] = [];
    for (const position of this.model.related.get(key) ?? []) {
      if (position > this.p) continue;
      const scored = scoredFactOf(this.model, entryAt(this.model, position), this.p);
      if (scored.live && keeps(scored.fact)) members.push(scored);
    }
    list = members.sort(byValidDate);
    this.cache.set(key, list);
    return list;
  }
}

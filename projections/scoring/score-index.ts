import type { LedgerFact, RecordedFact, SchemeDefinition } from '../../events';
import { addLine, addSumsAsOf, addToLog, allZero, emptyLog, restoreLog, snapshotLog, WIDTH, type DeltaLog, type DeltaLogSnapshot } from './delta-log';
import { commissionKey, unitKey } from './dependencies';
import { factLines, type RuleContext, type ScoreLine } from './lines';
import { entryAt, PLACEMENT_KINDS, SCORED_KINDS, type ScoringModel } from './model';
import type { Period } from './periods';
import { RuleReadings } from './rule-readings';
import { withPiece, type PaidPiece } from './rules';
import { namesOf, scoredFactOf, type ScoredFact } from './scored-facts';
import { emptySums, type UnitSums } from './table';

/**
 * The table's sums as of any position without re-scoring the ledger. Folding the ledger in order,
 * each fact changes the lines of a small set of scored facts: itself, and the facts whose rules
 * read it (its group, `dependencies.ts`: the item's adoptions when the scheme limits to the
 * highest or multiplies, the (item, level) instructions, the unit-year's capped submissions); a
 * correction, those of the fact it corrects; a commission, its adoptions; a direct-point
 * designation, its unit's facts; a scheme version, its year's facts. Each of those is scored as
 * of the position before the fact and as of the fact (the model answers both), and the
 * difference is added at the fact's position to per unit-and-month logs of running sums, so
 * nothing per fact is kept but the logs. The lines come from the same rules as the from-scratch
 * views (`factLines`), and the property tests hold the two equal at every position.
 */
export interface ScoreIndexState {
  position: number;
  /** year -> unitId -> 12 monthly logs */
  readonly logs: Map<number, Map<string, DeltaLog[]>>;
}

export function initialScoreIndex(): ScoreIndexState {
  return { position: 0, logs: new Map() };
}

/** The state as plain data for a checkpoint (node:v8 serialize): the logs as typed arrays. */
export interface ScoreIndexSnapshot {
  readonly position: number;
  readonly logs: Map<number, Map<string, DeltaLogSnapshot[]>>;
}

export function snapshotScoreIndex(state: ScoreIndexState): ScoreIndexSnapshot {
  const logs = new Map([...state.logs].map(([year, units]) => [year, new Map([...units].map(([unitId, months]) => [unitId, months.map(snapshotLog)]))]));
  return { position: state.position, logs };
}

export function restoreScoreIndex(snapshot: ScoreIndexSnapshot): ScoreIndexState {
  const logs = new Map([...snapshot.logs].map(([year, units]) => [year, new Map([...units].map(([unitId, months]) => [unitId, months.map(restoreLog)]))]));
  return { position: snapshot.position, logs };
}

const validDateOf = (fact: LedgerFact) => (fact.data as { validDate: string }).validDate;
const yearOf = (fact: LedgerFact) => Number(validDateOf(fact).slice(0, 4));

type PaidPieces = Map<number, PaidPiece>;

/**
 * Kinds that change no unit-year's capped submission points: not a submission of another unit-year
 * (a submission updates its own), not a correction, scheme, registry or placement fact.
 */
const KEEPS_SUBMISSIONS_PAID: ReadonlySet<string> = new Set([
  'InformationSubmitted',
  'InformationAdopted',
  'LeaderInstructionRecorded',
  'CommissionRequested',
  'CommissionMissed',
  'ReportingFailureRecorded',
  'FalseInformationRecorded',
  'QuotaSettled',
  'CircularIssued',
]);

/** Whether an adoption's lines read the item's other adoptions under a scheme ("highest only", multiples). */
const adoptionsInteract = (scheme: SchemeDefinition) => scheme.adoptionCounting === 'highest' || scheme.upperLevels.some((rate) => rate.mode !== 'fixed');

/** Transient caches over the state (not checkpointed): rule readings, capped pay-outs. */
export class ScoreIndex {
  /** What the rules read of schemes, placements and groups as of q - 1 and q. */
  private readonly readings = new RuleReadings();
  /** Per fact folded: the positions to re-score. */
  private readonly affected = new Set<number>();
  /**
   * The capped submission points of unit-years (`unitId\0year`) as computed at the fact that last
   * changed them: still what they are as of the fact before the one being folded while every fact
   * folded since is of a kind that cannot change them (`KEEPS_SUBMISSIONS_PAID`), so a new
   * submission is paid in from them (`withPiece`) instead of the year being paid out again.
   */
  private readonly paidNow = new Map<string, { at: number; paid: PaidPieces }>();

  constructor(readonly state: ScoreIndexState = initialScoreIndex()) {}

  /** Call after the model has folded `recorded`. */
  apply(model: ScoringModel, recorded: RecordedFact<LedgerFact>): void {
    const q = recorded.metadata.position;
    this.state.position = q;
    this.readings.startFact();
    const fact: LedgerFact = recorded;
    if (!KEEPS_SUBMISSIONS_PAID.has(fact.type) && this.paidNow.size > 0) this.paidNow.clear();
    const affected = this.affected;
    affected.clear();
    if (SCORED_KINDS.has(fact.type)) {
      affected.add(q);
      this.addDependents(model, fact, q, affected);
    } else if (fact.type === 'SchemePublished' || fact.type === 'SchemeAmended') {
      this.readings.moved(q);
      this.addFactsOfYear(model, fact.data.scheme.year, q, affected);
    } else if (fact.type === 'DirectReportingPointDesignated' || fact.type === 'DirectReportingPointWithdrawn') {
      this.readings.moved(q);
      this.addFactsOfUnit(model, fact.data.unitId, q, affected);
    } else if (PLACEMENT_KINDS.has(fact.type)) {
      this.readings.moved(q); // membership and targets are read at query time
    } else if (fact.type === 'CommissionRequested') {
      this.addAdoptionsOf(model, fact.data.commissionId, q, affected);
    } else if (fact.type === 'FactCorrected') {
      this.corrected(model, fact.data.correctedFactId, q, affected);
    }
    for (const position of affected) this.rescore(model, position, q);
  }

  /** Column sums per unit over a period of `year`, as of p. */
  sums(year: number, period: Period, p: number): Map<string, UnitSums> {
    const out = new Map<string, UnitSums>();
    for (const [unitId, months] of this.state.logs.get(year) ?? []) {
      const sums = emptySums();
      for (let month = period.fromMonth; month <= period.toMonth; month++) addSumsAsOf(months[month - 1], p, sums);
      if (sums.scoredFacts > 0) out.set(unitId, sums);
    }
    return out;
  }

  private corrected(model: ScoringModel, targetId: string, q: number, affected: Set<number>): void {
    let root = model.facts.get(targetId);
    while (root && root.fact.type === 'FactCorrected') root = model.facts.get(root.fact.data.correctedFactId);
    if (!root) return;
    const { fact, position } = root;
    if (SCORED_KINDS.has(fact.type)) {
      affected.add(position);
      // The groups of its content before and after: it may have left one and joined another.
      this.addDependents(model, scoredFactOf(model, root, q - 1).fact, q - 1, affected);
      this.addDependents(model, scoredFactOf(model, root, q).fact, q, affected);
      return;
    }
    if (PLACEMENT_KINDS.has(fact.type) || fact.type === 'SchemePublished' || fact.type === 'SchemeAmended') this.readings.moved(q);
    if (fact.type === 'SchemePublished' || fact.type === 'SchemeAmended') {
      this.addFactsOfYear(model, fact.data.scheme.year, q, affected);
    } else if (fact.type === 'DirectReportingPointDesignated' || fact.type === 'DirectReportingPointWithdrawn') {
      for (const p of [q - 1, q]) {
        const content = scoredFactOf(model, root, p).fact as typeof fact;
        this.addFactsOfUnit(model, content.data.unitId, q, affected);
      }
    } else if (fact.type === 'CommissionRequested') {
      this.addAdoptionsOf(model, fact.data.commissionId, q, affected);
    }
  }

  /** The facts whose lines read a scored fact with this content, as of p (`dependencies.ts`). */
  private addDependents(model: ScoringModel, fact: LedgerFact, p: number, affected: Set<number>): void {
    const groups = this.readings.groups(model, p);
    const add = (members: readonly ScoredFact[]) => members.forEach((m) => affected.add(m.entry.position));
    if (fact.type === 'InformationAdopted') {
      // An item's adoptions read the earlier ones, across years too (a December adoption is the own
      // points of a January multiple): the group is re-scored when this year, or a later year one of
      // them is in, scores them together.
      const year = yearOf(fact);
      if (this.readings.anyVersion(model, year, p, adoptionsInteract)) add(groups.adoptions(fact.data.itemId));
      else if (this.readings.anySchemeAfter(model, year, p, adoptionsInteract)) {
        const members = groups.adoptions(fact.data.itemId);
        if (members.some((m) => yearOf(m.fact) > year && this.readings.anyVersion(model, yearOf(m.fact), p, adoptionsInteract))) add(members);
      }
    } else if (fact.type === 'LeaderInstructionRecorded') {
      add(groups.instructions(fact.data.itemId, fact.data.level));
    } else if (fact.type === 'InformationSubmitted') {
      const year = yearOf(fact);
      const unitId = model.names.get(fact.data.unitId)?.unitId;
      if (unitId === undefined || !this.readings.anyVersion(model, year, p, (scheme) => !!scheme.submission)) return;
      // The cap is handed out in valid-date order: the pieces it touches are those whose points
      // differ before and after the fact being folded (read from the index, nothing decoded).
      const q = this.state.position;
      const key = `${unitId}\u0000${year}`;
      const paidAt = (at: number, known?: (context: RuleContext) => PaidPieces) => {
        const context = this.readings.context(model, year, at);
        return context ? this.readings.groups(model, at).submissionsPaid(unitId, year, context, known?.(context)) : new Map<number, PaidPiece>();
      };
      // As of q - 1 the unit-year is paid as after the last fact that changed it, unless a fact since
      // could have (not one computed in this fold: that is as of q). A new piece, the fact at q, is
      // then paid in from that, without paying the year out again.
      const known = this.paidNow.get(key);
      const fresh = known !== undefined && known.at < q ? known.paid : undefined;
      const before = paidAt(q - 1, fresh && (() => fresh));
      const isNew = p === q && entryAt(model, q).fact.id === fact.id;
      const after = paidAt(q, isNew ? (context) => withPiece(before, { position: q, unitId, validDate: fact.data.validDate }, context) : undefined);
      this.paidNow.set(key, { at: q, paid: after });
      const differs = (one: PaidPieces, other: PaidPieces) => {
        for (const [position, paid] of one) if (other.get(position)?.points !== paid.points || other.get(position)?.rule !== paid.rule) affected.add(position);
      };
      differs(before, after);
      differs(after, before);
    }
  }

  /** Adoptions naming a commission (its agreed points), with their groups. */
  private addAdoptionsOf(model: ScoringModel, commissionId: string, q: number, affected: Set<number>): void {
    for (const position of model.related.get(commissionKey(commissionId)) ?? []) this.addWithGroup(model, position, q, affected);
  }

  private addFactsOfUnit(model: ScoringModel, name: string, q: number, affected: Set<number>): void {
    const unitId = model.names.get(name)?.unitId ?? name;
    for (const unitName of namesOf(model, unitId)) for (const position of model.related.get(unitKey(unitName)) ?? []) this.addWithGroup(model, position, q, affected);
  }

  private addWithGroup(model: ScoringModel, position: number, q: number, affected: Set<number>): void {
    if (affected.has(position)) return;
    affected.add(position);
    for (const p of [q - 1, q]) this.addDependents(model, scoredFactOf(model, entryAt(model, position), p).fact, p, affected);
  }

  /**
   * Every scored fact whose content, before or at q, is in the year (a scheme version re-scores its
   * year), and the adoptions of other years that read the year's adoptions of their items.
   */
  private addFactsOfYear(model: ScoringModel, year: number, q: number, affected: Set<number>): void {
    const adoptions: number[] = [];
    for (const position of model.scored) {
      if (position >= q) break;
      const entry = entryAt(model, position);
      if (yearOf(scoredFactOf(model, entry, q - 1).fact) === year || yearOf(scoredFactOf(model, entry, q).fact) === year) {
        affected.add(position);
        if (entry.fact.type === 'InformationAdopted') adoptions.push(position);
      }
    }
    if (!this.readings.anySchemeAfter(model, year, q - 1, adoptionsInteract) && !this.readings.anySchemeAfter(model, year, q, adoptionsInteract)) return;
    for (const position of adoptions) {
      for (const p of [q - 1, q]) {
        const content = scoredFactOf(model, entryAt(model, position), p).fact;
        if (content.type === 'InformationAdopted') this.addDependents(model, content, p, affected);
      }
    }
  }

  /** The lines of the scored fact at `position` as of p (none before it was recorded). */
  private linesAt(model: ScoringModel, position: number, p: number): readonly ScoreLine[] {
    if (position > p) return NO_LINES;
    const scored = scoredFactOf(model, entryAt(model, position), p);
    const year = yearOf(scored.fact);
    const context = this.readings.context(model, year, p);
    return context ? factLines(scored, year, context) : [];
  }

  /** Adds at q the change in one fact's lines between q - 1 and q. */
  private rescore(model: ScoringModel, position: number, q: number): void {
    const before = this.linesAt(model, position, q - 1);
    const after = this.linesAt(model, position, q);
    if (before.length === 0 && after.length === 1) {
      // The common case, a new fact with one line: straight into its log.
      const line = after[0];
      const values = this.scratch.fill(0);
      addLine(values, line, 1);
      if (!allZero(values)) addToLog(this.log(line.unitId, Number(line.validDate.slice(0, 4)), Number(line.validDate.slice(5, 7))), q, values);
      return;
    }
    const deltas = new Map<string, { unitId: string; year: number; month: number; values: number[] }>();
    const add = (lines: readonly ScoreLine[], sign: 1 | -1) => {
      for (const line of lines) {
        const year = Number(line.validDate.slice(0, 4));
        const month = Number(line.validDate.slice(5, 7));
        const key = `${line.unitId}\u0000${year}\u0000${month}`;
        let delta = deltas.get(key);
        if (!delta) deltas.set(key, (delta = { unitId: line.unitId, year, month, values: new Array<number>(WIDTH).fill(0) }));
        addLine(delta.values, line, sign);
      }
    };
    add(before, -1);
    add(after, 1);
    for (const { unitId, year, month, values } of deltas.values()) if (!allZero(values)) addToLog(this.log(unitId, year, month), q, values);
  }
  private readonly scratch = new Array<number>(WIDTH);

  private log(unitId: string, year: number, month: number): DeltaLog {
    let units = this.state.logs.get(year);
    if (!units) this.state.logs.set(year, (units = new Map()));
    let months = units.get(unitId);
    if (!months) units.set(unitId, (months = Array.from({ length: 12 }, emptyLog)));
    return months[month - 1];
  }
}

const NO_LINES: readonly ScoreLine[] = Object.freeze([]);

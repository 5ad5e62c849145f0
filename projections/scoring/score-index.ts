import type { LedgerFact, RecordedFact } from '../../events';
import { schemeIdForYear } from './as-of';
import { groupKeyOf } from './dependencies';
import { addSumsAsOf, addToLog, emptyLog, WIDTH, type DeltaLog } from './delta-log';
import { factLines, scoredFactOf, type FactGroups, type RuleContext, type ScoredFact, type ScoreLine } from './lines';
import { PLACEMENT_KINDS, SCORED_KINDS, type ScoringModel } from './model';
import type { Period } from './periods';
import { PlacementTimeline } from './placements';
import { submissionPoints } from './rules';
import { emptySums, type UnitSums } from './table';
import { byValidDate } from './lines';

/**
 * The table's sums as of any position without re-scoring the ledger. Folding the ledger in order,
 * each fact changes the lines of a small set of scored facts: itself and its group (the item's
 * adoptions, the (item, level) instructions, the unit's capped submissions); a correction, those
 * of the fact it corrects; a direct-point designation, its unit's facts; a scheme version, its
 * year's facts. The difference is added at the fact's position to per unit-and-month logs of
 * running sums. The lines come from the same rules as the from-scratch views (`factLines`), and
 * the property tests hold the two equal at every position.
 */
export interface ScoreIndexState {
  position: number;
  /** fact id -> its lines, compacted to [unitId, year, month, 5 sums] rows */
  readonly current: Map<string, Array<[string, number, number, ...number[]]>>;
  /** year -> unitId -> 12 monthly logs */
  readonly logs: Map<number, Map<string, DeltaLog[]>>;
  /** every scored fact as of `position`, live or not */
  readonly scored: Map<string, ScoredFact>;
  readonly groups: FactGroups;
  /** resolved unitId -> scored fact ids on that unit (by content or as a contributor) */
  readonly byUnit: Map<string, Set<string>>;
}

export function initialScoreIndex(): ScoreIndexState {
  return {
    position: 0,
    current: new Map(),
    logs: new Map(),
    scored: new Map(),
    groups: { adoptionsByItem: new Map(), instructionsByKey: new Map(), submissionPoints: new Map() },
    byUnit: new Map(),
  };
}

const validDateOf = (scored: ScoredFact) => (scored.fact.data as { validDate: string }).validDate;
const yearOf = (scored: ScoredFact) => Number(validDateOf(scored).slice(0, 4));

/** Transient caches over the state (not checkpointed): timelines and schemes per year. */
export class ScoreIndex {
  private timelines = new Map<string, PlacementTimeline>();

  constructor(readonly state: ScoreIndexState = initialScoreIndex()) {}

  /** Call after the model has folded `recorded`. */
  apply(model: ScoringModel, recorded: RecordedFact<LedgerFact>): void {
    const q = recorded.metadata.position;
    this.state.position = q;
    const fact: LedgerFact = recorded;
    if (SCORED_KINDS.has(fact.type)) return this.rescore(model, q, this.refresh(model, fact.id, q));
    if (fact.type === 'SchemePublished' || fact.type === 'SchemeAmended') {
      this.timelines.clear();
      return this.rescore(model, q, this.factsOfYear(fact.data.scheme.year));
    }
    if (fact.type === 'DirectReportingPointDesignated' || fact.type === 'DirectReportingPointWithdrawn') {
      this.timelines.clear();
      return this.rescore(model, q, this.factsOfUnit(model, fact.data.unitId));
    }
    if (PLACEMENT_KINDS.has(fact.type)) return void this.timelines.clear(); // membership and targets are read at query time
    if (fact.type === 'FactCorrected') return this.corrected(model, fact.data.correctedFactId, q);
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

  private corrected(model: ScoringModel, targetId: string, q: number): void {
    let root = model.facts.get(targetId);
    while (root && root.fact.type === 'FactCorrected') root = model.facts.get(root.fact.data.correctedFactId);
    if (!root) return;
    const type = root.fact.type;
    if (SCORED_KINDS.has(type)) return this.rescore(model, q, this.refresh(model, root.fact.id, q));
    this.timelines.clear();
    if (type === 'SchemePublished' || type === 'SchemeAmended') return this.rescore(model, q, new Set(this.state.scored.keys()));
    if (type === 'DirectReportingPointDesignated' || type === 'DirectReportingPointWithdrawn' || type === 'CommissionRequested') {
      // Rare: re-score everything that could depend on it (the unit may have moved, agreed points changed).
      return this.rescore(model, q, new Set(this.state.scored.keys()));
    }
  }

  /** Brings one scored fact up to date at q and returns it with the facts whose lines may change with it. */
  private refresh(model: ScoringModel, factId: string, q: number): Set<string> {
    const affected = new Set<string>([factId]);
    const before = this.state.scored.get(factId);
    if (before) this.ungroup(before, affected);
    const after = scoredFactOf(model, model.facts.get(factId)!, q);
    this.state.scored.set(factId, after);
    this.group(after, affected);
    return affected;
  }

  /** The group of `dependencies.ts` (the item's adoptions, the (item, level) instructions), or the unit's submissions of the year. */
  private keysOf(scored: ScoredFact): string[] {
    const group = groupKeyOf(scored.fact);
    if (group !== null) return [group];
    if (scored.fact.type === 'InformationSubmitted' && scored.unitId !== null) return [`s\u0000${scored.unitId}\u0000${yearOf(scored)}`];
    return [];
  }

  private listFor(key: string): Map<string, ScoredFact[]> {
    const { groups } = this.state;
    return key.startsWith('a') ? groups.adoptionsByItem : key.startsWith('i') ? groups.instructionsByKey : (this.submissions ??= new Map());
  }
  private submissions?: Map<string, ScoredFact[]>;

  private mapKey(key: string): string {
    return key.slice(2); // adoptionsByItem is keyed by item, instructionsByKey by item\0level, as in lines.ts
  }

  private ungroup(scored: ScoredFact, affected: Set<string>): void {
    for (const key of this.keysOf(scored)) {
      const list = this.listFor(key).get(this.mapKey(key)) ?? [];
      const at = list.findIndex((s) => s.entry.fact.id === scored.entry.fact.id);
      if (at >= 0) list.splice(at, 1);
      for (const mate of list) affected.add(mate.entry.fact.id);
    }
    this.unitIdsOf(scored).forEach((unitId) => this.state.byUnit.get(unitId)?.delete(scored.entry.fact.id));
  }

  private group(scored: ScoredFact, affected: Set<string>): void {
    for (const unitId of this.unitIdsOf(scored)) {
      const set = this.state.byUnit.get(unitId) ?? new Set<string>();
      set.add(scored.entry.fact.id);
      this.state.byUnit.set(unitId, set);
    }
    if (!scored.live) return;
    for (const key of this.keysOf(scored)) {
      const map = this.listFor(key);
      const list = map.get(this.mapKey(key)) ?? [];
      list.push(scored);
      list.sort(byValidDate);
      map.set(this.mapKey(key), list);
      for (const mate of list) affected.add(mate.entry.fact.id);
    }
  }

  private unitIdsOf(scored: ScoredFact): string[] {
    const contributors = scored.fact.type === 'InformationAdopted' ? scored.fact.data.contributors : [];
    return [scored.unitId, ...contributors].filter((u): u is string => u !== null);
  }

  private factsOfYear(year: number): Set<string> {
    return new Set([...this.state.scored.values()].filter((s) => yearOf(s) === year).map((s) => s.entry.fact.id));
  }

  private factsOfUnit(model: ScoringModel, name: string): Set<string> {
    const unitId = model.names.get(name)?.unitId ?? name;
    return new Set(this.state.byUnit.get(unitId) ?? []);
  }

  private context(model: ScoringModel, year: number, q: number): RuleContext | null {
    const schemeId = schemeIdForYear(model, year, q);
    if (schemeId === null) return null;
    let timeline = this.timelines.get(schemeId);
    if (!timeline) {
      timeline = new PlacementTimeline(model, schemeId, q);
      this.timelines.set(schemeId, timeline);
    }
    return { model, p: q, schemeId, timeline, groups: this.state.groups };
  }

  private rescore(model: ScoringModel, q: number, ids: Set<string>): void {
    this.recomputeSubmissions(model, q, ids);
    for (const id of ids) {
      const scored = this.state.scored.get(id);
      if (!scored) continue;
      const year = yearOf(scored);
      const context = this.context(model, year, q);
      const lines = context ? factLines(scored, year, context) : [];
      this.replaceLines(id, compact(lines, year), q);
    }
  }

  /** Capped submission points depend on every submission of the unit and year, in valid-date order. */
  private recomputeSubmissions(model: ScoringModel, q: number, ids: Set<string>): void {
    const touched = new Set<string>();
    for (const id of ids) {
      const scored = this.state.scored.get(id);
      if (scored?.fact.type === 'InformationSubmitted') touched.add(`${scored.unitId}\u0000${yearOf(scored)}`);
    }
    for (const key of touched) {
      const pieces = this.submissions?.get(key) ?? [];
      const year = Number(key.split('\u0000')[1]);
      const context = this.context(model, year, q);
      if (!context) continue;
      for (const piece of pieces) {
        this.state.groups.submissionPoints.delete(piece.entry.fact.id);
        ids.add(piece.entry.fact.id);
      }
      for (const [id, paid] of submissionPoints(pieces, year, context)) this.state.groups.submissionPoints.set(id, paid);
    }
  }

  private replaceLines(id: string, next: Array<[string, number, number, ...number[]]>, q: number): void {
    const previous = this.state.current.get(id) ?? [];
    for (const [unitId, year, month, ...values] of previous) addToLog(this.log(unitId, year, month), q, values.map((v) => -v));
    for (const [unitId, year, month, ...values] of next) addToLog(this.log(unitId, year, month), q, values);
    if (next.length === 0) this.state.current.delete(id);
    else this.state.current.set(id, next);
  }

  private log(unitId: string, year: number, month: number): DeltaLog {
    let units = this.state.logs.get(year);
    if (!units) this.state.logs.set(year, (units = new Map()));
    let months = units.get(unitId);
    if (!months) units.set(unitId, (months = Array.from({ length: 12 }, emptyLog)));
    return months[month - 1];
  }
}

/** Lines reduced to what the sums need, one row per unit and month. */
function compact(lines: readonly ScoreLine[], year: number): Array<[string, number, number, ...number[]]> {
  const rows = new Map<string, [string, number, number, ...number[]]>();
  for (const line of lines) {
    const month = Number(line.validDate.slice(5, 7));
    const key = `${line.unitId}\u0000${month}`;
    const row = rows.get(key) ?? ([line.unitId, year, month, ...new Array<number>(WIDTH).fill(0)] as [string, number, number, ...number[]]);
    const v = row as unknown as number[];
    if (line.column === 'city') {
      v[4] += line.points;
      if (line.counted) v[3] += 1;
    } else {
      v[6] += line.points;
      if (line.column === 'upper' && line.counted) v[5] += 1;
    }
    if (line.kind === 'CommissionMissed' && line.live) v[7] += 1;
    if (line.live) v[8] += 1;
    rows.set(key, row);
  }
  return [...rows.values()];
}

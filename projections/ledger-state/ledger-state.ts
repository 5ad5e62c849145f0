import type { FactKind, LedgerFact, SchemeDefinition } from '../../events';
import { FactTable, instantKey, type FactTableSnapshot } from '../fact-table';
import { currentReplacement, indexCorrection, isLive, type CorrectionIndex } from './corrections';

/**
 * What the ledger must know to check a new fact against everything recorded before it (so every
 * prefix of a valid ledger is valid): the unit registry with its aliases, the scheme versions, the
 * commissions, and every fact's kind and corrections. The fold mutates the state it is given and
 * returns it (a million-fact ledger is folded once, at the head); it does no I/O and reads no clock.
 */
export interface UnitEntry {
  readonly unitId: string;
  name: string;
  readonly registryOrder: number;
}

export interface SchemeVersion {
  readonly factId: string;
  readonly schemeId: string;
  readonly version: number;
  readonly validDate: string;
  readonly scheme: SchemeDefinition;
}

export interface FactEntry {
  readonly type: FactKind;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: Readonly<Record<string, unknown>>;
  /** 1-based ledger position */
  readonly position: number;
}

/** A fact with its content in force, and when that content was recorded (its own, or its replacement's). */
export interface InForce extends FactEntry {
  readonly id: string;
  readonly contentRecordedAt: string | undefined;
}

/** The facts of the decision state by id, over a fact table. */
export class FactEntries {
  constructor(private readonly table = new FactTable()) {}

  /** `encoded`: the fact as the table keeps it, when the reader holds that text (`FactTable.add`). */
  add(fact: LedgerFact, position: number, encoded?: string): void {
    this.table.add(fact, position, encoded);
  }

  /** The id of the fact at a ledger position. */
  idAt(position: number): string | undefined {
    return this.table.idAt(position);
  }

  snapshot(): FactTableSnapshot {
    return this.table.snapshot();
  }

  static restore(snapshot: FactTableSnapshot): FactEntries {
    return new FactEntries(FactTable.restore(snapshot));
  }

  get(id: string): FactEntry | undefined {
    const entry = this.table.get(id);
    return entry && { type: entry.fact.type, data: entry.fact.data as Record<string, unknown>, metadata: entry.fact.metadata as Record<string, unknown>, position: entry.position };
  }

  /**
   * The live facts of some kinds whose content in force (a replaced one's: its latest live
   * replacement's) is dated from `from` to `to`, in ledger order. A fact no correction names is
   * chosen by the table's date column, so only those in range are decoded.
   */
  inForceWithin(kinds: ReadonlySet<string>, from: string, to: string, corrections: CorrectionIndex): InForce[] {
    const found: InForce[] = [];
    const within = (date: unknown) => typeof date === 'string' && date >= from && date <= to;
    for (const position of this.table.positionsOf(kinds)) {
      if (!within(this.table.validDateAt(position))) continue;
      const { fact } = this.table.at(position)!;
      if (!corrections.has(fact.id)) found.push({ id: fact.id, type: fact.type, data: fact.data as Record<string, unknown>, metadata: fact.metadata as Record<string, unknown>, position, contentRecordedAt: (fact.metadata as { recordedAt?: string }).recordedAt });
    }
    for (const id of corrections.keys()) {
      const entry = this.get(id);
      if (!entry || !kinds.has(entry.type) || !isLive(corrections, id)) continue;
      const replacement = currentReplacement(corrections, id);
      const data = (replacement?.data.replacement ?? entry.data) as Record<string, unknown>;
      if (within(data.validDate)) found.push({ ...entry, id, data, contentRecordedAt: (replacement?.metadata ?? entry.metadata).recordedAt as string | undefined });
    }
    return found.sort((a, b) => a.position - b.position);
  }
}

export interface LedgerState {
  /** Number of facts folded: the ledger position of the last one. */
  position: number;
  /** recordedAt of the last fact folded, as `instantKey` spells it; recorded times never go backwards. */
  lastRecordedAt: string | null;
  readonly units: Map<string, UnitEntry>;
  /** every name a unit is known by (id, official name, aliases) -> unitId */
  readonly names: Map<string, string>;
  /** schemeId -> versions in recorded order */
  readonly schemes: Map<string, SchemeVersion[]>;
  readonly commissions: Map<string, { unitId: string; factId: string }>;
  /**
   * commissionId -> the adoptions whose content, their own or any replacement's, ever named it (ids,
   * each once): the adoptions a void of the commission may leave without their points.
   */
  readonly answers: Map<string, string[]>;
  /** every fact by id, kept encoded (a million facts are their bytes, not a million objects) */
  readonly facts: FactEntries;
  readonly corrections: CorrectionIndex;
}

export function initialLedgerState(): LedgerState {
  return {
    position: 0,
    lastRecordedAt: null,
    units: new Map(),
    names: new Map(),
    schemes: new Map(),
    commissions: new Map(),
    answers: new Map(),
    facts: new FactEntries(),
    corrections: new Map(),
  };
}

/** The state as plain data for a checkpoint (node:v8 serialize): the facts as their fact table's buffers. */
export interface LedgerStateSnapshot extends Omit<LedgerState, 'facts'> {
  readonly facts: FactTableSnapshot;
}

export function snapshotLedgerState(state: LedgerState): LedgerStateSnapshot {
  return { ...state, facts: state.facts.snapshot() };
}

export function restoreLedgerState(snapshot: LedgerStateSnapshot): LedgerState {
  return { ...snapshot, facts: FactEntries.restore(snapshot.facts) };
}

/** `encoded`: the fact as the fact table keeps it, when the reader holds that text already (`encodedRecordedFact`). */
export function evolveLedgerState(state: LedgerState, fact: LedgerFact, recordedAt: string | null, encoded?: string): LedgerState {
  state.position += 1;
  if (recordedAt !== null) state.lastRecordedAt = instantKey(recordedAt);
  state.facts.add(fact, state.position, encoded);
  switch (fact.type) {
    case 'UnitRegistered': {
      state.units.set(fact.data.unitId, { unitId: fact.data.unitId, name: fact.data.name, registryOrder: state.units.size });
      for (const name of [fact.data.unitId, fact.data.name, ...fact.data.aliases]) state.names.set(name, fact.data.unitId);
      return state;
    }
    case 'UnitAliasAdded':
      state.names.set(fact.data.alias, resolveUnit(state, fact.data.unitId) ?? fact.data.unitId);
      return state;
    case 'UnitRenamed': {
      const unit = state.units.get(resolveUnit(state, fact.data.unitId) ?? '');
      if (unit) {
        unit.name = fact.data.name; // the old name stays an alias
        state.names.set(fact.data.name, unit.unitId);
      }
      return state;
    }
    case 'SchemePublished':
    case 'SchemeAmended': {
      const versions = state.schemes.get(fact.data.schemeId) ?? [];
      versions.push({ factId: fact.id, schemeId: fact.data.schemeId, version: fact.data.version, validDate: fact.data.validDate, scheme: fact.data.scheme });
      state.schemes.set(fact.data.schemeId, versions);
      return state;
    }
    case 'CommissionRequested':
      state.commissions.set(fact.data.commissionId, { unitId: fact.data.unitId, factId: fact.id });
      return state;
    case 'FactCorrected': {
      indexCorrection(state.corrections, fact);
      const replacement = fact.data.correction === 'replace' ? (fact.data.replacement as { commissionId?: unknown } | null) : null;
      if (typeof replacement?.commissionId === 'string' && state.facts.get(fact.data.correctedFactId)?.type === 'InformationAdopted') addAnswer(state, replacement.commissionId, fact.data.correctedFactId);
      return state;
    }
    case 'InformationAdopted':
      if (fact.data.commissionId !== null) addAnswer(state, fact.data.commissionId, fact.id);
      return state;
    case 'UnitEnrolled':
    case 'UnitWithdrawn':
    case 'UnitTierChanged':
    case 'UnitGroupChanged':
    case 'DirectReportingPointDesignated':
    case 'DirectReportingPointWithdrawn':
    case 'InformationSubmitted':
    case 'LeaderInstructionRecorded':
    case 'CommissionMissed':
    case 'ReportingFailureRecorded':
    case 'FalseInformationRecorded':
    case 'QuotaSettled':
    case 'CircularIssued':
      return state;
    default: {
      const _exhaustive: never = fact;
      return state;
    }
  }
}

function addAnswer(state: LedgerState, commissionId: string, adoptionId: string): void {
  const ids = state.answers.get(commissionId);
  if (!ids) state.answers.set(commissionId, [adoptionId]);
  else if (!ids.includes(adoptionId)) ids.push(adoptionId);
}

/** One unit, several names: an id, the official name or any alias resolves to one unitId. */
export function resolveUnit(state: LedgerState, name: string): string | null {
  return state.names.get(name) ?? null;
}

/** The scheme version in force on a date: the highest live version valid on or before it. */
export function schemeInForce(state: LedgerState, schemeId: string, date: string): SchemeVersion | null {
  const versions = state.schemes.get(schemeId) ?? [];
  let best: SchemeVersion | null = null;
  for (const v of versions) if (v.validDate <= date && (best === null || v.version > best.version) && isLive(state.corrections, v.factId)) best = v;
  return best;
}

/** The scheme of the year a date falls in, in force on that date (one office scores one scheme a year). */
export function schemeForDate(state: LedgerState, date: string): SchemeVersion | null {
  const year = Number(date.slice(0, 4));
  for (const [schemeId, versions] of state.schemes) {
    if (versions[0].scheme.year === year) return schemeInForce(state, schemeId, date);
  }
  return null;
}

export function isFactLive(state: LedgerState, factId: string): boolean {
  return isLive(state.corrections, factId);
}

export { currentReplacement, isLive };

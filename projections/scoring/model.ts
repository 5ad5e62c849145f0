import type { FactCorrected, LedgerFact, RecordedFact, SchemeDefinition } from '../../events';
import { contentKeys } from './dependencies';
import { FactTable, TypedColumn, type FactTableSnapshot } from '../fact-table';
import { PositionsByKey, type RelatedSnapshot } from './columns';

/**
 * The scoring model: every fact the score views need, tagged with its ledger position, so one
 * model folded to the head answers a view "as of" any earlier position by ignoring what came
 * after it (no replay). The fold only appends; it mutates the model it is given and returns it,
 * reads no clock and does no I/O. The scored facts, nearly all of a ledger, are kept encoded in
 * the fact table and found by position; the rest (schemes, registry, placements, commissions,
 * corrections, circulars: few) also as objects in their lists.
 */
export interface Positioned<T> {
  readonly position: number;
  readonly recordedAt: string;
  readonly recordedBy: string;
  readonly fact: T;
}

export type Recorded = Positioned<LedgerFact>;

export interface SchemeVersionEntry {
  readonly schemeId: string;
  readonly version: number;
  readonly validDate: string;
  readonly position: number;
  readonly factId: string;
  readonly scheme: SchemeDefinition;
}

export interface RegisteredUnit {
  readonly unitId: string;
  readonly registeredAt: number; // position: registry order
  /** Official names in recorded order (renames); the latest at or before a position is printed. */
  readonly names: Array<{ name: string; position: number; factId: string }>;
}

/** Kinds that put points or counts on a unit. */
export const SCORED_KINDS = new Set<LedgerFact['type']>([
  'InformationSubmitted',
  'InformationAdopted',
  'LeaderInstructionRecorded',
  'CommissionMissed',
  'ReportingFailureRecorded',
  'FalseInformationRecorded',
  'QuotaSettled',
]);

/** Kinds that place a unit in a scheme: group, tier, withdrawal, direct reporting point. */
export const PLACEMENT_KINDS = new Set<LedgerFact['type']>([
  'UnitEnrolled',
  'UnitWithdrawn',
  'UnitTierChanged',
  'UnitGroupChanged',
  'DirectReportingPointDesignated',
  'DirectReportingPointWithdrawn',
]);

/**
 * A name of a unit: the fact that first gave it (registration, alias or rename) and, when a later
 * fact gives the same unit the same name again (a rename back to an old name or to an alias), those
 * too: the name resolves as of p while any of them is recorded by p and live.
 */
export interface NameEntry {
  readonly unitId: string;
  readonly position: number;
  readonly factId: string;
  again?: Array<{ readonly position: number; readonly factId: string }>;
}

export interface ScoringModel {
  position: number;
  readonly units: Map<string, RegisteredUnit>;
  /** any name -> unitId, with the fact that first gave it and any that gave it again (`NameEntry`) */
  readonly names: Map<string, NameEntry>;
  /** unitId -> every name recorded for it (id, official names, aliases) */
  readonly unitNames: Map<string, string[]>;
  readonly schemes: Map<string, SchemeVersionEntry[]>;
  /** every fact, by id and by position (corrections look their targets up here) */
  readonly facts: FactTable;
  /** positions of the scored facts, in ledger order */
  readonly scored: TypedColumn<Uint32Array>;
  /** placement facts in ledger order */
  readonly placements: Recorded[];
  readonly commissions: Map<string, Recorded[]>;
  /** target fact id -> corrections naming it, in ledger order */
  readonly corrections: Map<string, Positioned<FactCorrected>[]>;
  /** positions of the facts some correction names (the others are read as recorded, without decoding) */
  readonly correctedPositions: Set<number>;
  readonly circulars: Recorded[];
  /**
   * Positions of the scored facts by every key their content, their own or any replacement's, has
   * ever had (`dependencies.ts`): `u\0name` for the unit and each contributor as named, `a\0item`
   * and `i\0item\0level` for their group, `s\0name\0year` for a submission. Each fact once per key
   * (in no meaningful order: readers filter by content as of their position and sort), so one
   * unit's lines, or one fact's group, are found without a pass over the year.
   */
  readonly related: PositionsByKey;
}

export function initialScoringModel(): ScoringModel {
  return {
    position: 0,
    units: new Map(),
    names: new Map(),
    unitNames: new Map(),
    schemes: new Map(),
    facts: new FactTable(),
    scored: new TypedColumn<Uint32Array>(new Uint32Array(0), (n) => new Uint32Array(n)),
    placements: [],
    commissions: new Map(),
    corrections: new Map(),
    correctedPositions: new Set(),
    circulars: [],
    related: PositionsByKey.empty(),
  };
}

/** The contents a scored fact has had so far: its own, then each replacement's, in ledger order. */
function contentsOf(model: ScoringModel, entry: Recorded): LedgerFact[] {
  const replacements = (model.corrections.get(entry.fact.id) ?? []).filter((c) => c.fact.data.correction === 'replace' && c.fact.data.replacement !== null);
  return [entry.fact, ...replacements.map((c) => ({ ...entry.fact, data: c.fact.data.replacement }) as LedgerFact)];
}

/** A replacement of a scored fact makes it findable by the keys of its new content too. */
function relateReplacement(model: ScoringModel, correction: FactCorrected, target: Recorded | undefined): void {
  if (correction.data.correction !== 'replace' || correction.data.replacement === null || !target || !SCORED_KINDS.has(target.fact.type)) return;
  const known = new Set(contentsOf(model, target).flatMap(contentKeys)); // before this correction is recorded
  const content = { ...target.fact, data: correction.data.replacement } as LedgerFact;
  for (const key of new Set(contentKeys(content))) if (!known.has(key)) model.related.add(key, target.position);
}

function giveName(model: ScoringModel, unitId: string, name: string, position: number, factId: string): void {
  const known = model.names.get(name);
  if (known === undefined || known.unitId !== unitId) model.names.set(name, { unitId, position, factId });
  else if (known.factId !== factId) (known.again ??= []).push({ position, factId });
}

function addName(model: ScoringModel, unitId: string, name: string): void {
  const names = model.unitNames.get(unitId);
  if (!names) model.unitNames.set(unitId, [name]);
  else if (!names.includes(name)) names.push(name);
}

export function evolveScoringModel(model: ScoringModel, recorded: RecordedFact<LedgerFact>): ScoringModel {
  return evolveScoringModelEncoded(model, recorded, undefined);
}

/** `evolveScoringModel` given the fact as the fact table keeps it, when the reader holds that text already (`FactTable.add`). */
export function evolveScoringModelEncoded(model: ScoringModel, recorded: RecordedFact<LedgerFact>, encoded: string | undefined): ScoringModel {
  const { position, recordedAt, recordedBy } = recorded.metadata;
  const entry = model.facts.add(recorded, position, encoded);
  model.position = position;
  const fact: LedgerFact = recorded;
  switch (fact.type) {
    case 'SchemePublished':
    case 'SchemeAmended': {
      const versions = model.schemes.get(fact.data.schemeId) ?? [];
      versions.push({ schemeId: fact.data.schemeId, version: fact.data.version, validDate: fact.data.validDate, position, factId: fact.id, scheme: fact.data.scheme });
      model.schemes.set(fact.data.schemeId, versions);
      return model;
    }
    case 'UnitRegistered':
      model.units.set(fact.data.unitId, { unitId: fact.data.unitId, registeredAt: position, names: [{ name: fact.data.name, position, factId: fact.id }] });
      for (const name of [fact.data.unitId, fact.data.name, ...fact.data.aliases]) {
        giveName(model, fact.data.unitId, name, position, fact.id);
        addName(model, fact.data.unitId, name);
      }
      return model;
    case 'UnitAliasAdded':
    case 'UnitRenamed': {
      const unitId = model.names.get(fact.data.unitId)?.unitId ?? fact.data.unitId;
      const name = fact.type === 'UnitAliasAdded' ? fact.data.alias : fact.data.name;
      giveName(model, unitId, name, position, fact.id);
      addName(model, unitId, name);
      if (fact.type === 'UnitRenamed') model.units.get(unitId)?.names.push({ name, position, factId: fact.id });
      return model;
    }
    case 'CommissionRequested': {
      const list = model.commissions.get(fact.data.commissionId) ?? [];
      list.push(entry);
      model.commissions.set(fact.data.commissionId, list);
      return model;
    }
    case 'FactCorrected': {
      const target = model.facts.get(fact.data.correctedFactId);
      if (target) model.correctedPositions.add(target.position);
      relateReplacement(model, fact, target);
      const list = model.corrections.get(fact.data.correctedFactId) ?? [];
      list.push({ position, recordedAt, recordedBy, fact });
      model.corrections.set(fact.data.correctedFactId, list);
      return model;
    }
    case 'CircularIssued':
      model.circulars.push(entry);
      return model;
    case 'UnitEnrolled':
    case 'UnitWithdrawn':
    case 'UnitTierChanged':
    case 'UnitGroupChanged':
    case 'DirectReportingPointDesignated':
    case 'DirectReportingPointWithdrawn':
      model.placements.push(entry);
      return model;
    case 'InformationSubmitted':
    case 'InformationAdopted':
    case 'LeaderInstructionRecorded':
    case 'CommissionMissed':
    case 'ReportingFailureRecorded':
    case 'FalseInformationRecorded':
    case 'QuotaSettled': {
      model.scored.push(position);
      const keys = contentKeys(fact);
      for (let i = 0; i < keys.length; i++) if (keys.indexOf(keys[i]) === i) model.related.add(keys[i], position); // each key once
      return model;
    }
    default: {
      const _exhaustive: never = fact;
      return model;
    }
  }
}

/** A scored (or any) fact by its ledger position. */
export function entryAt(model: ScoringModel, position: number): Recorded {
  const entry = model.facts.at(position);
  if (!entry) throw new RangeError(`no fact at position ${position}`);
  return entry;
}

/** The model as plain data for a checkpoint (node:v8 serialize): the fact table as its buffers. */
export interface ScoringModelSnapshot extends Omit<ScoringModel, 'facts' | 'scored' | 'related'> {
  readonly facts: FactTableSnapshot;
  readonly scored: Uint32Array;
  readonly related: RelatedSnapshot;
}

export function snapshotScoringModel(model: ScoringModel): ScoringModelSnapshot {
  return { ...model, facts: model.facts.snapshot(), scored: model.scored.copy(), related: model.related.snapshot() };
}

export function restoreScoringModel(snapshot: ScoringModelSnapshot): ScoringModel {
  return {
    ...snapshot,
    facts: FactTable.restore(snapshot.facts),
    scored: TypedColumn.restore<Uint32Array>(snapshot.scored, (n) => new Uint32Array(n)),
    related: PositionsByKey.restore(snapshot.related),
  };
}

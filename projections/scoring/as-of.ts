import type { FactCorrected, LedgerFact, SchemeDefinition } from '../../events';
import type { Positioned, Recorded, ScoringModel, SchemeVersionEntry, RegisteredUnit } from './model';

/**
 * Reading the model as of a ledger position p: everything recorded after p is ignored, so a view
 * as of p is the view a reader at p saw, whatever was appended since.
 */

/** The last position whose recorded time is at or before `iso` (0 when none). */
export function positionAtTime(model: ScoringModel, iso: string): number {
  return model.facts.lastRecordedBy(iso);
}

const NONE: Positioned<FactCorrected>[] = [];

export function correctionsAsOf(model: ScoringModel, factId: string, p: number): Positioned<FactCorrected>[] {
  const corrections = model.corrections.get(factId);
  return corrections === undefined || corrections[0].position > p ? NONE : corrections.filter((c) => c.position <= p);
}

/** Live unless a live void (as of p) names it: voiding a void revives its target. */
export function isLiveAsOf(model: ScoringModel, factId: string, p: number): boolean {
  const corrections = model.corrections.get(factId); // most facts have none: no allocation on the way
  if (corrections === undefined) return true;
  for (const c of corrections) {
    if (c.position > p) break; // in ledger order
    if (c.fact.data.correction === 'void' && isLiveAsOf(model, c.fact.id, p)) return false;
  }
  return true;
}

/** The fact with the content in force as of p: that of the latest live replacement, else its own. */
export function effectiveFact(model: ScoringModel, entry: Recorded, p: number): LedgerFact {
  const corrections = model.corrections.get(entry.fact.id);
  if (corrections === undefined) return entry.fact;
  for (let i = corrections.length - 1; i >= 0; i--) {
    const c = corrections[i];
    if (c.position <= p && c.fact.data.correction === 'replace' && isLiveAsOf(model, c.fact.id, p)) return { ...entry.fact, data: c.fact.data.replacement } as LedgerFact;
  }
  return entry.fact;
}

export function unitIdOf(model: ScoringModel, name: string): string | null {
  return model.names.get(name)?.unitId ?? null;
}

/** A name as of p: given by a fact recorded by p and not voided (a rename can be corrected away; another giving of the name keeps it). */
export function unitIdAsOf(model: ScoringModel, name: string, p: number): string | null {
  const entry = model.names.get(name);
  if (entry === undefined) return null;
  const given = (g: { position: number; factId: string }) => g.position <= p && isLiveAsOf(model, g.factId, p);
  return given(entry) || (entry.again?.some(given) ?? false) ? entry.unitId : null;
}

/** The official (printed) name as of p: the latest live rename recorded by p. */
export function officialName(model: ScoringModel, unit: RegisteredUnit, p: number): string {
  let name = unit.names[0].name;
  for (const entry of unit.names) if (entry.position <= p && isLiveAsOf(model, entry.factId, p)) name = entry.name;
  return name;
}

/** The scheme of a year, as recorded by p. */
export function schemeIdForYear(model: ScoringModel, year: number, p: number): string | null {
  for (const [schemeId, versions] of model.schemes) {
    if (versions[0].position <= p && versions[0].scheme.year === year && isLiveAsOf(model, versions[0].factId, p)) return schemeId;
  }
  return null;
}

/** The scheme body a view names (`{ id, version }`, as a table's `scheme`), or null for none. */
export function schemeOfView(model: ScoringModel, ref: { id: string; version: number } | null): SchemeDefinition | null {
  return ref === null ? null : (model.schemes.get(ref.id)?.find((v) => v.version === ref.version)?.scheme ?? null);
}

/** The version in force on a date as of p: the highest recorded version valid on or before it. */
export function schemeVersionOn(model: ScoringModel, schemeId: string, date: string, p: number): SchemeVersionEntry | null {
  let best: SchemeVersionEntry | null = null;
  for (const v of model.schemes.get(schemeId) ?? []) {
    if (v.position <= p && v.validDate <= date && (best === null || v.version > best.version) && isLiveAsOf(model, v.factId, p)) best = v;
  }
  return best;
}

import type { FactKind, InformationAdopted, LedgerFact, SchemeDefinition } from '../../events';
import { currentReplacement, isLive, schemeForDate, type CorrectionIndex, type InForce, type LedgerState, type SchemeVersion } from '../../projections';
import { decidedBeforeLaterChecks } from '../validation';
import { problem, type Problem } from './problem';

/**
 * The checks that read the scheme version in force on a fact's date (a level, a rate, a range): for
 * a new fact, and again for the facts a new version or a revival would put under another version,
 * so a recorded fact is never scored 0 or outside its range where the same fact appended is refused.
 */

/** The kinds whose facts need something of the scheme version in force on their date: a level, a rate, a range. */
const BOUND = ['InformationAdopted', 'LeaderInstructionRecorded', 'CommissionRequested', 'CommissionMissed', 'ReportingFailureRecorded', 'FalseInformationRecorded'] as const;
export const SCHEME_BOUND_KINDS: ReadonlySet<FactKind> = new Set(BOUND);
export type SchemeBound = Extract<LedgerFact, { type: (typeof BOUND)[number] }>;

/**
 * What a fact (its content) needs of the scheme version `in force`: one it scores is never scored 0
 * instead (SPEC 4). `decidedBefore`: the fact was decided before the later checks began
 * (`later-checks.ts`), when a ranged deduction carried no amount (it is scored at the range's least
 * severe end).
 */
export function schemeBoundProblem(inForce: SchemeVersion, fact: SchemeBound, decidedBefore = false): Problem | null {
  const { scheme, version, schemeId } = inForce;
  switch (fact.type) {
    case 'InformationAdopted': {
      const { data } = fact;
      const [ownLevel, ...upper] = scheme.levels;
      if (data.level !== ownLevel) {
        if (!upper.includes(data.level) || !scheme.upperLevels.some((r) => r.level === data.level)) {
          return problem('data.level', `scheme ${schemeId} v${version} in force on ${data.validDate} scores adoptions at ${scheme.levels.join(', ')}`);
        }
        return data.publication === null ? null : publicationRef(scheme, data, version);
      }
      if (data.publication === null) return problem('data.publication', `an adoption at the ${ownLevel} level names its publication`);
      return publicationRef(scheme, data, version);
    }
    case 'LeaderInstructionRecorded': {
      const levels = scheme.instructions.map((i) => i.level);
      return levels.includes(fact.data.level) ? null : problem('data.level', `must be one of ${levels.join(', ')}`);
    }
    case 'CommissionRequested':
      // The level whose adoption the commission asks for: one the scheme in force scores.
      return scheme.levels.includes(fact.data.level) ? null : problem('data.level', `must be a level the scheme in force on ${fact.data.validDate} scores: ${scheme.levels.join(', ')}`);
    case 'FalseInformationRecorded': {
      const rate = scheme.deductions.falseInformation;
      const [min, max] = rate.mode === 'fixed' ? [rate.points, rate.points] : [rate.minPoints, rate.maxPoints];
      return fact.data.points >= min && fact.data.points <= max ? null : problem('data.points', `must be between ${min} and ${max} under the scheme in force on ${fact.data.validDate}`);
    }
    case 'CommissionMissed':
    case 'ReportingFailureRecorded': {
      // The office sets the amount where the scheme ranges the deduction, and only there.
      const rate = fact.type === 'CommissionMissed' ? scheme.deductions.commissionMissed : scheme.deductions.reportingFailure;
      const { points, validDate } = fact.data;
      if (rate.mode === 'fixed') return points === undefined ? null : problem('data.points', `the scheme in force on ${validDate} fixes this deduction at ${rate.points}: leave points out`);
      if (points === undefined) return decidedBefore ? null : problem('data.points', `is required: the scheme in force on ${validDate} ranges this deduction from ${rate.minPoints} to ${rate.maxPoints}, and the office sets the amount`);
      return points >= rate.minPoints && points <= rate.maxPoints ? null : problem('data.points', `must be between ${rate.minPoints} and ${rate.maxPoints} under the scheme in force on ${validDate}`);
    }
  }
}

/** The fact a chain of corrections comes down to (a correction of a correction ... of it). */
function rootOf(state: LedgerState, factId: string): string {
  let rootId = factId;
  for (let root = state.facts.get(rootId); root?.type === 'FactCorrected'; root = state.facts.get(rootId)) rootId = (root.data as { correctedFactId: string }).correctedFactId;
  return rootId;
}

/**
 * Voiding a correction brings content back into force: a void of a void revives its target, a void
 * of a replacement restores the content before it. That content is held to the scheme in force on
 * its date now, as if appended (an amendment since may have dropped what it was recorded under).
 */
export function revivedProblem(state: LedgerState, voiding: Extract<LedgerFact, { type: 'FactCorrected' }>): Problem | null {
  const rootId = rootOf(state, voiding.data.correctedFactId);
  const root = state.facts.get(rootId);
  if (!root || !SCHEME_BOUND_KINDS.has(root.type)) return null;
  const after: CorrectionIndex = new Map(state.corrections);
  after.set(voiding.data.correctedFactId, [...(state.corrections.get(voiding.data.correctedFactId) ?? []), voiding]);
  if (!isLive(after, rootId)) return null;
  const giving = currentReplacement(after, rootId);
  const data = (giving?.data.replacement ?? root.data) as { validDate: string };
  const inForce = schemeForDate(state, data.validDate);
  const bound = inForce ? schemeBoundProblem(inForce, { id: rootId, type: root.type, data, metadata: {} } as SchemeBound, decidedBeforeLaterChecks((giving?.metadata ?? root.metadata).recordedAt)) : problem('data.validDate', `no scheme is in force on ${data.validDate}`);
  if (bound) return problem('data.correctedFactId', `voiding it brings back the ${root.type} ${rootId} as dated ${data.validDate}, which the scheme in force there no longer takes: ${bound.field}: ${bound.reason}`);
  const adopted = data as InformationAdopted['data'];
  return root.type === 'InformationAdopted' && commissionNeeded(state, inForce!.scheme, adopted, state.corrections)
    ? problem('data.correctedFactId', `voiding it brings back the InformationAdopted ${rootId} as dated ${data.validDate} without a category, scored only by commission ${adopted.commissionId}, which is void: it would score 0`)
    : null;
}

/**
 * An own-level adoption that names a commission may leave its category out: the commission's agreed
 * points are its points. With the commission void it would be scored 0, so that content needs the
 * commission live (SPEC 4: an adoption with no rate is refused, not scored 0).
 */
function commissionNeeded(state: LedgerState, scheme: SchemeDefinition, data: InformationAdopted['data'], corrections: CorrectionIndex): boolean {
  if (data.commissionId === null || data.category !== null || data.level !== scheme.levels[0]) return false;
  const commission = state.commissions.get(data.commissionId);
  return !commission || !isLive(corrections, commission.factId);
}

/**
 * Voiding a correction, or the commission itself, can leave a commission void. An own-level
 * adoption that names it without a category would then be scored 0, where the same adoption appended
 * is refused: the office voids or replaces those adoptions first (or requests the commission anew).
 */
export function commissionVoidProblem(state: LedgerState, voiding: Extract<LedgerFact, { type: 'FactCorrected' }>): Problem | null {
  const rootId = rootOf(state, voiding.data.correctedFactId);
  const root = state.facts.get(rootId);
  if (root?.type !== 'CommissionRequested' || !isLive(state.corrections, rootId)) return null;
  const after: CorrectionIndex = new Map(state.corrections);
  after.set(voiding.data.correctedFactId, [...(state.corrections.get(voiding.data.correctedFactId) ?? []), voiding]);
  if (isLive(after, rootId)) return null;
  const { commissionId } = root.data as { commissionId: string };
  for (const adoptionId of state.answers.get(commissionId) ?? []) {
    if (!isLive(after, adoptionId)) continue;
    const adoption = state.facts.get(adoptionId)!;
    const data = (currentReplacement(after, adoptionId)?.data.replacement ?? adoption.data) as InformationAdopted['data'];
    const inForce = schemeForDate(state, data.validDate);
    // (named by its content in force: a replacement may have moved it to another commission)
    if (data.commissionId === commissionId && inForce && commissionNeeded(state, inForce.scheme, data, after)) {
      return problem('data.correctedFactId', `it voids commission ${commissionId}, by which the InformationAdopted recorded at position ${adoption.position} (${adoptionId}, dated ${data.validDate}) scores: it names no category, so it would score 0; void or replace that adoption first`);
    }
  }
  return null;
}

/**
 * A new version is in force from its valid date to the year's end (it is the highest): every live
 * fact of those dates that needs something of the scheme must still find it there, or a recorded
 * adoption would be scored 0 and a recorded amount fall outside its range, where the same fact
 * appended now is refused. The office voids or replaces such a fact first.
 */
export function amendmentProblem(state: LedgerState, amended: SchemeVersion): Problem | null {
  const { year } = amended.scheme;
  const from = amended.validDate > `${year}-01-01` ? amended.validDate : `${year}-01-01`;
  for (const entry of state.facts.inForceWithin(SCHEME_BOUND_KINDS, from, `${year}-12-31`, state.corrections)) {
    const bound = schemeBoundProblem(amended, { id: entry.id, type: entry.type, data: entry.data, metadata: {} } as SchemeBound, decidedBeforeLaterChecks(entry.contentRecordedAt));
    if (bound) {
      return problem('data.scheme', `v${amended.version} from ${amended.validDate} would not score the ${entry.type} recorded at position ${entry.position} (${entry.id}, dated ${String(entry.data.validDate)}): its ${bound.field}: ${bound.reason}; void or replace that fact first, or keep what it needs`);
    }
  }
  return placementProblem(state, amended, from);
}

/** The kinds that put a unit in a group or a tier, or take it out. */
const PLACING: ReadonlySet<string> = new Set(['UnitEnrolled', 'UnitGroupChanged', 'UnitTierChanged', 'UnitWithdrawn']);

/**
 * Where the scheme's units stand from the new version's date on (their live placements, by content
 * in force, in valid-date order): each group and tier must be one the new version has, or the unit
 * would drop out of the table or lose its target, where the same placement recorded now is refused.
 * A tier in use is renamed in steps: keep it in the new version, move the units, drop it in a later one.
 */
function placementProblem(state: LedgerState, amended: SchemeVersion, from: string): Problem | null {
  const { scheme, schemeId, version } = amended;
  const byUnit = new Map<string, InForce[]>();
  // From any date: a scheme may be in force, and its units placed, before its year begins.
  for (const entry of state.facts.inForceWithin(PLACING, '0000-01-01', `${scheme.year}-12-31`, state.corrections)) {
    const data = entry.data as { schemeId: string; unitId: string };
    const unitId = state.names.get(data.unitId);
    if (data.schemeId !== schemeId || unitId === undefined) continue;
    const list = byUnit.get(unitId);
    if (list) list.push(entry);
    else byUnit.set(unitId, [entry]);
  }
  for (const [unitId, entries] of byUnit) {
    entries.sort((a, b) => (a.data.validDate === b.data.validDate ? a.position - b.position : String(a.data.validDate) < String(b.data.validDate) ? -1 : 1));
    let group: string | null = null;
    let tier: string | null = null;
    let withdrawn = false;
    for (let i = 0; i < entries.length; i++) {
      const { type, data } = entries[i];
      if (type === 'UnitEnrolled' || type === 'UnitGroupChanged') [group, tier, withdrawn] = [data.group as string, data.tier as string | null, false];
      else if (type === 'UnitTierChanged') tier = data.tier as string;
      else withdrawn = true;
      // The place in force on `from` (after the last event on or before it), and on each later day an event changed it.
      const next = entries[i + 1]?.data.validDate as string | undefined;
      if (withdrawn || group === null || (next !== undefined && (next <= from || next === data.validDate))) continue;
      // The table reads a target by the tier's key (a tier change names any tier of the scheme).
      const groupDef = scheme.groups.find((g) => g.key === group);
      const missing = !groupDef ? `group ${group}` : groupDef.assessed && !scheme.tiers.some((t) => t.key === tier) ? `tier ${tier}` : null;
      if (missing) {
        const name = state.units.get(unitId)?.name ?? unitId;
        return problem('data.scheme', `v${version} from ${amended.validDate} has no ${missing}, where ${name} stands (by the ${type} recorded at position ${entries[i].position}, dated ${String(data.validDate)}); keep it in this version, and move the unit first`);
      }
    }
  }
  return null;
}

function publicationRef(scheme: SchemeDefinition, data: InformationAdopted['data'], version: number): Problem | null {
  const publication = scheme.publications.find((p) => p.key === data.publication || p.name === data.publication || p.aliases.includes(data.publication!));
  if (!publication) return problem('data.publication', `no publication ${data.publication} in the scheme in force on ${data.validDate} (v${version})`);
  if (publication.level !== data.level) return problem('data.publication', `${publication.name} publishes at the ${publication.level} level, not ${data.level}`);
  if (data.category === null) return data.commissionId !== null ? null : problem('data.category', `must be one of ${publication.categories.map((c) => c.key).join(', ')}`);
  return publication.categories.some((c) => c.key === data.category)
    ? null
    : problem('data.category', `${publication.name} has no rate for ${data.category} in force on ${data.validDate} (v${version}); rates: ${publication.categories.map((c) => c.key).join(', ')}`);
}

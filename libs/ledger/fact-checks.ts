import type { FactKind, InformationAdopted, LedgerFact } from '../../events';
import { currentReplacement, isFactLive, resolveUnit, schemeForDate, schemeInForce, type LedgerState, type SchemeVersion } from '../../projections';
import { problem, type Problem } from './problem';
import { amendmentProblem, commissionVoidProblem, revivedProblem, schemeBoundProblem } from './scheme-bound-checks';

export type { Problem } from './problem';

/**
 * The ledger's decide step: a shape-valid fact is checked against everything recorded before it
 * (references and the scheme's ranges). Returns the first problem as { field, reason }, or null.
 * Pure: the state comes in, nothing is read or written.
 */

/**
 * `restored`: the fact comes back from an export with a time it was first recorded before the
 * later checks began (`libs/validation/later-checks.ts`). It was decided then, under the checks of
 * its time: the checks added since (the commission's unit and day) apply to facts recorded from
 * then on, so every export still imports. The others, which every version made, apply to both.
 */
export interface CheckOptions {
  readonly restored?: boolean;
}

export function checkFact(state: LedgerState, fact: LedgerFact, options: CheckOptions = {}): Problem | null {
  switch (fact.type) {
    case 'SchemePublished': {
      if (state.schemes.has(fact.data.schemeId)) return problem('data.schemeId', `scheme ${fact.data.schemeId} is already published; amend it instead`);
      // A year is scored under one scheme: the views find it by year.
      for (const [schemeId, versions] of state.schemes) {
        if (versions[0].scheme.year === fact.data.scheme.year) return problem('data.scheme.year', `scheme ${schemeId} already scores ${fact.data.scheme.year}; amend it instead`);
      }
      return null; // the scheme body itself is checked at the edge (libs/validation/scheme-consistency.ts)
    }
    case 'SchemeAmended': {
      const versions = state.schemes.get(fact.data.schemeId);
      if (!versions) return problem('data.schemeId', `no scheme ${fact.data.schemeId} has been published`);
      const next = versions[versions.length - 1].version + 1;
      if (fact.data.version !== next) return problem('data.version', `the next version of ${fact.data.schemeId} is ${next}`);
      const year = versions[0].scheme.year;
      if (fact.data.scheme.year !== year) return problem('data.scheme.year', `scheme ${fact.data.schemeId} scores ${year}; a version of it cannot move it to ${fact.data.scheme.year}`);
      return options.restored ? null : amendmentProblem(state, { factId: fact.id, schemeId: fact.data.schemeId, version: fact.data.version, validDate: fact.data.validDate, scheme: fact.data.scheme });
    }
    case 'UnitRegistered': {
      if (state.units.has(fact.data.unitId)) return problem('data.unitId', `unit ${fact.data.unitId} is already registered`);
      for (const [field, name] of [['data.name', fact.data.name], ...fact.data.aliases.map((a, i) => [`data.aliases[${i}]`, a])] as const) {
        const owner = resolveUnit(state, name);
        if (owner !== null) return problem(field, `${name} already names unit ${owner}`);
      }
      return null;
    }
    case 'UnitAliasAdded':
    case 'UnitRenamed': {
      const unit = unitRef(state, fact.data.unitId);
      if (unit) return unit;
      const name = fact.type === 'UnitAliasAdded' ? fact.data.alias : fact.data.name;
      const owner = resolveUnit(state, name);
      return owner !== null && owner !== resolveUnit(state, fact.data.unitId)
        ? problem(fact.type === 'UnitAliasAdded' ? 'data.alias' : 'data.name', `${name} already names unit ${owner}`)
        : null;
    }
    case 'UnitEnrolled':
    case 'UnitGroupChanged':
      return schemeUnitRef(state, fact.data) ?? checkPlacement(state, fact.data.schemeId, fact.data.validDate, fact.data.group, fact.data.tier);
    case 'UnitTierChanged': {
      const ref = schemeUnitRef(state, fact.data);
      if (ref) return ref;
      const scheme = schemeInForce(state, fact.data.schemeId, fact.data.validDate)!;
      return scheme.scheme.tiers.some((t) => t.key === fact.data.tier) ? null : problem('data.tier', `scheme ${scheme.schemeId} v${scheme.version} has no tier ${fact.data.tier}`);
    }
    case 'UnitWithdrawn':
    case 'QuotaSettled':
      return schemeUnitRef(state, fact.data);
    case 'DirectReportingPointDesignated':
    case 'DirectReportingPointWithdrawn': {
      const ref = schemeUnitRef(state, fact.data);
      if (ref) return ref;
      const levels = schemeInForce(state, fact.data.schemeId, fact.data.validDate)!.scheme.levels;
      return levels.indexOf(fact.data.level) > 0 ? null : problem('data.level', `must be an upper level the scheme scores: ${levels.slice(1).join(', ')}`);
    }
    case 'InformationSubmitted':
      return unitRef(state, fact.data.unitId) ?? schemeRef(state, fact.data.validDate);
    case 'ReportingFailureRecorded':
      return unitRef(state, fact.data.unitId) ?? schemeRef(state, fact.data.validDate) ?? schemeBoundProblem(schemeForDate(state, fact.data.validDate)!, fact, options.restored);
    case 'InformationAdopted':
      return checkAdoption(state, fact, options);
    case 'LeaderInstructionRecorded':
      return unitRef(state, fact.data.unitId) ?? schemeRef(state, fact.data.validDate) ?? schemeBoundProblem(schemeForDate(state, fact.data.validDate)!, fact);
    case 'CommissionRequested': {
      if (state.commissions.has(fact.data.commissionId)) return problem('data.commissionId', `commission ${fact.data.commissionId} already exists`);
      return unitRef(state, fact.data.unitId) ?? schemeRef(state, fact.data.validDate) ?? schemeBoundProblem(schemeForDate(state, fact.data.validDate)!, fact);
    }
    case 'CommissionMissed':
      return (
        unitRef(state, fact.data.unitId) ??
        commissionRef(state, fact.data.commissionId, fact.data.unitId, fact.data.validDate, options) ??
        schemeRef(state, fact.data.validDate) ??
        schemeBoundProblem(schemeForDate(state, fact.data.validDate)!, fact, options.restored)
      );
    case 'FalseInformationRecorded':
      return unitRef(state, fact.data.unitId) ?? schemeRef(state, fact.data.validDate) ?? schemeBoundProblem(schemeForDate(state, fact.data.validDate)!, fact);
    case 'FactCorrected':
      return checkCorrection(state, fact, options);
    case 'CircularIssued':
      return fact.data.position <= state.position ? null : problem('data.position', `the ledger has only ${state.position} facts`);
    default: {
      const _exhaustive: never = fact;
      return null;
    }
  }
}

function unitRef(state: LedgerState, name: string, field = 'data.unitId'): Problem | null {
  return resolveUnit(state, name) === null ? problem(field, `no registered unit is named ${name}`) : null;
}

/**
 * A commission (约稿) is asked of one unit on a day: what answers it (an adoption of the item) or
 * records it missed names that unit, on or after that day, while the request stands (as its latest
 * live replacement has it). A typo in the unit would otherwise move the agreed points or the -10.
 */
function commissionRef(state: LedgerState, commissionId: string, unitName: string, date: string, options: CheckOptions): Problem | null {
  const entry = state.commissions.get(commissionId);
  if (!entry) return problem('data.commissionId', `no commission ${commissionId} was requested`);
  if (options.restored) return null; // as decided when first recorded (CheckOptions)
  if (!isFactLive(state, entry.factId)) return problem('data.commissionId', `commission ${commissionId} was voided`);
  const request = (currentReplacement(state.corrections, entry.factId)?.data.replacement ?? state.facts.get(entry.factId)!.data) as { unitId: string; validDate: string };
  const asked = resolveUnit(state, request.unitId);
  if (resolveUnit(state, unitName) !== asked) return problem('data.unitId', `commission ${commissionId} was requested of ${(asked !== null && state.units.get(asked)?.name) || request.unitId}, not of ${unitName}`);
  return date < request.validDate ? problem('data.validDate', `${date} is before commission ${commissionId} was requested (${request.validDate})`) : null;
}

function schemeRef(state: LedgerState, date: string): Problem | null {
  return schemeForDate(state, date) === null ? problem('data.validDate', `no scheme is in force on ${date}`) : null;
}

function schemeUnitRef(state: LedgerState, data: { schemeId: string; unitId: string; validDate: string }): Problem | null {
  if (!state.schemes.has(data.schemeId)) return problem('data.schemeId', `no scheme ${data.schemeId} has been published`);
  if (!schemeInForce(state, data.schemeId, data.validDate)) return problem('data.validDate', `scheme ${data.schemeId} is not in force on ${data.validDate}`);
  return unitRef(state, data.unitId);
}

function checkPlacement(state: LedgerState, schemeId: string, date: string, group: string, tier: string | null): Problem | null {
  const { scheme } = schemeInForce(state, schemeId, date) as SchemeVersion;
  const groupDef = scheme.groups.find((g) => g.key === group);
  if (!groupDef) return problem('data.group', `must be one of ${scheme.groups.map((g) => g.key).join(', ')}`);
  if (!groupDef.assessed) return tier === null ? null : problem('data.tier', `group ${group} has no tiers; use null`);
  const tierDef = scheme.tiers.find((t) => t.key === tier);
  if (!tierDef) return problem('data.tier', `must be a tier of group ${group}: ${scheme.tiers.filter((t) => t.group === group).map((t) => t.key).join(', ')}`);
  return tierDef.group === group ? null : problem('data.tier', `tier ${tier} belongs to group ${tierDef.group}, not ${group}`);
}

function checkAdoption(state: LedgerState, fact: InformationAdopted, options: CheckOptions): Problem | null {
  const { data } = fact;
  const ref = unitRef(state, data.unitId) ?? schemeRef(state, data.validDate);
  if (ref) return ref;
  const lead = resolveUnit(state, data.unitId);
  for (const [i, contributor] of data.contributors.entries()) {
    const missing = unitRef(state, contributor, `data.contributors[${i}]`);
    if (missing) return missing;
    if (resolveUnit(state, contributor) === lead) return problem(`data.contributors[${i}]`, 'the lead unit cannot also be a contributor');
    if (data.contributors.slice(0, i).some((c) => resolveUnit(state, c) === resolveUnit(state, contributor))) return problem(`data.contributors[${i}]`, 'a contributor is listed twice');
  }
  if (data.commissionId !== null) {
    const commission = commissionRef(state, data.commissionId, data.unitId, data.validDate, options);
    if (commission) return commission;
  }
  return schemeBoundProblem(schemeForDate(state, data.validDate)!, fact);
}

/**
 * Kinds that are never corrected, with what to do instead: other facts hang on them (the facts
 * scored under a scheme, the facts naming a unit or an alias), or the ledger derives them.
 */
const NOT_CORRECTABLE: ReadonlyMap<FactKind, string> = new Map([
  ['SchemePublished', 'a scheme is changed by a SchemeAmended of it (a version recorded in error by the next version)'],
  ['SchemeAmended', 'a scheme is changed by a SchemeAmended of it (a version recorded in error by the next version)'],
  ['UnitRegistered', 'a unit is renamed by UnitRenamed and leaves a scheme by UnitWithdrawn; its facts keep naming it'],
  ['UnitAliasAdded', 'a name once given keeps resolving to its unit, as the facts recorded under it do'],
  ['QuotaSettled', 'a settlement is derived: run the settlement again (ledger settle), which appends only the difference'],
]);
/** Kinds a correction may void but not replace: record a new fact of the kind instead. */
const NOT_REPLACEABLE: ReadonlySet<FactKind> = new Set(['UnitRenamed', 'CircularIssued', 'FactCorrected']);

function checkCorrection(state: LedgerState, fact: Extract<LedgerFact, { type: 'FactCorrected' }>, options: CheckOptions): Problem | null {
  const target = state.facts.get(fact.data.correctedFactId);
  if (!target) return problem('data.correctedFactId', `no fact ${fact.data.correctedFactId} is recorded`);
  const instead = NOT_CORRECTABLE.get(target.type);
  if (instead) return problem('data.correctedFactId', `a ${target.type} cannot be corrected: ${instead}`);
  if (fact.data.correction === 'void') {
    if (!isFactLive(state, fact.data.correctedFactId)) return problem('data.correctedFactId', `fact ${fact.data.correctedFactId} is already void`);
    if (options.restored) return null;
    return (target.type === 'FactCorrected' ? revivedProblem(state, fact) : null) ?? commissionVoidProblem(state, fact);
  }
  if (!isFactLive(state, fact.data.correctedFactId)) return problem('data.correctedFactId', `fact ${fact.data.correctedFactId} is void; a void fact cannot be replaced`);
  if (target.type === 'FactCorrected') return problem('data.correctedFactId', 'a correction cannot be replaced; void it and append a new one');
  if (NOT_REPLACEABLE.has(target.type)) return problem('data.correctedFactId', `a ${target.type} cannot be replaced; void it and record a new ${target.type}`);
  return null;
}

import type { FactKind, InformationAdopted, LedgerFact, SchemeDefinition } from '../../events';
import { decidedBeforeLaterChecks } from '../validation';
import { currentReplacement, isFactLive, isLive, resolveUnit, schemeForDate, schemeInForce, type CorrectionIndex, type LedgerState, type SchemeVersion } from '../../projections';

/**
 * The ledger's decide step: a shape-valid fact is checked against everything recorded before it
 * (references and the scheme's ranges). Returns the first problem as { field, reason }, or null.
 * Pure: the state comes in, nothing is read or written.
 */
export interface Problem {
  readonly field: string;
  readonly reason: string;
}

const problem = (field: string, reason: string): Problem => ({ field, reason });

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

/** The kinds whose facts need something of the scheme version in force on their date: a level, a rate, a range. */
const SCHEME_BOUND_KINDS: ReadonlySet<FactKind> = new Set(['InformationAdopted', 'LeaderInstructionRecorded', 'CommissionRequested', 'CommissionMissed', 'ReportingFailureRecorded', 'FalseInformationRecorded']);

type SchemeBound = Extract<LedgerFact, { type: 'InformationAdopted' | 'LeaderInstructionRecorded' | 'CommissionRequested' | 'CommissionMissed' | 'ReportingFailureRecorded' | 'FalseInformationRecorded' }>;

/**
 * What a fact (its content) needs of the scheme version `in force`: one it scores is never scored 0
 * instead (SPEC 4). `decidedBefore`: the fact was decided before the later checks began
 * (`later-checks.ts`), when a ranged deduction carried no amount (it is scored at the range's least
 * severe end).
 */
function schemeBoundProblem(inForce: SchemeVersion, fact: SchemeBound, decidedBefore = false): Problem | null {
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

/**
 * Voiding a correction brings content back into force: a void of a void revives its target, a void
 * of a replacement restores the content before it. That content is held to the scheme in force on
 * its date now, as if appended (an amendment since may have dropped what it was recorded under).
 */
function revivedProblem(state: LedgerState, voiding: Extract<LedgerFact, { type: 'FactCorrected' }>): Problem | null {
  let rootId = voiding.data.correctedFactId;
  for (let root = state.facts.get(rootId); root?.type === 'FactCorrected'; root = state.facts.get(rootId)) rootId = (root.data as { correctedFactId: string }).correctedFactId;
  const root = state.facts.get(rootId);
  if (!root || !SCHEME_BOUND_KINDS.has(root.type)) return null;
  const after: CorrectionIndex = new Map(state.corrections);
  after.set(voiding.data.correctedFactId, [...(state.corrections.get(voiding.data.correctedFactId) ?? []), voiding]);
  if (!isLive(after, rootId)) return null;
  const giving = currentReplacement(after, rootId);
  const data = (giving?.data.replacement ?? root.data) as { validDate: string };
  const inForce = schemeForDate(state, data.validDate);
  const bound = inForce ? schemeBoundProblem(inForce, { id: rootId, type: root.type, data, metadata: {} } as SchemeBound, decidedBeforeLaterChecks((giving?.metadata ?? root.metadata).recordedAt)) : problem('data.validDate', `no scheme is in force on ${data.validDate}`);
  return bound && problem('data.correctedFactId', `voiding it brings back the ${root.type} ${rootId} as dated ${data.validDate}, which the scheme in force there no longer takes: ${bound.field}: ${bound.reason}`);
}

/**
 * A new version is in force from its valid date to the year's end (it is the highest): every live
 * fact of those dates that needs something of the scheme must still find it there, or a recorded
 * adoption would be scored 0 and a recorded amount fall outside its range, where the same fact
 * appended now is refused. The office voids or replaces such a fact first.
 */
function amendmentProblem(state: LedgerState, amended: SchemeVersion): Problem | null {
  const { year } = amended.scheme;
  const from = amended.validDate > `${year}-01-01` ? amended.validDate : `${year}-01-01`;
  for (const entry of state.facts.inForceWithin(SCHEME_BOUND_KINDS, from, `${year}-12-31`, state.corrections)) {
    const bound = schemeBoundProblem(amended, { id: entry.id, type: entry.type, data: entry.data, metadata: {} } as SchemeBound, decidedBeforeLaterChecks(entry.contentRecordedAt));
    if (bound) {
      return problem('data.scheme', `v${amended.version} from ${amended.validDate} would not score the ${entry.type} recorded at position ${entry.position} (${entry.id}, dated ${String(entry.data.validDate)}): its ${bound.field}: ${bound.reason}; void or replace that fact first, or keep what it needs`);
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
    return target.type === 'FactCorrected' && !options.restored ? revivedProblem(state, fact) : null;
  }
  if (!isFactLive(state, fact.data.correctedFactId)) return problem('data.correctedFactId', `fact ${fact.data.correctedFactId} is void; a void fact cannot be replaced`);
  if (target.type === 'FactCorrected') return problem('data.correctedFactId', 'a correction cannot be replaced; void it and append a new one');
  if (NOT_REPLACEABLE.has(target.type)) return problem('data.correctedFactId', `a ${target.type} cannot be replaced; void it and record a new ${target.type}`);
  return null;
}

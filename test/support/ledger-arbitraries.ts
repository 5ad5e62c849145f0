import * as fc from 'fast-check';
import type { FactKind, FactOf, LedgerFact, SchemeDefinition } from '../../events';
import { factOf, yuxiLikeScheme } from './builders';
import { countyLedger, countyScheme } from './county-scheme';

/**
 * Random but valid ledgers for the property tests. fast-check generates a list of abstract steps
 * (indices and dates, which shrink well); `recordSteps` turns them into facts against a fixed
 * registry and scheme, tracking which facts are live so that every correction targets an existing
 * fact, never voids an already void one and never replaces a void fact or a correction. Every
 * prefix of what it returns is a ledger the office's own checks accept (asserted in
 * properties.spec.ts).
 *
 * Each world also publishes the same scheme for 2016 and 2018, so that a replacement may move a
 * scored fact out of 2017 into a neighbouring year (SPEC.md section 4: "it may move the fact to
 * another unit, date or year"); the ledger rejects a fact dated in a year no scheme covers.
 */

/** A fixed starting ledger: scheme, registry, enrolments and a few commissions. */
export interface World {
  readonly label: string;
  readonly scheme: SchemeDefinition;
  readonly schemeId: string;
  readonly base: readonly LedgerFact[];
}

/** The years next to 2017 that a replacement may move a scored fact into. */
export const NEIGHBOUR_YEARS = [2016, 2018] as const;

/**
 * The scheme for the other years: a fact moved there is scored, and in that year's views only. 2016
 * has the same scheme; 2018 the same with `in2018` changed, so that an item adopted in both years
 * is read across a change of rules (adoptions that read each other in one year and not the other).
 */
const neighbourSchemes = (schemeId: string, scheme: SchemeDefinition, in2018: Partial<SchemeDefinition>): LedgerFact[] =>
  NEIGHBOUR_YEARS.map((year) => factOf('SchemePublished', { schemeId: schemeId.replace('2017', String(year)), version: 1, validDate: `${year}-01-01`, scheme: { ...scheme, ...(year === 2018 ? in2018 : {}), year } }));

/** Deterministic ids, so the same steps give the same facts (and the determinism property means something). */
export const factId = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const withIds = (facts: readonly LedgerFact[]): LedgerFact[] => facts.map((fact, i) => ({ ...fact, id: factId(i + 1) }));

const commission = (commissionId: string, unitId: string, level: string, agreedPoints: number) =>
  factOf('CommissionRequested', { commissionId, unitId, level, subject: '约稿', agreedPoints, dueDate: '2017-01-31', validDate: '2017-01-02' });

/** The Yuxi-like scheme of builders.ts: two counties, two departments, 市金融办 scored only as 其他单位. */
export function yuxiWorld(): World {
  const S = 'yuxi-2017';
  const register = (unitId: string, name: string, aliases: string[] = []) => factOf('UnitRegistered', { unitId, name, aliases, validDate: '2017-01-01' });
  const enrol = (unitId: string, group: string, tier: string) => factOf('UnitEnrolled', { schemeId: S, unitId, group, tier, validDate: '2017-01-01' });
  const scheme = yuxiLikeScheme();
  return {
    label: 'Yuxi-like',
    scheme,
    schemeId: S,
    base: withIds([
      factOf('SchemePublished', { schemeId: S, version: 1, validDate: '2017-01-01', scheme }),
      register('xinping', '新平县'),
      register('hongta', '红塔区'),
      register('hbj', '市环境保护局', ['市环保局']),
      register('tjj', '市统计局'),
      register('jrb', '市金融办'),
      enrol('xinping', 'county', 'county-700'),
      enrol('hongta', 'county', 'county-500'),
      enrol('市环保局', 'city_department', 'dept-400'),
      enrol('tjj', 'city_department', 'dept-400'),
      commission('YS-1', 'xinping', 'city', 25),
      commission('YS-2', 'hbj', 'province', 40),
      // 2018 counts only an item's highest adoption and multiplies provincial ones (of 2017's points too)
      ...neighbourSchemes(S, scheme, { adoptionCounting: 'highest', upperLevels: [{ level: 'province', name: '省级', mode: 'multiple', factor: 3, basePoints: 5 }, scheme.upperLevels[1]] }),
    ]),
  };
}

/** The county scheme of county-scheme.ts (quarterly, multiples, highest only, capped submissions, shared ranks). */
export function countyWorld(): World {
  return {
    label: 'county',
    scheme: countyScheme(),
    schemeId: 'county-2017',
    base: withIds([...countyLedger(), commission('XC-1', 'chengguan', 'county', 12), commission('XC-2', 'czj', 'county', 9), ...neighbourSchemes('county-2017', countyScheme(), { adoptionCounting: 'every', upperLevels: [{ level: 'prefecture', name: '市级', mode: 'fixed', points: 10 }, { level: 'province', name: '省级', mode: 'fixed', points: 20 }] })]),
  };
}

// ---- the steps fast-check generates ----

export interface Day {
  readonly month: number;
  readonly day: number;
}

/** Every number is an index taken modulo the choices available when the step is recorded. */
export type Step =
  | { readonly step: 'adopt'; readonly unit: number; readonly item: number; readonly level: number; readonly pub: number; readonly commission: number | null; readonly contributors: number[]; readonly date: Day }
  | { readonly step: 'instruct'; readonly unit: number; readonly item: number; readonly level: number; readonly date: Day }
  | { readonly step: 'submit'; readonly unit: number; readonly date: Day }
  | { readonly step: 'miss'; readonly unit: number; readonly commission: number; readonly date: Day }
  | { readonly step: 'fail'; readonly unit: number; readonly date: Day }
  | { readonly step: 'falseInfo'; readonly unit: number; readonly amount: number; readonly date: Day }
  | { readonly step: 'tier'; readonly unit: number; readonly tier: number; readonly date: Day }
  | { readonly step: 'direct'; readonly unit: number; readonly level: number; readonly withdraw: boolean; readonly date: Day }
  | { readonly step: 'leave'; readonly unit: number; readonly date: Day }
  | { readonly step: 'commission'; readonly unit: number; readonly level: number; readonly points: number; readonly date: Day }
  | { readonly step: 'alias'; readonly unit: number; readonly rename: boolean }
  | { readonly step: 'amend'; readonly bump: number; readonly date: Day }
  | { readonly step: 'void'; readonly target: number }
  /** `year`: where a replaced scored fact or commission lands (mostly 2017; placements stay in 2017). */
  | { readonly step: 'replace'; readonly target: number; readonly unit: number; readonly pub: number; readonly date: Day; readonly year: number };

const pick = fc.nat({ max: 999 });
// A small calendar makes same-day facts (and so the tie-breaks by position) common.
const day: fc.Arbitrary<Day> = fc.record({ month: fc.integer({ min: 1, max: 12 }), day: fc.constantFrom(1, 10, 20, 28) });

export const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ step: fc.constant('adopt' as const), unit: pick, item: fc.nat({ max: 5 }), level: fc.constantFrom(0, 0, 1, 2), pub: pick, commission: fc.option(pick, { freq: 5 }), contributors: fc.array(pick, { maxLength: 2 }), date: day }) },
  { weight: 3, arbitrary: fc.record({ step: fc.constant('instruct' as const), unit: pick, item: fc.nat({ max: 5 }), level: pick, date: day }) },
  { weight: 2, arbitrary: fc.record({ step: fc.constant('submit' as const), unit: pick, date: day }) },
  { weight: 2, arbitrary: fc.record({ step: fc.constant('miss' as const), unit: pick, commission: pick, date: day }) },
  { weight: 1, arbitrary: fc.record({ step: fc.constant('fail' as const), unit: pick, date: day }) },
  { weight: 1, arbitrary: fc.record({ step: fc.constant('falseInfo' as const), unit: pick, amount: pick, date: day }) },
  { weight: 1, arbitrary: fc.record({ step: fc.constant('tier' as const), unit: pick, tier: pick, date: day }) },
  { weight: 1, arbitrary: fc.record({ step: fc.constant('direct' as const), unit: pick, level: pick, withdraw: fc.boolean(), date: day }) },
  { weight: 1, arbitrary: fc.record({ step: fc.constant('leave' as const), unit: pick, date: day }) },
  { weight: 1, arbitrary: fc.record({ step: fc.constant('commission' as const), unit: pick, level: pick, points: pick, date: day }) },
  { weight: 1, arbitrary: fc.record({ step: fc.constant('alias' as const), unit: pick, rename: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ step: fc.constant('amend' as const), bump: fc.integer({ min: 1, max: 3 }), date: day }) },
  { weight: 4, arbitrary: fc.record({ step: fc.constant('void' as const), target: pick }) },
  { weight: 3, arbitrary: fc.record({ step: fc.constant('replace' as const), target: pick, unit: pick, pub: pick, date: day, year: fc.constantFrom(2017, 2017, 2017, ...NEIGHBOUR_YEARS) }) },
);

export const stepsArbitrary = fc.array(stepArbitrary, { minLength: 1, maxLength: 40, size: 'max' });

// ---- recording the steps as facts ----

type Data = Record<string, unknown>;
const SCORED: ReadonlySet<FactKind> = new Set<FactKind>(['InformationAdopted', 'LeaderInstructionRecorded', 'InformationSubmitted', 'CommissionMissed', 'ReportingFailureRecorded', 'FalseInformationRecorded']);
const REPLACEABLE: ReadonlySet<FactKind> = new Set<FactKind>([...SCORED, 'UnitTierChanged', 'DirectReportingPointDesignated', 'DirectReportingPointWithdrawn', 'UnitWithdrawn', 'CommissionRequested']);
const CORRECTABLE: ReadonlySet<FactKind> = new Set<FactKind>([...REPLACEABLE, 'FactCorrected']);

const dateOf = (d: Day, year = 2017) => `${year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
const at = <T>(list: readonly T[], i: number): T => list[i % list.length];
const latest = (a: string, b: string) => (a < b ? b : a);

/** What a ledger knows while steps are recorded: names, placements, liveness, current content. */
export class Recording {
  readonly facts: LedgerFact[];
  private readonly names: Array<{ unitId: string; name: string }> = [];
  private readonly enrolled: Array<{ unitId: string; group: string }> = [];
  private readonly commissions: string[] = [];
  private readonly voids = new Map<string, string[]>();
  private readonly replacements = new Map<string, Array<{ id: string; data: Data }>>();
  private readonly generated: LedgerFact[] = [];
  private version = 1;
  private renames = 0;

  constructor(readonly world: World) {
    this.facts = [...world.base];
    for (const fact of world.base) {
      if (fact.type === 'UnitRegistered') for (const name of [fact.data.unitId, fact.data.name, ...fact.data.aliases]) this.names.push({ unitId: fact.data.unitId, name });
      // Only units with a tier (assessed groups) take tier changes and designations.
      if (fact.type === 'UnitEnrolled' && fact.data.tier !== null) this.enrolled.push({ unitId: this.unitIdOf(fact.data.unitId), group: fact.data.group });
      if (fact.type === 'CommissionRequested') this.commissions.push(fact.data.commissionId);
    }
  }

  static of(world: World, steps: readonly Step[]): Recording {
    const recording = new Recording(world);
    for (const step of steps) recording.record(step);
    return recording;
  }

  /** Live unless a live void names it (voiding a void revives its target). */
  isLive(id: string): boolean {
    return !(this.voids.get(id) ?? []).some((voidId) => this.isLive(voidId));
  }

  /** The content in force: the latest live replacement's, else the fact's own. */
  contentOf(fact: LedgerFact): Data {
    const live = (this.replacements.get(fact.id) ?? []).filter((r) => this.isLive(r.id));
    return live.at(-1)?.data ?? (fact.data as Data);
  }

  /** Live scored facts of the generated part, with their current content. */
  liveScored(): Array<{ fact: LedgerFact; data: Data }> {
    return this.generated.filter((f) => SCORED.has(f.type) && this.isLive(f.id)).map((fact) => ({ fact, data: this.contentOf(fact) }));
  }

  record(step: Step): void {
    const { scheme, schemeId } = this.world;
    const unit = (i: number) => at(this.names, i).name;
    switch (step.step) {
      case 'adopt': {
        const level = scheme.levels[step.level % scheme.levels.length];
        const lead = unit(step.unit);
        const own = level === scheme.levels[0];
        const [publication, category] = own ? at(this.publicationChoices(), step.pub) : [null, null];
        const contributors = this.contributorsFor(lead, step.contributors.map(unit));
        const validDate = dateOf(step.date);
        // A commission answered is one asked of the lead, on or before the day (the ledger checks both).
        const asked = this.liveCommissions().filter((c) => c.unitId === this.unitIdOf(lead) && c.validDate <= validDate);
        const commissionId = step.commission === null || asked.length === 0 ? null : at(asked, step.commission).commissionId;
        this.add(factOf('InformationAdopted', { itemId: `item-${step.item}`, unitId: lead, level, publication, category, commissionId, contributors, validDate }));
        return;
      }
      case 'instruct':
        this.add(factOf('LeaderInstructionRecorded', { itemId: `item-${step.item}`, unitId: unit(step.unit), level: at(scheme.instructions, step.level).level, leader: '领导', validDate: dateOf(step.date) }));
        return;
      case 'submit':
        this.add(factOf('InformationSubmitted', { itemId: `piece-${this.facts.length}`, unitId: unit(step.unit), title: '报送', validDate: dateOf(step.date) }));
        return;
      case 'miss': {
        // Missed by the unit it was asked of, on or after the day it was asked.
        const commissions = this.liveCommissions();
        if (commissions.length === 0) return;
        const { commissionId, unitId, validDate } = at(commissions, step.commission);
        this.add(factOf('CommissionMissed', { commissionId, unitId, validDate: latest(dateOf(step.date), validDate), reason: '未按时报送' }));
        return;
      }
      case 'fail':
        this.add(factOf('ReportingFailureRecorded', { unitId: unit(step.unit), failure: 'late', description: '迟报', validDate: dateOf(step.date) }));
        return;
      case 'falseInfo':
        this.add(factOf('FalseInformationRecorded', { unitId: unit(step.unit), itemId: null, points: this.falseInformationPoints(step.amount), description: '失实', validDate: dateOf(step.date) }));
        return;
      case 'tier': {
        const { unitId, group } = at(this.enrolled, step.unit);
        this.add(factOf('UnitTierChanged', { schemeId, unitId, tier: this.tierOf(group, step.tier), validDate: dateOf(step.date), reason: '调整' }));
        return;
      }
      case 'direct': {
        const { unitId } = at(this.enrolled, step.unit);
        const level = at(scheme.levels.slice(1), step.level);
        const data = { schemeId, unitId, level, validDate: dateOf(step.date), reason: '直报点' };
        this.add(step.withdraw ? factOf('DirectReportingPointWithdrawn', data) : factOf('DirectReportingPointDesignated', data));
        return;
      }
      case 'leave': {
        // 退出考核: the unit leaves the scheme from that day (as 市金融办 did in 2017).
        const { unitId } = at(this.enrolled, step.unit);
        this.add(factOf('UnitWithdrawn', { schemeId, unitId, validDate: dateOf(step.date), reason: '退出考核' }));
        return;
      }
      case 'commission': {
        // A new commission (约稿): later adoptions and missed commissions may name it; correcting it changes their points.
        const commissionId = `YC-${this.facts.length + 1}`;
        const validDate = dateOf(step.date);
        this.add(factOf('CommissionRequested', { commissionId, unitId: unit(step.unit), level: at(scheme.levels, step.level), subject: '约稿', agreedPoints: 5 + (step.points % 30), dueDate: validDate, validDate }));
        this.commissions.push(commissionId);
        return;
      }
      case 'alias': {
        const { unitId, name: known } = at(this.names, step.unit);
        const name = `${unitId}${step.rename ? '新名' : '别名'}${++this.renames}`;
        this.add(step.rename ? factOf('UnitRenamed', { unitId: known, name, validDate: '2017-06-01' }) : factOf('UnitAliasAdded', { unitId: known, alias: name, validDate: '2017-06-01' }));
        this.names.push({ unitId, name }); // usable by the facts after this one
        return;
      }
      case 'amend': {
        if (this.version >= 3) return;
        this.version += 1;
        this.add(factOf('SchemeAmended', { schemeId, version: this.version, validDate: dateOf(step.date), reason: '调整分值', scheme: amended(scheme, step.bump * (this.version - 1)) }));
        return;
      }
      case 'void': {
        const targets = this.generated.filter((f) => CORRECTABLE.has(f.type) && this.isLive(f.id));
        if (targets.length === 0) return;
        const target = at(targets, step.target);
        this.add(factOf('FactCorrected', { correctedFactId: target.id, correction: 'void', replacement: null, reason: '录入错误', validDate: '2017-12-31' }));
        return;
      }
      case 'replace': {
        // A missed commission is replaced only while its commission stands (its new content is checked against it).
        const targets = this.generated.filter((f) => REPLACEABLE.has(f.type) && this.isLive(f.id) && (f.type !== 'CommissionMissed' || this.commissionRequest(f.data.commissionId) !== null));
        if (targets.length === 0) return;
        const target = at(targets, step.target);
        const replacement = this.replaced(target, step);
        this.add(factOf('FactCorrected', { correctedFactId: target.id, correction: 'replace', replacement, reason: '内容录错', validDate: '2017-12-31' }));
        return;
      }
    }
  }

  private add(fact: LedgerFact): void {
    const recorded = { ...fact, id: factId(this.facts.length + 1) } as LedgerFact;
    this.facts.push(recorded);
    this.generated.push(recorded);
    if (recorded.type !== 'FactCorrected') return;
    const { correctedFactId, correction, replacement } = recorded.data;
    if (correction === 'void') this.voids.set(correctedFactId, [...(this.voids.get(correctedFactId) ?? []), recorded.id]);
    else this.replacements.set(correctedFactId, [...(this.replacements.get(correctedFactId) ?? []), { id: recorded.id, data: replacement! }]);
  }

  /**
   * The complete new content of a replacement: another unit, date and (own level) publication/category.
   * A scored fact or a commission may move to 2016 or 2018; placements stay in 2017, the year of their scheme.
   */
  private replaced(target: LedgerFact, step: Extract<Step, { step: 'replace' }>): Data {
    const current = this.contentOf(target);
    const validDate = dateOf(step.date, SCORED.has(target.type) || target.type === 'CommissionRequested' ? step.year : 2017);
    const unitId = at(this.names, step.unit).name;
    switch (target.type) {
      case 'InformationAdopted': {
        const data = current as FactOf<'InformationAdopted'>['data'];
        const own = data.level === this.world.scheme.levels[0];
        const [publication, category] = own ? at(this.publicationChoices(), step.pub) : [data.publication, data.category];
        // It keeps its commission only where that still holds: the unit it was asked of, on or after the day.
        const request = data.commissionId === null ? null : this.commissionRequest(data.commissionId);
        const commissionId = request !== null && request.unitId === this.unitIdOf(unitId) && request.validDate <= validDate ? data.commissionId : null;
        return { ...data, unitId, validDate, publication, category, commissionId, contributors: this.contributorsFor(unitId, data.contributors) };
      }
      case 'CommissionMissed': {
        const request = this.commissionRequest((current as { commissionId: string }).commissionId)!; // live: see the targets
        return { ...current, unitId: request.unitId, validDate: latest(validDate, request.validDate) };
      }
      case 'UnitTierChanged': {
        const group = this.enrolled.find((e) => e.unitId === this.unitIdOf((current as { unitId: string }).unitId))!.group;
        return { ...current, validDate, tier: this.tierOf(group, step.pub) };
      }
      case 'DirectReportingPointDesignated':
      case 'DirectReportingPointWithdrawn':
      case 'UnitWithdrawn':
        return { ...current, validDate };
      case 'CommissionRequested':
        return { ...current, agreedPoints: 5 + (step.pub % 30), validDate, dueDate: validDate };
      default:
        return { ...current, unitId, validDate };
    }
  }

  /** (publication name or alias, category) pairs of the office's own level. */
  private publicationChoices(): Array<[string, string]> {
    return this.world.scheme.publications.flatMap((p) => [p.key, p.name, ...p.aliases].flatMap((name) => p.categories.map((c): [string, string] => [name, c.key])));
  }

  /** Contributors other than the lead, each unit once (the ledger rejects anything else). */
  private contributorsFor(lead: string, names: readonly string[]): string[] {
    const seen = new Set([this.unitIdOf(lead)]);
    return names.filter((name) => {
      const unitId = this.unitIdOf(name);
      if (seen.has(unitId)) return false;
      seen.add(unitId);
      return true;
    });
  }

  private falseInformationPoints(i: number): number {
    const rate = this.world.scheme.deductions.falseInformation;
    return rate.mode === 'fixed' ? rate.points : rate.minPoints + (i % (rate.maxPoints - rate.minPoints + 1));
  }

  private tierOf(group: string, i: number): string {
    return at(
      this.world.scheme.tiers.filter((t) => t.group === group),
      i,
    ).key;
  }

  /** A commission's request as it stands (its latest live replacement), or null once voided. */
  private commissionRequest(commissionId: string): { commissionId: string; unitId: string; validDate: string } | null {
    const fact = this.facts.find((f) => f.type === 'CommissionRequested' && f.data.commissionId === commissionId);
    if (!fact || !this.isLive(fact.id)) return null;
    const data = this.contentOf(fact) as { unitId: string; validDate: string };
    return { commissionId, unitId: this.unitIdOf(data.unitId), validDate: data.validDate };
  }

  private liveCommissions(): Array<{ commissionId: string; unitId: string; validDate: string }> {
    return this.commissions.map((id) => this.commissionRequest(id)).filter((c) => c !== null);
  }

  private unitIdOf(name: string): string {
    return this.names.find((n) => n.name === name)!.unitId;
  }
}

/** A complete later version: the same structure with every point value raised by `bump`. */
function amended(scheme: SchemeDefinition, bump: number): SchemeDefinition {
  return {
    ...scheme,
    publications: scheme.publications.map((p) => ({ ...p, categories: p.categories.map((c) => ({ ...c, points: c.points + bump })) })),
    upperLevels: scheme.upperLevels.map((r) => (r.mode === 'fixed' ? { ...r, points: r.points + bump } : { ...r, factor: r.factor + (bump % 2), basePoints: r.basePoints + bump })),
    instructions: scheme.instructions.map((i) => ({ ...i, points: i.points + bump })),
    submission: scheme.submission && { ...scheme.submission, pointsPerPiece: scheme.submission.pointsPerPiece + bump },
  };
}

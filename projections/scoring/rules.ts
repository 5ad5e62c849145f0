import type { InformationAdopted, SchemeDefinition } from '../../events';
import { effectiveFact, isLiveAsOf, officialName, schemeIdForYear, schemeVersionOn, unitIdOf } from './as-of';
import { lineOf, type Base, type RuleContext, type ScoreLine } from './lines';
import type { ScoredFact } from './scored-facts';
import type { SchemeVersionEntry } from './model';

/**
 * The scoring rules, read from the scheme (data): SPEC.md sections 3 and 4. Nothing here knows a
 * point value; every number comes from the scheme version in force on the fact's valid date.
 */
/**
 * The scheme version in force on a date, as of the context's position (cached in the context): of
 * the context's scheme in its year, of the scheme of the date's own year otherwise (an item's
 * adoption in December is read under its own year's rates by a January adoption of the item).
 */
export function versionOn(context: RuleContext, date: string): SchemeVersionEntry | null {
  let version = context.versions.get(date);
  if (version === undefined) {
    const year = Number(date.slice(0, 4));
    const own = context.acrossYears === false || context.model.schemes.get(context.schemeId)?.[0]?.scheme.year === year;
    const schemeId = own ? context.schemeId : schemeIdForYear(context.model, year, context.p);
    context.versions.set(date, (version = schemeId === null ? null : schemeVersionOn(context.model, schemeId, date, context.p)));
  }
  return version;
}

type Adoption = ScoredFact & { fact: InformationAdopted };

interface RawPoints {
  readonly points: number;
  readonly rule: string;
}

/** Agreed points of a commission (约稿) as of p, or null when there is no live request. */
function agreedPoints(context: RuleContext, commissionId: string): number | null {
  const requests = (context.model.commissions.get(commissionId) ?? []).filter((e) => e.position <= context.p && isLiveAsOf(context.model, e.fact.id, context.p));
  const latest = requests.at(-1);
  if (!latest) return null;
  const fact = effectiveFact(context.model, latest, context.p);
  return fact.type === 'CommissionRequested' ? fact.data.agreedPoints : null;
}

type Publication = SchemeDefinition['publications'][number];
type CityRate = { readonly points: number; readonly rule: string };

/** Per scheme version: (publication by key, name or alias, category key) -> points and rule text, the first publication that has the name winning. */
const cityRates = new WeakMap<SchemeDefinition, Map<string, CityRate>>();

function cityRateOf(scheme: SchemeDefinition, publicationName: string, categoryKey: string | null): CityRate | undefined {
  let rates = cityRates.get(scheme);
  if (!rates) {
    rates = new Map();
    const publications = new Map<string, Publication>();
    for (const publication of scheme.publications) for (const name of [publication.key, publication.name, ...publication.aliases]) if (!publications.has(name)) publications.set(name, publication);
    for (const [name, publication] of publications) {
      for (const category of publication.categories) {
        const key = `${name}\u0000${category.key}`;
        if (!rates.has(key)) rates.set(key, { points: category.points, rule: `${publication.name}${category.name}：${category.points}` });
      }
    }
    cityRates.set(scheme, rates);
  }
  return rates.get(`${publicationName}\u0000${categoryKey}`);
}

/**
 * Points of one adoption before the "highest only" limit, under `scheme`, a version of the scheme
 * `schemeId` (another year's, for an adoption of the item read from another year: its designations
 * are that scheme's too).
 */
function rawPoints(adoption: Adoption, scheme: SchemeDefinition, context: RuleContext, schemeId = context.schemeId): RawPoints {
  const { data } = adoption.fact;
  if (data.commissionId !== null) {
    const agreed = agreedPoints(context, data.commissionId);
    if (agreed !== null) return { points: agreed, rule: `约稿 ${data.commissionId}：按约定 ${agreed}` };
  }
  if (data.level === scheme.levels[0]) {
    return cityRateOf(scheme, data.publication ?? '', data.category) ?? { points: 0, rule: `现行方案无 ${data.publication}/${data.category} 的分值` };
  }
  const rate = scheme.upperLevels.find((r) => r.level === data.level);
  if (!rate) return { points: 0, rule: `现行方案不计 ${data.level} 级的采用` };
  if (rate.mode === 'fixed') {
    const timeline = schemeId === context.schemeId ? context.timeline : context.timelineOf(schemeId);
    const direct = rate.directReportingPointPoints !== undefined && timeline.isDirectReportingPoint(adoption.unitId!, data.level, data.validDate);
    const points = direct ? rate.directReportingPointPoints! : rate.points;
    return { points, rule: `${rate.name ?? data.level}采用${direct ? '（直报点）' : ''}：${points}` };
  }
  const own = ownLevelPoints(adoption, scheme, context);
  const points = rate.factor * (own ?? rate.basePoints);
  return { points, rule: `${rate.name ?? data.level}采用：${own === null ? `基数 ${rate.basePoints}` : `本条信息得分 ${own}`} × ${rate.factor} = ${points}` };
}

/** The highest live own-level adoption of the item valid on or before this one (agreed points included). */
function ownLevelPoints(adoption: Adoption, scheme: SchemeDefinition, context: RuleContext): number | null {
  let best: number | null = null;
  for (const other of context.groups.adoptions(adoption.fact.data.itemId)) {
    const data = (other as Adoption).fact.data;
    if (data.level !== scheme.levels[0] || data.validDate > adoption.fact.data.validDate) continue;
    const version = versionOn(context, data.validDate);
    if (!version) continue;
    const { points } = rawPoints(other as Adoption, version.scheme, context, version.schemeId);
    best = best === null ? points : Math.max(best, points);
  }
  return best;
}

export function adoptionRule(adoption: Adoption, base: Base, scheme: SchemeDefinition, context: RuleContext): ScoreLine[] {
  const { data } = adoption.fact;
  const column = data.level === scheme.levels[0] ? 'city' : 'upper';
  const raw = rawPoints(adoption, scheme, context);
  let line: ScoreLine = lineOf(base, column, true, raw.points, raw.rule);
  if (scheme.adoptionCounting === 'highest') line = limitToHighest(adoption, line, scheme, context);
  const lines = [line];
  if (data.contributors.length === 0) return lines; // the common case: no name to print
  const lead = context.model.units.get(adoption.unitId ?? '');
  const leadName = lead ? officialName(context.model, lead, context.p) : adoption.unitId; // the printed name, as the table prints it
  for (const name of data.contributors) {
    const points = scheme.combinedAdoption.contributorPoints;
    lines.push(lineOf(base, 'bonus', false, points, `综合采用参与单位（牵头单位 ${leadName}）：${points}`, unitIdOf(context.model, name) ?? name));
  }
  return lines;
}

/**
 * "Only the highest adoption": an item never scores more than its highest adoption; a higher one
 * after a lower one pays the difference in its own period; the item counts once per level.
 */
function limitToHighest(adoption: Adoption, line: ScoreLine, scheme: SchemeDefinition, context: RuleContext): ScoreLine {
  let paidSoFar = 0;
  const levelsSeen = new Set<string>();
  for (const other of context.groups.adoptions(adoption.fact.data.itemId)) {
    const otherData = (other as Adoption).fact.data;
    const version = versionOn(context, otherData.validDate);
    const points = version ? rawPoints(other as Adoption, version.scheme, context, version.schemeId).points : 0;
    if (other.entry.fact.id === adoption.entry.fact.id) {
      const paid = Math.max(0, points - paidSoFar);
      const counted = !levelsSeen.has(otherData.level);
      const note = paid === points ? '' : `（只计最高一次：已计 ${paidSoFar}，本次计 ${paid}）`;
      return lineOf(line, line.column, counted, paid, `${line.rule}${note}${counted ? '' : '；该条信息已在本级计数'}`);
    }
    paidSoFar = Math.max(paidSoFar, points);
    levelsSeen.add(otherData.level);
  }
  return line;
}

/** Instructions (批示): the key is (item, level); the earliest live one earns, the others show 0. */
export function instructionRule(scored: ScoredFact, base: Base, scheme: SchemeDefinition, context: RuleContext): ScoreLine {
  if (scored.fact.type !== 'LeaderInstructionRecorded') throw new TypeError('not an instruction');
  const { itemId, level } = scored.fact.data;
  const rate = scheme.instructions.find((i) => i.level === level);
  const earner = context.groups.instructions(itemId, level)[0];
  if (!rate) return lineOf(base, 'bonus', false, 0, `现行方案无 ${level} 批示的分值`);
  if (earner && earner.entry.fact.id !== scored.entry.fact.id) {
    return lineOf(base, 'bonus', false, 0, `${rate.name}批示：信息 ${itemId} 在本级已由 ${earner.entry.fact.id} 计分（每级只计一次）`);
  }
  return lineOf(base, 'bonus', false, rate.points, `${rate.name}批示：${rate.points}`);
}

type SubmissionRate = NonNullable<SchemeDefinition['submission']>;
const submissionRules = new WeakMap<SubmissionRate, [full: string, capped: string]>();

function submissionRule(rate: SubmissionRate, capped: boolean): string {
  let rules = submissionRules.get(rate);
  if (!rules) {
    const rule = `报送：每篇 ${rate.pointsPerPiece}`;
    submissionRules.set(rate, (rules = [rule, `${rule}（全年上限 ${rate.yearlyCap} 已满）`]));
  }
  return rules[capped ? 1 : 0];
}

/** What the yearly cap reads of a live submission: its position, unit and valid date. */
export interface Piece {
  readonly position: number;
  readonly unitId: string;
  readonly validDate: string;
}

/** The live submissions among scored facts, as pieces (the cap's input). */
export function piecesIn(facts: readonly ScoredFact[], year: number): Piece[] {
  const pieces: Piece[] = [];
  for (const f of facts) {
    if (!f.live || f.fact.type !== 'InformationSubmitted' || f.unitId === null || !f.fact.data.validDate.startsWith(`${year}-`)) continue;
    pieces.push({ position: f.entry.position, unitId: f.unitId, validDate: f.fact.data.validDate });
  }
  return pieces;
}

/** A piece's pay-out: its points and rule, and its valid date (the cap is handed out in that order). */
export interface PaidPiece {
  readonly points: number;
  readonly rule: string;
  readonly validDate: string;
}

const before = (a: Piece, b: { position: number; validDate: string }) => (a.validDate < b.validDate ? -1 : a.validDate > b.validDate ? 1 : a.position - b.position);

/** Submission points per piece (by position, in valid-date order), capped per unit and year, handed out in valid-date order. */
export function submissionPoints(pieces: readonly Piece[], context: RuleContext): Map<number, PaidPiece> {
  const out = new Map<number, PaidPiece>();
  const paid = new Map<string, number>();
  for (const piece of [...pieces].sort(before)) {
    const sofar = paid.get(piece.unitId) ?? 0;
    const points = payPiece(out, piece.position, piece.validDate, sofar, context);
    if (points !== null) paid.set(piece.unitId, sofar + points);
  }
  return out;
}

/**
 * One unit-year's pay-out with one more piece, from its pay-out without it (`submissionPoints`,
 * in valid-date order): the pieces before the new one keep their points, and the cap is handed out
 * again from the new one on. The same as paying every piece out afresh, without sorting them.
 */
export function withPiece(paid: ReadonlyMap<number, PaidPiece>, piece: Piece, context: RuleContext): Map<number, PaidPiece> {
  const out = new Map<number, PaidPiece>();
  let sofar = 0;
  let placed = false;
  for (const [position, earlier] of paid) {
    if (!placed && before(piece, { position, validDate: earlier.validDate }) < 0) {
      sofar += payPiece(out, piece.position, piece.validDate, sofar, context) ?? 0;
      placed = true;
    }
    if (placed) sofar += payPiece(out, position, earlier.validDate, sofar, context) ?? 0;
    else {
      out.set(position, earlier);
      sofar += earlier.points;
    }
  }
  if (!placed) payPiece(out, piece.position, piece.validDate, sofar, context);
  return out;
}

/** Pays one piece what the cap leaves of its rate (none when no rate is in force on its date): its points, or null. */
function payPiece(out: Map<number, PaidPiece>, position: number, validDate: string, sofar: number, context: RuleContext): number | null {
  const rate = versionOn(context, validDate)?.scheme.submission;
  if (!rate) return null;
  const points = Math.max(0, Math.min(rate.pointsPerPiece, rate.yearlyCap - sofar));
  out.set(position, { points, rule: submissionRule(rate, points < rate.pointsPerPiece), validDate });
  return points;
}

import type { InformationAdopted, SchemeDefinition } from '../../events';
import { effectiveFact, isLiveAsOf, unitIdOf, schemeVersionOn } from './as-of';
import type { RuleContext, ScoredFact, ScoreLine } from './lines';

/**
 * The scoring rules, read from the scheme (data): SPEC.md sections 3 and 4. Nothing here knows a
 * point value; every number comes from the scheme version in force on the fact's valid date.
 */
type Base = Omit<ScoreLine, 'column' | 'counted' | 'points' | 'rule'>;
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

function publicationOf(scheme: SchemeDefinition, name: string) {
  return scheme.publications.find((p) => p.key === name || p.name === name || p.aliases.includes(name)) ?? null;
}

/** Points of one adoption before the "highest only" limit. */
function rawPoints(adoption: Adoption, scheme: SchemeDefinition, context: RuleContext): RawPoints {
  const { data } = adoption.fact;
  if (data.commissionId !== null) {
    const agreed = agreedPoints(context, data.commissionId);
    if (agreed !== null) return { points: agreed, rule: `约稿 ${data.commissionId}: agreed ${agreed}` };
  }
  if (data.level === scheme.levels[0]) {
    const publication = publicationOf(scheme, data.publication ?? '');
    const category = publication?.categories.find((c) => c.key === data.category);
    if (!publication || !category) return { points: 0, rule: `no rate for ${data.publication}/${data.category} in the scheme in force` };
    return { points: category.points, rule: `${publication.name} ${category.name}: ${category.points}` };
  }
  const rate = scheme.upperLevels.find((r) => r.level === data.level);
  if (!rate) return { points: 0, rule: `the scheme in force does not score adoptions at ${data.level}` };
  if (rate.mode === 'fixed') {
    const direct = rate.directReportingPointPoints !== undefined && context.timeline.isDirectReportingPoint(adoption.unitId!, data.level, data.validDate);
    const points = direct ? rate.directReportingPointPoints! : rate.points;
    return { points, rule: `${data.level} adoption${direct ? ' (direct reporting point 直报点)' : ''}: ${points}` };
  }
  const own = ownLevelPoints(adoption, scheme, context);
  const points = rate.factor * (own ?? rate.basePoints);
  return { points, rule: `${data.level} adoption: ${rate.factor} x ${own === null ? `base ${rate.basePoints}` : `the item's own points ${own}`} = ${points}` };
}

/** The highest live own-level adoption of the item valid on or before this one (agreed points included). */
function ownLevelPoints(adoption: Adoption, scheme: SchemeDefinition, context: RuleContext): number | null {
  let best: number | null = null;
  for (const other of context.groups.adoptions(adoption.fact.data.itemId)) {
    const data = (other as Adoption).fact.data;
    if (data.level !== scheme.levels[0] || data.validDate > adoption.fact.data.validDate) continue;
    const version = schemeVersionOn(context.model, context.schemeId, data.validDate, context.p);
    if (!version) continue;
    const { points } = rawPoints(other as Adoption, version.scheme, context);
    best = best === null ? points : Math.max(best, points);
  }
  return best;
}

export function adoptionRule(adoption: Adoption, base: Base, scheme: SchemeDefinition, context: RuleContext): ScoreLine[] {
  const { data } = adoption.fact;
  const column = data.level === scheme.levels[0] ? 'city' : 'upper';
  const raw = rawPoints(adoption, scheme, context);
  let line: ScoreLine = { ...base, column, counted: true, points: raw.points, rule: raw.rule };
  if (scheme.adoptionCounting === 'highest') line = limitToHighest(adoption, line, scheme, context);
  const lines = [line];
  for (const name of data.contributors) {
    lines.push({
      ...base,
      unitId: unitIdOf(context.model, name) ?? name,
      column: 'bonus',
      counted: false,
      points: scheme.combinedAdoption.contributorPoints,
      rule: `综合采用 contributor (lead ${adoption.unitId}): ${scheme.combinedAdoption.contributorPoints}`,
    });
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
    const version = schemeVersionOn(context.model, context.schemeId, otherData.validDate, context.p);
    const points = version ? rawPoints(other as Adoption, version.scheme, context).points : 0;
    if (other.entry.fact.id === adoption.entry.fact.id) {
      const paid = Math.max(0, points - paidSoFar);
      const counted = !levelsSeen.has(otherData.level);
      const note = paid === points ? '' : ` (highest only: ${paidSoFar} already paid, pays ${paid})`;
      return { ...line, points: paid, counted, rule: `${line.rule}${note}${counted ? '' : '; item already counted at this level'}` };
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
  if (!rate) return { ...base, column: 'bonus', counted: false, points: 0, rule: `no instruction rate for ${level} in the scheme in force` };
  if (earner && earner.entry.fact.id !== scored.entry.fact.id) {
    return { ...base, column: 'bonus', counted: false, points: 0, rule: `${rate.name}批示: item ${itemId} already earned at this level by ${earner.entry.fact.id}` };
  }
  return { ...base, column: 'bonus', counted: false, points: rate.points, rule: `${rate.name}批示: ${rate.points}` };
}

/** Submission points per piece, capped per unit and year, handed out in valid-date order. */
export function submissionPoints(facts: readonly ScoredFact[], year: number, context: RuleContext): Map<string, { points: number; rule: string }> {
  const out = new Map<string, { points: number; rule: string }>();
  const paid = new Map<string, number>();
  const pieces = facts.filter((f) => f.live && f.fact.type === 'InformationSubmitted' && f.unitId !== null && (f.fact.data as { validDate: string }).validDate.startsWith(`${year}-`));
  pieces.sort((a, b) => {
    const da = (a.fact.data as { validDate: string }).validDate;
    const db = (b.fact.data as { validDate: string }).validDate;
    return da < db ? -1 : da > db ? 1 : a.entry.position - b.entry.position;
  });
  for (const piece of pieces) {
    const version = schemeVersionOn(context.model, context.schemeId, (piece.fact.data as { validDate: string }).validDate, context.p);
    const rate = version?.scheme.submission;
    if (!rate) continue;
    const sofar = paid.get(piece.unitId!) ?? 0;
    const points = Math.max(0, Math.min(rate.pointsPerPiece, rate.yearlyCap - sofar));
    paid.set(piece.unitId!, sofar + points);
    const capped = points < rate.pointsPerPiece ? ` (yearly cap ${rate.yearlyCap} reached)` : '';
    out.set(piece.entry.fact.id, { points, rule: `报送 submission: ${rate.pointsPerPiece} a piece${capped}` });
  }
  return out;
}

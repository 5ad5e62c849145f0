import { CIRCULAR_CONTENT_VERSION, type CircularKind, type DocumentNumber } from '../../events';
import { lastDay, partOfYear, wholeYear } from '../scoring/periods';
import { schemeIdForYear, schemeVersionOn } from '../scoring/as-of';
import { entryAt, type ScoringModel } from '../scoring/model';
import type { ScoreIndex } from '../scoring/score-index';
import { yearLines } from '../scoring/lines';
import { scoredFactOf, type ScoredFact } from '../scoring/scored-facts';
import { annualTable, monthlyView, type MonthlyView } from '../scoring/views';
import type { TableOptions, TableRow, TableView } from '../scoring/table';

/**
 * The canonical content of a circular (通报): everything it publishes, computed from the ledger
 * as of one position. Its RFC 8785 canonical JSON is what the digest covers; every rendering
 * (HTML, XLSX, CSV, Markdown) is made from it.
 */
export interface CircularRequest {
  readonly kind: CircularKind;
  /** '2017' for annual, failing and assessment; '2017-03' for monthly */
  readonly period: string;
  readonly document: DocumentNumber;
  readonly issueDate: string;
  /** the office's own paragraphs after what the ledger derives (content version 3 on) */
  readonly paragraphs?: readonly string[];
  /** the titles of the documents the office attaches (content version 4 on) */
  readonly attachments?: readonly string[];
  /** the disclosure note under the date, e.g. 此件公开发布 (content version 4 on) */
  readonly disclosure?: string;
}

export interface UnitTarget {
  unitId: string;
  unit: string;
  group: string;
  target: number;
  achieved: number;
}

/** A unit named in a circular's sentence, by its printed name. */
export interface NamedUnit {
  unitId: string;
  unit: string;
}

export interface CircularContent {
  kind: CircularKind;
  period: string;
  document: DocumentNumber;
  issueDate: string;
  asOf: { position: number };
  scheme: { id: string; version: number } | null;
  /** annual: 1-12月共收到报送信息 N 篇，各刊物采用 M 篇 */
  received?: number;
  adopted?: number;
  /** annual, failing, assessment: units of groups 一..三 below their target, in table order */
  belowTarget?: UnitTarget[];
  /** annual (version 2): units with a live 迟报、漏报、瞒报 or 信息失实 deduction in the year (重大失误), in table order */
  seriousErrors?: NamedUnit[];
  /** annual (version 2): units with a live missed-commission deduction in the year (未按规定时限报送约稿信息), in table order */
  lateCommissions?: NamedUnit[];
  /** annual: the January-December table */
  table?: TableView;
  /** monthly: the month's view and the units with zero adoptions */
  monthly?: MonthlyView;
  /** version 3: the office's own paragraphs, as the request gave them (absent when none) */
  paragraphs?: string[];
  /** version 4: the titles of the documents the office attaches, as the request gave them (absent when none) */
  attachments?: string[];
  /** version 4: the disclosure note under the date, as the request gave it (absent when none) */
  disclosure?: string;
  /** failing (version 3): the notice the year's targets were set by, as its scheme records it (the scheme in force on the year's last day) */
  basis?: { title: string; document: DocumentNumber | null };
  /** assessment: 年度综合考核 deduction for each unit below target */
  assessment?: Array<UnitTarget & { deduction: number }>;
}

export class CircularRequestError extends Error {
  readonly code = 'BAD_CIRCULAR_REQUEST';
  /**
   * The message names the CLI's flag (`--attachment: the 2. attachment …`); `field`, when set, is
   * the request body's field it came from (`attachments[1]`), for the API's error.
   */
  constructor(
    message: string,
    readonly field?: string,
    readonly reason?: string,
  ) {
    super(message);
  }
}

/** `version`: the content shape to derive (`CIRCULAR_CONTENT_VERSION` for a new circular; an issued one's own). */
export function circularContent(model: ScoringModel, request: CircularRequest, p: number, index?: ScoreIndex, version: number = CIRCULAR_CONTENT_VERSION): CircularContent {
  const content = derivedContent(model, request, p, index, version);
  const given = (part: string, since: number, value: readonly string[] | string | undefined) => {
    if (value === undefined || value.length === 0) return {};
    if (version < since) throw new CircularRequestError(`${part}: a circular of content version ${version} carries none (${since} on)`);
    return { [part]: typeof value === 'string' ? value : [...value] };
  };
  return { ...content, ...given('paragraphs', 3, request.paragraphs), ...given('attachments', 4, request.attachments), ...given('disclosure', 4, request.disclosure) };
}

function derivedContent(model: ScoringModel, request: CircularRequest, p: number, index: ScoreIndex | undefined, version: number): CircularContent {
  if (!Number.isInteger(version) || version < 1 || version > CIRCULAR_CONTENT_VERSION) throw new CircularRequestError(`contentVersion: ${version} is not a circular content version this product derives (1 to ${CIRCULAR_CONTENT_VERSION})`);
  const base = { kind: request.kind, period: request.period, document: request.document, issueDate: request.issueDate, asOf: { position: p } };
  // Content 5 on: each target period's target under the version in force on its own last day;
  // 6 on: none for a period the unit stood withdrawn at the end of; 7 on: an item's adoptions of
  // other years read under their own year's scheme (before: re-scored without, the index unread).
  const acrossYears = version >= 7;
  const targets: TableOptions = version >= 6 ? {} : version === 5 ? { withdrawnPeriods: 'tier-target' } : { targetVersions: 'table-end', withdrawnPeriods: 'tier-target' };
  const tables: TableOptions = acrossYears ? targets : { ...targets, acrossYears };
  const scores = acrossYears ? index : undefined;
  if (request.kind === 'monthly') {
    if (partOfYear(request.period) === null) throw new CircularRequestError(`--period: a monthly circular's period is a month (YYYY-MM), a quarter (YYYY-Q1) or merged months (YYYY-01/02), not ${request.period}`);
    const monthly = monthlyView(model, request.period, p, scores, tables);
    return { ...base, scheme: monthly.scheme, monthly };
  }
  if (!/^\d{4}$/.test(request.period)) throw new CircularRequestError(`--period: a ${request.kind} circular's period is a year (YYYY), not ${request.period}`);
  const year = Number(request.period);
  const table = annualTable(model, year, p, scores, tables);
  const belowTarget = unitsBelowTarget(table);
  if (request.kind === 'failing') {
    const scheme = version >= 3 ? schemeOfYear(model, year, p) : null;
    return scheme ? { ...base, scheme: table.scheme, basis: { title: scheme.title, document: scheme.document ?? null }, belowTarget } : { ...base, scheme: table.scheme, belowTarget };
  }
  if (request.kind === 'assessment') {
    const deduction = assessmentDeduction(model, year, p);
    return { ...base, scheme: table.scheme, assessment: belowTarget.map((u) => ({ ...u, deduction })) };
  }
  const { received, adopted } = headerCounts(model, year, p, scores, acrossYears);
  if (version === 1) return { ...base, scheme: table.scheme, received, adopted, belowTarget, table };
  const named = (kinds: ReadonlySet<string>) => unitsWithLiveFacts(model, table, year, p, kinds);
  return { ...base, scheme: table.scheme, received, adopted, belowTarget, seriousErrors: named(SERIOUS_ERRORS), lateCommissions: named(LATE_COMMISSIONS), table };
}

const SERIOUS_ERRORS: ReadonlySet<string> = new Set(['ReportingFailureRecorded', 'FalseInformationRecorded']);
const LATE_COMMISSIONS: ReadonlySet<string> = new Set(['CommissionMissed']);

/** The live scored facts of some kinds whose content, as of p, is in the year: few, read by kind without a pass over the year. */
function* liveFactsOf(model: ScoringModel, kinds: ReadonlySet<string>, year: number, p: number): IterableIterator<ScoredFact> {
  for (const position of model.facts.positionsOf(kinds)) {
    if (position > p) return; // in ledger order
    const scored = scoredFactOf(model, entryAt(model, position), p);
    if (liveIn(scored, `${year}-`)) yield scored;
  }
}

/** The table's units (in table order) with a live fact of one of these kinds in the year (what puts a live line on them). */
function unitsWithLiveFacts(model: ScoringModel, table: TableView, year: number, p: number, kinds: ReadonlySet<string>): NamedUnit[] {
  const units = new Set<string>();
  for (const scored of liveFactsOf(model, kinds, year, p)) if (scored.unitId !== null) units.add(scored.unitId);
  return table.groups.flatMap((group) => group.rows.filter((row) => units.has(row.unitId)).map((row) => ({ unitId: row.unitId, unit: row.unit })));
}

function unitsBelowTarget(table: TableView): UnitTarget[] {
  return table.groups.flatMap((group) =>
    group.rows.filter((row): row is TableRow & { target: number } => row.target !== null && row.total < row.target).map((row) => ({ unitId: row.unitId, unit: row.unit, group: group.key, target: row.target, achieved: row.total })),
  );
}

/** The year's scheme as in force on its last day, as of p. */
function schemeOfYear(model: ScoringModel, year: number, p: number) {
  const schemeId = schemeIdForYear(model, year, p);
  return (schemeId === null ? null : schemeVersionOn(model, schemeId, lastDay(wholeYear(year)), p))?.scheme ?? null;
}

function assessmentDeduction(model: ScoringModel, year: number, p: number): number {
  return schemeOfYear(model, year, p)?.assessmentDeduction ?? 0;
}

/**
 * The annual circular's header: pieces received (live submissions of the year, every unit) and
 * pieces adopted by the office's own publications (live own-level adoptions of the year, every
 * unit, whether or not it is in the table: the 市办采用 column of every unit's lines). With the score
 * index the adopted count is its sums; without, the year is re-scored (the reference).
 */
function headerCounts(model: ScoringModel, year: number, p: number, index: ScoreIndex | undefined, acrossYears: boolean): { received: number; adopted: number } {
  let adopted = 0;
  if (index) {
    for (const sums of index.sums(year, wholeYear(year), p).values()) adopted += sums.cityAdopted;
  } else {
    for (const line of yearLines(model, year, p, acrossYears).lines) if (line.live && line.kind === 'InformationAdopted' && line.column === 'city' && line.counted) adopted += 1;
  }
  let received = 0;
  const prefix = `${year}-`;
  for (const position of model.facts.positionsOf(SUBMISSIONS)) {
    if (position > p) break;
    // A submission no correction names is live with its own date, read without decoding it.
    if (!model.correctedPositions.has(position)) received += model.facts.validDateAt(position)?.startsWith(prefix) ? 1 : 0;
    else if (liveIn(scoredFactOf(model, entryAt(model, position), p), prefix)) received += 1;
  }
  return { received, adopted };
}

const SUBMISSIONS: ReadonlySet<string> = new Set(['InformationSubmitted']);
const liveIn = (scored: ScoredFact, prefix: string) => scored.live && (scored.fact.data as { validDate: string }).validDate.startsWith(prefix);

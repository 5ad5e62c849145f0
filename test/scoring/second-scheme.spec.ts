import type { LedgerFact, SchemeDefinition } from '../../events';
import { annualTable, circularContent, evolveScoringModel, explain, initialScoringModel, monthlyView, periodTable, ScoreIndex, type Explanation, type ScoringModel, type TableRow, type TableView } from '../../projections';
import { FactRejectedError } from '../../libs/ledger';
import { appendedHead } from '../support/accepted';
import { adoption, factOf } from '../support/builders';
import { COUNTY_SCHEME_ID, countyLedger, countyScheme, COUNTY_UNITS } from '../support/county-scheme';
import { modelOf, recordAll } from '../support/model';

/**
 * Rules are data: a county office's scheme (test/support/county-scheme.ts) scores quarterly, pays
 * upper-level adoptions as multiples, counts only an item's highest adoption, caps submission
 * points, shares tied ranks and zeroes a year with two missed commissions - and the engine that
 * scores Yuxi scores it with no code change. Every figure below is worked out by hand from SPEC.md
 * section 3 ("Readings for these variants") and the rates in countyScheme().
 */

// ---- given: facts in the county's terms ----
const county = (unitId: string, publication: string, category: string | null, validDate: string, itemId: string, commissionId: string | null = null) =>
  adoption(unitId, { itemId, level: 'county', publication, category, validDate, commissionId });
const upper = (unitId: string, level: 'prefecture' | 'province', itemId: string, validDate: string) => adoption(unitId, { itemId, level, publication: null, category: null, validDate });
const instruction = (unitId: string, itemId: string, level: string, validDate: string) => factOf('LeaderInstructionRecorded', { itemId, unitId, level, leader: `${level} leader`, validDate });
const submission = (unitId: string, validDate: string) => factOf('InformationSubmitted', { itemId: `${unitId}-${validDate}`, unitId, title: '报送信息', validDate });
const commission = (commissionId: string, unitId: string, validDate: string, agreedPoints = 6) =>
  factOf('CommissionRequested', { commissionId, unitId, level: 'county', subject: '约稿', agreedPoints, dueDate: validDate, validDate });
const missed = (commissionId: string, unitId: string, validDate: string) => factOf('CommissionMissed', { commissionId, unitId, validDate, reason: '未按时限报送' });
const voidOf = (id: string) => factOf('FactCorrected', { correctedFactId: id, correction: 'void', replacement: null, reason: '录入错误', validDate: '2017-12-20' });

// ---- then: views ----
const rowsOf = (table: TableView): TableRow[] => table.groups.flatMap((g) => g.rows);
const rowOf = (table: TableView, unitId: string): TableRow => rowsOf(table).find((r) => r.unitId === unitId)!;
const annual = (model: ScoringModel, p = model.position) => annualTable(model, 2017, p);
const month = (model: ScoringModel, m: number, p = model.position) => monthlyView(model, `2017-${String(m).padStart(2, '0')}`, p);
/** A quarterly circular's table: the same table, over months 3q-2 to 3q. */
const quarter = (model: ScoringModel, q: number, p = model.position) => periodTable(model, { year: 2017, fromMonth: 3 * q - 2, toMonth: 3 * q }, p);
const monthsSpan = (model: ScoringModel, fromMonth: number, toMonth: number) => periodTable(model, { year: 2017, fromMonth, toMonth }, model.position);
const points = (explanation: Explanation) => explanation.items.map((i) => [i.factId, i.points]);
const ranks = (table: TableView, group: string) => table.groups.find((g) => g.key === group)!.rows.map((r) => [r.unit, r.total, r.rank]);

// ---- the scenarios (each one a ledger the office could record: see the first test) ----

/** 城关镇's item cg-1: 《县政务信息》 then 《县情快报》 (recorded late), then the prefecture, then the province. */
const upgrades = (() => {
  const a1 = county('chengguan', 'X', 'item', '2017-02-10', 'cg-1');
  const a2 = county('chengguan', 'K', 'item', '2017-03-05', 'cg-1');
  const a3 = upper('chengguan', 'prefecture', 'cg-1', '2017-03-20');
  const a4 = upper('chengguan', 'province', 'cg-1', '2017-05-15');
  const facts = [...countyLedger(), a1, a3, a2, a4]; // a2 is recorded after a3
  return { a1, a2, a3, a4, facts, beforeLate: facts.indexOf(a3) + 1 };
})();

/** 北城镇's item bc-1 went to the prefecture before the county adopted it; 高仓镇's gc-1 was adopted high, then low. */
const highThenLow = (() => {
  const b1 = upper('beicheng', 'prefecture', 'bc-1', '2017-04-10');
  const b2 = county('beicheng', 'X', 'lead', '2017-04-20', 'bc-1');
  const b3 = upper('beicheng', 'province', 'bc-1', '2017-06-01');
  const g1 = county('gaocang', 'X', 'lead', '2017-01-20', 'gc-1');
  const g2 = county('gaocang', '《县情快报》', 'item', '2017-02-15', 'gc-1');
  return { b1, b2, b3, g1, g2, facts: [...countyLedger(), b1, b2, b3, g1, g2] };
})();

/** 研和镇: item yh-1 whose 头条 adoption is voided; item yh-2 commissioned at 12 agreed points. */
const ownPoints = (() => {
  const c1 = county('yanhe', 'X', 'lead', '2017-07-03', 'yh-1');
  const c2 = county('yanhe', 'X', 'brief', '2017-07-04', 'yh-1');
  const c3 = upper('yanhe', 'prefecture', 'yh-1', '2017-07-10');
  const request = commission('YH-约稿-1', 'yanhe', '2017-07-15', 12);
  const c4 = county('yanhe', 'X', null, '2017-08-01', 'yh-2', 'YH-约稿-1');
  const c5 = upper('yanhe', 'province', 'yh-2', '2017-08-20');
  const corrected = voidOf(c1.id);
  return { c1, c2, c3, c4, c5, facts: [...countyLedger(), c1, c2, c3, request, c4, c5, corrected] };
})();

/** 县财政局 submits four pieces, recorded March, January, February, April. */
const submissions = (() => {
  const [s3, s1, s2, s4] = [submission('czj', '2017-03-08'), submission('县财政', '2017-01-12'), submission('czj', '2017-02-03'), submission('czj', '2017-04-05')];
  const base = countyLedger();
  return { s1, s2, s3, s4, base: base.length, facts: [...base, s3, s1, s2, s4] };
})();

/** Totals 30, 20, 20, 10 among the townships, the two 20s made differently. */
const ties = (scheme?: SchemeDefinition) => [
  ...countyLedger(scheme),
  instruction('chengguan', 'cg-9', 'prefecture', '2017-02-01'), // 20
  instruction('chengguan', 'cg-9', 'county', '2017-02-02'), // 10
  instruction('城关', 'cg-9', 'county', '2017-02-09'), // 0: the item already earned the county level
  county('beicheng', 'X', 'lead', '2017-02-03', 'bc-9'), // 8
  instruction('beicheng', 'bc-9', 'county', '2017-02-04'), // 10
  submission('beicheng', '2017-02-05'), // 2
  county('yanhe', 'X', 'lead', '2017-02-06', 'yh-7'), // 8
  county('yanhe', 'X', 'lead', '2017-02-07', 'yh-8'), // 8
  county('yanhe', '《政务信息》', 'item', '2017-02-08', 'yh-9'), // 4
  upper('gaocang', 'prefecture', 'gc-9', '2017-02-09'), // 2 x base 5
  submission('qxj', '2017-02-10'), // 2, 其他单位
];

/** Two missed commissions: 北城镇 from a positive total, 研和镇 from a negative one; 高仓镇 missed only one. */
const zeroedYear = (() => {
  const bcMissedDecember = missed('BC-2', 'beicheng', '2017-12-10');
  const facts = [
    ...countyLedger(),
    county('beicheng', 'X', 'lead', '2017-01-10', 'bc-21'), // 8
    county('beicheng', 'X', 'lead', '2017-02-10', 'bc-22'), // 8
    county('beicheng', 'K', 'item', '2017-03-10', 'bc-23'), // 6
    commission('BC-1', 'beicheng', '2017-03-01'),
    missed('BC-1', 'beicheng', '2017-03-31'), // -5
    commission('BC-2', 'beicheng', '2017-11-20'),
    bcMissedDecember, // -5
    county('yanhe', 'X', 'brief', '2017-04-10', 'yh-21'), // 2
    commission('YH-21', 'yanhe', '2017-05-01'),
    commission('YH-22', 'yanhe', '2017-06-01'),
    missed('YH-21', 'yanhe', '2017-05-31'), // -5
    factOf('ReportingFailureRecorded', { unitId: 'yanhe', failure: 'late', description: '迟报', validDate: '2017-06-15' }), // -8
    missed('YH-22', 'yanhe', '2017-06-30'), // -5
    county('gaocang', 'X', 'lead', '2017-01-05', 'gc-21'), // 8
    commission('GC-21', 'gaocang', '2017-02-01'),
    missed('GC-21', 'gaocang', '2017-02-28'), // -5
  ];
  return { facts, bcMissedDecember };
})();

const SCENARIOS: Record<string, LedgerFact[]> = {
  upgrades: upgrades.facts,
  highThenLow: highThenLow.facts,
  ownPoints: ownPoints.facts,
  submissions: submissions.facts,
  ties: ties(),
  zeroedYear: zeroedYear.facts,
};

describe('a county scheme scored by the same engine: rules are data', () => {
  it.each(Object.keys(SCENARIOS))('the %s ledger is one the office could record: shape and ledger checks accept every fact', async (name) => {
    await expect(appendedHead(SCENARIOS[name])).resolves.toBe(SCENARIOS[name].length);
  });

  it('every view names the county scheme it was scored under', () => {
    const model = modelOf(upgrades.facts);
    expect(annual(model).scheme).toEqual({ id: COUNTY_SCHEME_ID, version: 1 });
    expect(explain(model, 'chengguan', 2017, null, model.position).items.every((i) => i.schemeVersion === 1)).toBe(true);
  });
});

describe('upper-level adoptions as multiples, and only the highest adoption', () => {
  it("pays an upper adoption a multiple of the item's highest own-level points on or before it, less what the item already scored", () => {
    const { a1, a2, a3, a4, facts } = upgrades;
    const model = modelOf(facts);
    expect(points(explain(model, 'chengguan', 2017, null, model.position))).toEqual([
      [a1.id, 4], // 《县政务信息》 信息: 4
      [a2.id, 2], // 《县情快报》 6; the item already scored 4: pays 6 - 4 = 2
      [a3.id, 6], // prefecture: 2 x max(4, 6) = 12; already 6: pays 12 - 6 = 6
      [a4.id, 6], // province: 3 x 6 = 18; already 12: pays 18 - 12 = 6
    ]);
    // cityAdopted 1: the item counts once at the county level though two publications adopted it;
    // cityPoints 4 + 2 = 6; provincialAdopted 2: prefecture and province each count, each paying
    // only a difference; bonus 6 + 6 = 12; total 18 = 3 x 6, the item's highest adoption.
    // target: 4 quarters x 60 = 240.
    expect(rowOf(annual(model), 'chengguan')).toMatchObject({ target: 240, cityAdopted: 1, cityPoints: 6, provincialAdopted: 2, bonus: 12, total: 18, rank: 1 });
  });

  it('pays each upgrade in its own period; earlier periods keep what they scored', () => {
    const model = modelOf(upgrades.facts);
    // Q1: county 4 (Feb) + 2 (Mar), prefecture 6 (Mar) = 12; Q2: province 6 (May).
    expect(rowOf(quarter(model, 1), 'chengguan')).toMatchObject({ target: 60, cityAdopted: 1, cityPoints: 6, provincialAdopted: 1, bonus: 6, total: 12 });
    expect(rowOf(quarter(model, 2), 'chengguan')).toMatchObject({ target: 60, cityAdopted: 0, cityPoints: 0, provincialAdopted: 1, bonus: 6, total: 6 });
    expect(rowOf(month(model, 2), 'chengguan')).toMatchObject({ target: null, cityAdopted: 1, cityPoints: 4, total: 4 });
    // The quarterly circular's view (what `ledger monthly --month 2017-Q1` asks): the quarter's table, its zero-adoption units.
    const q1 = monthlyView(model, '2017-Q1', model.position);
    expect({ ...q1, month: undefined, zeroAdoption: undefined }).toEqual({ ...quarter(model, 1), month: undefined, zeroAdoption: undefined });
    expect(q1.zeroAdoption.map((u) => u.unitId)).not.toContain('chengguan');
    expect(rowOf(monthlyView(model, '2017-02/03', model.position), 'chengguan')).toMatchObject({ target: null, cityAdopted: 1, cityPoints: 6, total: 12 });
    expect(() => monthlyView(model, '2017-03/02', model.position)).toThrow('is not a month, a quarter or merged months');
    // March: the 《县情快报》 upgrade (2, not counted again) and the prefecture's 6.
    expect(rowOf(month(model, 3), 'chengguan')).toMatchObject({ target: null, cityAdopted: 0, cityPoints: 2, provincialAdopted: 1, bonus: 6, total: 8 });
  });

  it('a lower own-level adoption recorded late changes the multiple for views asked afterwards, not before', () => {
    const { a3, facts, beforeLate } = upgrades;
    const model = modelOf(facts);
    const early = explain(model, 'chengguan', 2017, null, beforeLate);
    // Before the 《县情快报》 adoption was recorded: prefecture 2 x 4 = 8, pays 8 - 4 = 4.
    expect(early.items.find((i) => i.factId === a3.id)!.points).toBe(4);
    expect(rowOf(annual(model, beforeLate), 'chengguan')).toMatchObject({ cityAdopted: 1, cityPoints: 4, provincialAdopted: 1, bonus: 4, total: 8 });
  });

  it('takes the multiple of the base when the county adopted nothing on or before; a lower adoption after a higher one pays 0 but counts at its level', () => {
    const { b1, b2, b3, facts } = highThenLow;
    const model = modelOf(facts);
    expect(points(explain(model, 'beicheng', 2017, null, model.position))).toEqual([
      [b1.id, 10], // prefecture with no county adoption on or before 10 April: 2 x base 5 = 10
      [b2.id, 0], // 《县政务信息》 头条 8 < the 10 already paid: 0
      [b3.id, 14], // province: 3 x 8 (the county's 8 of 20 April is on or before 1 June) = 24; pays 24 - 10 = 14
    ]);
    // total 24 = 3 x 8, the item's highest; the 头条 counts in the county column though it paid 0.
    expect(rowOf(annual(model), 'beicheng')).toMatchObject({ cityAdopted: 1, cityPoints: 0, provincialAdopted: 2, bonus: 24, total: 24 });
    expect(rowOf(month(model, 4), 'beicheng')).toMatchObject({ cityAdopted: 1, cityPoints: 0, provincialAdopted: 1, bonus: 10, total: 10 });
  });

  it('an item adopted high then low at the same level scores and counts once', () => {
    const { g1, g2, facts } = highThenLow;
    const model = modelOf(facts);
    // 头条 8 in January; 《县情快报》 6 in February pays max(0, 6 - 8) = 0 and is not counted again.
    expect(points(explain(model, 'gaocang', 2017, null, model.position))).toEqual([
      [g1.id, 8],
      [g2.id, 0],
    ]);
    expect(rowOf(annual(model), 'gaocang')).toMatchObject({ target: 160, cityAdopted: 1, cityPoints: 8, total: 8 });
    expect(rowOf(month(model, 2), 'gaocang')).toMatchObject({ cityAdopted: 0, cityPoints: 0, total: 0 });
  });

  it("a voided own-level adoption no longer sets the multiple; a commission's agreed points do", () => {
    const { c1, c2, c3, c4, c5, facts } = ownPoints;
    const model = modelOf(facts);
    const beforeVoid = model.position - 1;
    expect(points(explain(model, 'yanhe', 2017, null, beforeVoid))).toEqual([
      [c1.id, 8], // 头条 8
      [c2.id, 0], // 简讯 2 < 8: 0, not counted again
      [c3.id, 8], // prefecture 2 x 8 = 16, pays 16 - 8 = 8
      [c4.id, 12], // commissioned: the agreed 12
      [c5.id, 24], // province 3 x 12 = 36, pays 36 - 12 = 24
    ]);
    // cityAdopted 2 (yh-1, yh-2), cityPoints 8 + 12 = 20, bonus 8 + 24 = 32, total 52
    expect(rowOf(annual(model, beforeVoid), 'yanhe')).toMatchObject({ target: 160, cityAdopted: 2, cityPoints: 20, provincialAdopted: 2, bonus: 32, total: 52 });
    expect(points(explain(model, 'yanhe', 2017, null, model.position))).toEqual([
      [c1.id, 0], // void
      [c2.id, 2], // now the item's first live county adoption: 2, counted
      [c3.id, 2], // prefecture 2 x 2 = 4, pays 4 - 2 = 2
      [c4.id, 12],
      [c5.id, 24],
    ]);
    // cityPoints 2 + 12 = 14, bonus 2 + 24 = 26, total 40; everything in Q3 (target 40)
    expect(rowOf(annual(model), 'yanhe')).toMatchObject({ cityAdopted: 2, cityPoints: 14, provincialAdopted: 2, bonus: 26, total: 40 });
    expect(rowOf(quarter(model, 3), 'yanhe')).toMatchObject({ target: 40, cityAdopted: 2, cityPoints: 14, provincialAdopted: 2, bonus: 26, total: 40 });
  });
});

describe('capped submission points', () => {
  it('hands the yearly cap out in valid-date order, so the piece that reaches it scores part of its points', () => {
    const { s1, s2, s3, s4, facts } = submissions;
    const model = modelOf(facts);
    const explanation = explain(model, '县财政局', 2017, null, model.position);
    // 2 a piece, cap 5: Jan 2 (2), Feb 2 (4), Mar 1 (5: reaches the cap), Apr 0 - though March was recorded first
    expect(explanation.items.map((i) => [i.factId, i.points, i.runningTotal])).toEqual([
      [s1.id, 2, 2],
      [s2.id, 2, 4],
      [s3.id, 1, 5],
      [s4.id, 0, 5],
    ]);
    expect(rowOf(annual(model), 'czj')).toMatchObject({ target: 120, cityAdopted: 0, cityPoints: 0, provincialAdopted: 0, bonus: 5, total: 5, rank: 1 });
    expect(rowOf(month(model, 3), 'czj')).toMatchObject({ bonus: 1, total: 1 });
    expect(rowOf(month(model, 4), 'czj')).toMatchObject({ bonus: 0, total: 0 });
    expect(month(model, 4).zeroAdoption.map((u) => u.unitId)).toContain('czj'); // a submission is no adoption
  });

  it('views as of earlier positions saw the pieces recorded by then', () => {
    const { base, facts } = submissions;
    const model = modelOf(facts);
    const bonusAsOf = (p: number) => rowOf(annual(model, p), 'czj').bonus;
    // March alone: 2; + January: 2 + 2 = 4; + February: 2 + 2 + 1 = 5 (March now reaches the cap)
    expect([bonusAsOf(base + 1), bonusAsOf(base + 2), bonusAsOf(base + 3), bonusAsOf(base + 4)]).toEqual([2, 4, 5, 5]);
    expect(rowOf(month(model, 3, base + 2), 'czj').bonus).toBe(2);
  });

  it('voiding a piece passes its share of the cap on to the next ones', () => {
    const { s1, s2, s3, s4, facts } = submissions;
    const model = modelOf([...facts, voidOf(s1.id)]);
    // Feb 2 (2), Mar 2 (4), Apr 1 (5)
    expect(points(explain(model, 'czj', 2017, null, model.position))).toEqual([
      [s1.id, 0],
      [s2.id, 2],
      [s3.id, 2],
      [s4.id, 1],
    ]);
  });
});

describe('shared ranks', () => {
  it('ranks 1, 2, 2, 4 on the total alone, tied rows in registry order', () => {
    const model = modelOf(ties());
    const table = annual(model);
    // 城关镇 20 + 10 (+0: the county level already earned) = 30; 北城镇 8 + 10 + 2 = 20 (市办得分 8);
    // 研和镇 8 + 8 + 4 = 20 (市办得分 20, yet listed after 北城镇: registry order); 高仓镇 2 x 5 = 10
    expect(ranks(table, 'township')).toEqual([
      ['城关镇', 30, 1],
      ['北城镇', 20, 2],
      ['研和镇', 20, 2],
      ['高仓镇', 10, 4],
    ]);
    expect(ranks(table, 'county_department')).toEqual([
      ['县财政局', 0, 1],
      ['县教育局', 0, 1],
    ]);
    expect(ranks(table, 'other')).toEqual([['县气象局', 2, null]]); // 其他单位: listed with its submission, no rank
    expect(rowOf(table, 'yanhe')).toMatchObject({ cityAdopted: 3, cityPoints: 20, bonus: 0 });
  });

  it('the same ledger under a criteria chain breaks the tie by 市办得分 instead: the tie rule is data too', () => {
    const model = modelOf(ties(countyScheme({ ties: { mode: 'criteria', criteria: ['total', 'cityPoints', 'cityAdopted', 'registryOrder'] } })));
    expect(ranks(annual(model), 'township')).toEqual([
      ['城关镇', 30, 1],
      ['研和镇', 20, 2],
      ['北城镇', 20, 3],
      ['高仓镇', 10, 4],
    ]);
  });

  it('monthly views rank the same way', () => {
    const model = modelOf(ties());
    expect(ranks(month(model, 2), 'township').map(([, , rank]) => rank)).toEqual([1, 2, 2, 4]);
  });
});

describe('quarterly targets', () => {
  it('a table spanning whole quarters targets the sum of their quarterly targets; one spanning part of a quarter has none', () => {
    const model = modelOf(ties());
    const targets = (table: TableView) => COUNTY_UNITS.map((unitId) => rowOf(table, unitId).target);
    // townships 60, 60, 40, 40 a quarter; departments 30; 其他单位 none
    expect(targets(annual(model))).toEqual([240, 240, 160, 160, 120, 120, null]); // 4 quarters
    expect(targets(quarter(model, 1))).toEqual([60, 60, 40, 40, 30, 30, null]);
    expect(targets(monthsSpan(model, 1, 6))).toEqual([120, 120, 80, 80, 60, 60, null]); // 2 quarters
    expect(targets(month(model, 2))).toEqual([null, null, null, null, null, null, null]); // a third of a quarter
    expect(targets(monthsSpan(model, 2, 4))).toEqual([null, null, null, null, null, null, null]); // parts of two quarters
  });
});

describe('tier changes and scheme corrections under the county scheme', () => {
  // SPEC.md section 3: "a table's target is the sum of the whole target periods it spans". With
  // 城关镇 moved from township-60 to township-40 from 1 July (a quarter boundary, so every reading
  // of "the tier in force in a quarter" agrees), the quarterly circulars print 60, 60, 40, 40, and
  // the year is their sum: 200 (not 4 x the year-end tier's 40).
  it("a year's target is the sum of its quarters' targets when the tier changes mid-year", () => {
    const moved = factOf('UnitTierChanged', { schemeId: COUNTY_SCHEME_ID, unitId: 'chengguan', tier: 'township-40', validDate: '2017-07-01', reason: '下半年调整' });
    const model = modelOf([...countyLedger(), moved]);
    const quarters = [1, 2, 3, 4].map((q) => rowOf(quarter(model, q), 'chengguan').target);
    expect(quarters).toEqual([60, 60, 40, 40]);
    expect(rowOf(annual(model), 'chengguan').target).toBe(60 + 60 + 40 + 40);
  });

  it("a year's target is the sum of its quarters' targets when an amendment changes a tier's target mid-year: each quarter under the version in force on its last day", () => {
    const base = countyScheme();
    const raised = factOf('SchemeAmended', { schemeId: COUNTY_SCHEME_ID, version: 2, validDate: '2017-07-01', reason: '下半年任务提高', scheme: { ...base, tiers: base.tiers.map((t) => (t.key === 'township-60' ? { ...t, target: 75 } : t)) } });
    const model = modelOf([...countyLedger(), raised]);
    expect([1, 2, 3, 4].map((q) => rowOf(quarter(model, q), 'chengguan').target)).toEqual([60, 60, 75, 75]);
    expect(rowOf(annual(model), 'chengguan').target).toBe(60 + 60 + 75 + 75);
    expect(rowOf(monthsSpan(model, 1, 6), 'chengguan').target).toBe(60 + 60);
    expect(rowOf(annual(model, model.position - 1), 'chengguan').target).toBe(4 * 60); // as of before it was recorded
    // A circular derives its tables in the content version it was issued in: one of version 4 or
    // before took every quarter at the year-end version, and still verifies as published.
    const request = { kind: 'annual' as const, period: '2017', document: { issuer: '县政办发', year: 2018, number: 3 }, issueDate: '2018-01-10' };
    const targetIn = (version: number) => (circularContent(model, request, model.position, undefined, version).table!.groups.flatMap((g) => g.rows).find((r) => r.unitId === 'chengguan')!.target);
    expect([targetIn(4), targetIn(5)]).toEqual([4 * 75, 60 + 60 + 75 + 75]);
  });

  // SPEC.md sections 3 and 6, and the ledger's decide step (libs/ledger/fact-checks.ts): a scheme
  // version is never corrected, since every fact scored under it hangs on it. A void of one is
  // refused, naming the fact and the way to go instead.
  const leadAt = (points: number) => countyScheme({ publications: countyScheme().publications.map((p) => (p.key === 'X' ? { ...p, categories: p.categories.map((c) => (c.key === 'lead' ? { ...c, points } : c)) } : p)) });
  const inError = factOf('SchemeAmended', { schemeId: COUNTY_SCHEME_ID, version: 2, validDate: '2017-01-01', reason: '头条提高到12分', scheme: leadAt(12) });

  it('voiding a scheme amendment is rejected, naming the fact and what to record instead', async () => {
    const voided = voidOf(inError.id);
    const facts = [...countyLedger(), inError, county('chengguan', 'X', 'lead', '2017-02-10', 'cg-31'), voided];
    const refusal = appendedHead(facts);
    await expect(refusal).rejects.toBeInstanceOf(FactRejectedError);
    await expect(refusal).rejects.toMatchObject({
      factId: voided.id,
      field: 'data.correctedFactId',
      message: `fact ${voided.id}: data.correctedFactId: a SchemeAmended cannot be corrected: a scheme is changed by a SchemeAmended of it (a version recorded in error by the next version)`,
    });
    // the ledger without the void is one the office could record: the void alone is refused
    expect(await appendedHead(facts.slice(0, -1))).toBe(facts.length - 1);
  });

  // What the refusal asks for instead: version 3 restores 头条 to 8 points from 1 February. Facts
  // dated from then on score under version 3; January keeps version 2's 12 (a version is in force
  // from its own valid date); views as of a position before version 3 was recorded are unchanged.
  it('a scheme version recorded in error is superseded by the next version from its valid date on, and not as of before it was recorded', async () => {
    const january = county('chengguan', 'X', 'lead', '2017-01-20', 'cg-31');
    const february = county('chengguan', 'X', 'lead', '2017-02-10', 'cg-32');
    const next = factOf('SchemeAmended', { schemeId: COUNTY_SCHEME_ID, version: 3, validDate: '2017-02-01', reason: '更正第2版：头条恢复为8分', scheme: leadAt(8) });
    const before = [...countyLedger(), inError, january, february];
    const facts = [...before, next];
    expect(await appendedHead(facts)).toBe(facts.length);
    const model = modelOf(facts);
    const p = before.length; // the head before version 3 was recorded
    const itemPoints = (m: ScoringModel, q = m.position) => explain(m, 'chengguan', 2017, null, q).items.map((i) => [i.factId, i.schemeVersion, i.points]);

    // given version 2 in error: both 头条 at 12
    expect(rowOf(annual(model, p), 'chengguan')).toMatchObject({ cityAdopted: 2, cityPoints: 24 });
    expect(itemPoints(model, p)).toEqual([
      [january.id, 2, 12],
      [february.id, 2, 12],
    ]);
    // then, from 1 February on, version 3
    expect(annual(model).scheme).toEqual({ id: COUNTY_SCHEME_ID, version: 3 });
    expect(rowOf(annual(model), 'chengguan')).toMatchObject({ cityAdopted: 2, cityPoints: 12 + 8 });
    expect(itemPoints(model)).toEqual([
      [january.id, 2, 12],
      [february.id, 3, 8],
    ]);
    expect(rowOf(month(model, 1), 'chengguan').cityPoints).toBe(12);
    expect(rowOf(month(model, 2), 'chengguan').cityPoints).toBe(8);
    expect(rowOf(month(model, 2, p), 'chengguan').cityPoints).toBe(12);
    // as of before version 3: every view is that of the ledger without it
    const without = modelOf(before);
    expect(annual(model, p)).toEqual(annual(without));
    for (const m of [1, 2]) expect(month(model, m, p)).toEqual(month(without, m));
    expect(explain(model, 'chengguan', 2017, null, p)).toEqual(explain(without, 'chengguan', 2017, null, p));
  });
});

describe('two missed commissions zero the year', () => {
  const model = modelOf(zeroedYear.facts);

  it('adds one line to 加(减)分 that brings the annual total to 0, from a positive or a negative total', () => {
    const table = annual(model);
    // 北城镇: 8 + 8 + 6 - 5 - 5 = 12; the override line -12: bonus -10 - 12 = -22, total 0
    expect(rowOf(table, 'beicheng')).toMatchObject({ cityAdopted: 3, cityPoints: 22, bonus: -22, total: 0 });
    // 研和镇: 2 - 5 - 8 - 5 = -16; the override line +16: bonus -18 + 16 = -2, total 0
    expect(rowOf(table, 'yanhe')).toMatchObject({ cityAdopted: 1, cityPoints: 2, bonus: -2, total: 0 });
    // 高仓镇 missed one: 8 - 5 = 3, untouched
    expect(rowOf(table, 'gaocang')).toMatchObject({ cityPoints: 8, bonus: -5, total: 3 });
    expect(ranks(table, 'township')).toEqual([
      ['高仓镇', 3, 1],
      ['城关镇', 0, 2],
      ['北城镇', 0, 2],
      ['研和镇', 0, 2],
    ]);
  });

  it('explains the override as the last line of the year, and the items still sum to the total', () => {
    const beicheng = explain(model, 'beicheng', 2017, null, model.position);
    expect(beicheng.items.map((i) => i.points)).toEqual([8, 8, 6, -5, -5, -12]);
    expect(beicheng.items.at(-1)).toMatchObject({ kind: 'CommissionMissed', validDate: '2017-12-31', points: -12, runningTotal: 0 });
    expect(beicheng.total).toBe(0);
    const yanhe = explain(model, 'yanhe', 2017, null, model.position);
    // 简讯 2 (Apr 10), missed -5 (May 31), late -8 (Jun 15), missed -5 (Jun 30), override +16
    expect(yanhe.items.map((i) => [i.validDate, i.points, i.runningTotal])).toEqual([
      ['2017-04-10', 2, 2],
      ['2017-05-31', -5, -3],
      ['2017-06-15', -8, -11],
      ['2017-06-30', -5, -16],
      ['2017-12-31', 16, 0],
    ]);
  });

  it('leaves monthly and quarterly views unchanged', () => {
    // December holds only the second missed commission: -5, no override
    expect(rowOf(month(model, 12), 'beicheng')).toMatchObject({ bonus: -5, total: -5 });
    expect(explain(model, 'beicheng', 2017, '2017-12', model.position)).toMatchObject({ total: -5 });
    expect(rowOf(quarter(model, 4), 'beicheng')).toMatchObject({ bonus: -5, total: -5 });
    expect(rowOf(month(model, 6), 'yanhe')).toMatchObject({ bonus: -13, total: -13 }); // -8 - 5
    // the twelve months still add up to the year before the override: 22 - 10 = 12, and 2 - 18 = -16
    const monthsTotal = (unitId: string) => Array.from({ length: 12 }, (_, i) => rowOf(month(model, i + 1), unitId).total).reduce((a, b) => a + b, 0);
    expect([monthsTotal('beicheng'), monthsTotal('yanhe')]).toEqual([12, -16]);
  });

  it('voiding one of the two missed commissions lifts the override', () => {
    const lifted = modelOf([...zeroedYear.facts, voidOf(zeroedYear.bcMissedDecember.id)]);
    // 22 - 5 = 17, no override line
    expect(rowOf(annual(lifted), 'beicheng')).toMatchObject({ cityPoints: 22, bonus: -5, total: 17 });
    expect(explain(lifted, 'beicheng', 2017, null, lifted.position).items.some((i) => i.validDate === '2017-12-31')).toBe(false);
    // as of before the void, the year was still zeroed
    expect(rowOf(annual(lifted, lifted.position - 1), 'beicheng').total).toBe(0);
  });
});

describe('explanations add up', () => {
  it.each(Object.keys(SCENARIOS))('in the %s ledger every unit explains its annual and monthly totals to the point', (name) => {
    const model = modelOf(SCENARIOS[name]);
    const views: Array<[string | null, TableView]> = [[null, annual(model)], ...Array.from({ length: 12 }, (_, i): [string, TableView] => [`2017-${String(i + 1).padStart(2, '0')}`, month(model, i + 1)])];
    for (const [period, table] of views) {
      for (const row of rowsOf(table)) {
        const explanation = explain(model, row.unitId, 2017, period, model.position);
        expect([period, row.unitId, explanation.total]).toEqual([period, row.unitId, row.total]);
        expect(explanation.items.reduce((sum, i) => sum + i.points, 0)).toBe(row.total);
      }
    }
  });
});

describe('the score index reads the county scheme the same way', () => {
  it.each(Object.keys(SCENARIOS))('in the %s ledger, annual, quarterly and monthly tables from the index equal re-scoring, as of every position', (name) => {
    const model = initialScoringModel();
    const index = new ScoreIndex();
    for (const fact of recordAll(SCENARIOS[name])) {
      evolveScoringModel(model, fact);
      index.apply(model, fact);
    }
    for (let p = 0; p <= model.position; p++) {
      expect(annualTable(model, 2017, p, index)).toEqual(annualTable(model, 2017, p));
      for (const q of [1, 2, 3, 4]) expect(periodTable(model, { year: 2017, fromMonth: 3 * q - 2, toMonth: 3 * q }, p, index)).toEqual(quarter(model, q, p));
    }
    for (let m = 1; m <= 12; m++) expect(monthlyView(model, `2017-${String(m).padStart(2, '0')}`, model.position, index)).toEqual(month(model, m));
  });
});

describe('a fixed deduction for false information', () => {
  // A county that fixes 信息失实 at -15 instead of letting the office set -20 to -10: the line is
  // the scheme's rate, read as the other fixed deductions are (not "set by the office"), and the
  // ledger holds each such fact, and any amendment, to that amount.
  it('scores the rate of the scheme in force, and its rule says so', async () => {
    const fixed = (points: number): SchemeDefinition => ({ ...countyScheme(), deductions: { ...countyScheme().deductions, falseInformation: { mode: 'fixed', points } } });
    const falseReport = factOf('FalseInformationRecorded', { unitId: 'yanhe', itemId: null, points: -15, description: '数据不实', validDate: '2017-08-03' });
    const facts = [...countyLedger(fixed(-15)), falseReport];
    await expect(appendedHead(facts)).resolves.toBe(facts.length);
    const model = modelOf(facts);
    expect(explain(model, 'yanhe', 2017, null, model.position).items.map((i) => [i.points, i.rule])).toEqual([[-15, '信息失实：-15']]);
    expect(rowOf(annual(model), 'yanhe').total).toBe(-15);
    const lowered = factOf('SchemeAmended', { schemeId: COUNTY_SCHEME_ID, version: 2, validDate: '2017-07-01', reason: '信息失实扣分调整', scheme: fixed(-12) });
    await expect(appendedHead([...facts, lowered])).rejects.toThrow('its data.points: must be between -12 and -12 under the scheme in force on 2017-08-03');
  });
});

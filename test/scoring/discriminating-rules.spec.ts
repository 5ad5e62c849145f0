import type { FactOf, LedgerFact } from '../../events';
import { annualTable, explain, monthlyView, type Explanation, type ScoringModel, type TableRow } from '../../projections';
import { appendedHead } from '../support/accepted';
import { adoption, factOf, smallLedger, yuxiLikeScheme } from '../support/builders';
import { countyLedger, countyScheme } from '../support/county-scheme';
import { modelOf } from '../support/model';

/**
 * Rules whose breaking no other test noticed: each figure below is worked out by hand from SPEC.md
 * sections 3, 4 and 6 and the rates in yuxiLikeScheme() / countyScheme(), in the comment beside it.
 */

// ---- given ----
type Adopted = FactOf<'InformationAdopted'>;
const brief = (unitId: string, validDate: string) => adoption(unitId, { publication: 'O', category: 'brief', validDate });
const replace = (target: Adopted, content: Partial<Adopted['data']>, reason: string) =>
  factOf('FactCorrected', { correctedFactId: target.id, correction: 'replace', replacement: { ...target.data, ...content }, reason, validDate: '2017-06-01' });
const voidOf = (id: string, reason = '录入错误') => factOf('FactCorrected', { correctedFactId: id, correction: 'void', replacement: null, reason, validDate: '2017-06-20' });
const cityInstruction = (itemId: string, validDate: string) => factOf('LeaderInstructionRecorded', { itemId, unitId: 'xinping', level: 'city', leader: '市长', validDate });
/** 《玉溪政务信息》 简讯 worth 4 from 1 July: the complete scheme, version 2. */
const briefAtFour = factOf('SchemeAmended', {
  schemeId: 'yuxi-2017',
  version: 2,
  validDate: '2017-07-01',
  reason: '简讯提高到4分',
  scheme: yuxiLikeScheme({
    publications: yuxiLikeScheme().publications.map((p) => (p.key === 'O' ? { ...p, categories: p.categories.map((c) => (c.key === 'brief' ? { ...c, points: 4 } : c)) } : p)),
  }),
});
/** A third unit, registered after 新平县, in the same group (各县区人民政府). */
const chengjiang = [
  factOf('UnitRegistered', { unitId: 'chengjiang', name: '澄江县', aliases: [], validDate: '2017-01-01' }),
  factOf('UnitEnrolled', { schemeId: 'yuxi-2017', unitId: 'chengjiang', group: 'county', tier: 'county-500', validDate: '2017-01-01' }),
];

// ---- then ----
const rowOf = (model: ScoringModel, unitId: string, p = model.position): TableRow => annualTable(model, 2017, p).groups.flatMap((g) => g.rows).find((r) => r.unitId === unitId)!;
const monthRow = (model: ScoringModel, month: string, unitId: string): TableRow => monthlyView(model, month, model.position).groups.flatMap((g) => g.rows).find((r) => r.unitId === unitId)!;
const itemOf = (explanation: Explanation, factId: string) => explanation.items.find((i) => i.factId === factId)!;
const explained = (model: ScoringModel, unit: string, p = model.position) => explain(model, unit, 2017, null, p);

describe('a fact is scored under the scheme version in force on its valid date', () => {
  const march = brief('xinping', '2017-03-02');
  const august = brief('xinping', '2017-08-02');
  const facts: LedgerFact[] = [...smallLedger(), march, august, briefAtFour];

  it('the office could record this ledger', async () => {
    await expect(appendedHead(facts)).resolves.toBe(facts.length);
  });

  it('a brief before the amendment keeps 3 under version 1; one after it scores 4 under version 2', () => {
    const model = modelOf(facts);
    const explanation = explained(model, 'xinping');
    expect(explanation.items.map((i) => [i.factId, i.schemeVersion, i.points])).toEqual([
      [march.id, 1, 3], // 2 March: version 1 in force, 简讯 3
      [august.id, 2, 4], // 2 August: version 2 (from 1 July), 简讯 4
    ]);
    // 3 + 4 = 7; as of before the amendment was recorded only version 1 existed: 3 + 3 = 6
    expect(rowOf(model, 'xinping')).toMatchObject({ cityAdopted: 2, cityPoints: 7, total: 7 });
    expect(rowOf(model, 'xinping', facts.length - 1)).toMatchObject({ cityAdopted: 2, cityPoints: 6, total: 6 });
    expect(explained(model, 'xinping', facts.length - 1).items.map((i) => [i.schemeVersion, i.points])).toEqual([
      [1, 3],
      [1, 3],
    ]);
  });
});

describe('ranking: total, then 市办得分, then 市办采用, then registry order', () => {
  it('of two units with the same total, the one with more 市办得分 ranks first though it has fewer 市办采用 and registered later', () => {
    const facts = [
      ...smallLedger(),
      ...chengjiang,
      // 澄江县: 《玉溪要情》 10 (leading a combined adoption) + 《信息专报》 10 = 市办得分 20, 市办采用 2, total 20
      adoption('chengjiang', { contributors: ['新平县'] }),
      adoption('chengjiang', { publication: 'Z' }),
      // 新平县: five 简讯 5 x 3 = 市办得分 15, 市办采用 5; +5 as contributor: total 20
      ...['2017-02-01', '2017-02-02', '2017-02-03', '2017-02-04', '2017-02-05'].map((day) => brief('xinping', day)),
    ];
    const model = modelOf(facts);
    const county = annualTable(model, 2017, model.position).groups.find((g) => g.key === 'county')!;
    // 20 = 20; 市办得分 20 > 15 decides: 澄江县 1, 新平县 2 (市办采用 5 > 2 or registry order would say the opposite)
    expect(county.rows.map((r) => [r.unit, r.cityAdopted, r.cityPoints, r.bonus, r.total, r.rank])).toEqual([
      ['澄江县', 2, 20, 0, 20, 1],
      ['新平县', 5, 15, 5, 20, 2],
    ]);
  });
});

describe('instructions (批示): per (item, level) the earliest live one by valid date earns', () => {
  const later = cityInstruction('xp-7', '2017-05-10');
  const earlier = cityInstruction('xp-7', '2017-04-20');
  const facts = [...smallLedger(), later, earlier]; // the later-dated one is recorded first

  it('the earlier-dated instruction earns though recorded second; the other shows 0 naming the earner', async () => {
    await expect(appendedHead(facts)).resolves.toBe(facts.length);
    const model = modelOf(facts);
    const explanation = explained(model, 'xinping');
    // 市政府领导 30 for 20 April; 10 May is the same (item, level): 0
    expect(explanation.items.map((i) => [i.factId, i.points])).toEqual([
      [earlier.id, 30],
      [later.id, 0],
    ]);
    expect(itemOf(explanation, later.id).rule).toContain(earlier.id);
    expect(rowOf(model, 'xinping').bonus).toBe(30);
    // the 30 lands in April's circular, nothing in May's
    expect([monthRow(model, '2017-04', 'xinping').bonus, monthRow(model, '2017-05', 'xinping').bonus]).toEqual([30, 0]);
  });
});

describe('explanation items carry their corrections and scheme version', () => {
  const adopted = adoption('xinping'); // 《玉溪要情》 信息 10
  const corrected = replace(adopted, { publication: 'O', category: 'brief' }, '类别录错');
  const facts = [...smallLedger(), adopted, corrected];

  it('the replaced adoption lists its live replacement and scores the new content', () => {
    const model = modelOf(facts);
    // 简讯 3 instead of 信息 10
    expect(itemOf(explained(model, 'xinping'), adopted.id)).toMatchObject({
      points: 3,
      schemeVersion: 1,
      corrections: [{ factId: corrected.id, correction: 'replace', reason: '类别录错', position: facts.length, recordedBy: 'staff:test', live: true }],
    });
  });

  it('voiding the replacement restores the content and marks the replacement not live', async () => {
    const undone = voidOf(corrected.id, '更正有误');
    await expect(appendedHead([...facts, undone])).resolves.toBe(facts.length + 1);
    const model = modelOf([...facts, undone]);
    // 信息 10 again; the replacement is still listed, no longer live
    const item = itemOf(explained(model, 'xinping'), adopted.id);
    expect(item).toMatchObject({ points: 10, schemeVersion: 1 });
    // and the void of it too, naming what it corrects (SPEC section 6: every correction, and the effect of each)
    expect(item.corrections).toMatchObject([
      { factId: corrected.id, corrects: adopted.id, correction: 'replace', reason: '类别录错', live: false },
      { factId: undone.id, corrects: corrected.id, correction: 'void', reason: '更正有误', live: true },
    ]);
  });

  it('voiding the corrected fact itself lists the replacement and the void', () => {
    const voided = voidOf(adopted.id, '重复录入');
    const model = modelOf([...facts, voided]);
    expect(itemOf(explained(model, 'xinping'), adopted.id)).toMatchObject({
      points: 0,
      corrections: [
        { factId: corrected.id, correction: 'replace', reason: '类别录错', live: true },
        { factId: voided.id, correction: 'void', reason: '重复录入', live: true },
      ],
    });
  });
});

describe('the latest recorded live replacement wins', () => {
  const adopted = adoption('xinping'); // 《玉溪要情》 信息 10 for 新平县
  const r1 = replace(adopted, { unitId: 'hbj', publication: 'O', category: 'brief' }, '单位录错'); // 市环保局, 简讯 3
  const r2 = replace(adopted, { unitId: 'xinping', publication: 'O', category: 'dynamic' }, '单位和类别录错'); // back to 新平县, 动态 5
  const facts = [...smallLedger(), adopted, r1, r2];
  const cityPoints = (model: ScoringModel) => [rowOf(model, 'xinping').cityPoints, rowOf(model, 'hbj').cityPoints];

  it('a second replacement moving the adoption back with other content counts; voiding it brings the first back', async () => {
    const undone = voidOf(r2.id);
    await expect(appendedHead([...facts, undone])).resolves.toBe(facts.length + 1);
    // after r1 alone: 新平县 0, 市环保局 3
    expect(cityPoints(modelOf([...smallLedger(), adopted, r1]))).toEqual([0, 3]);
    // r2 recorded after r1 wins: 新平县 动态 5, 市环保局 0
    const model = modelOf(facts);
    expect(cityPoints(model)).toEqual([5, 0]);
    expect(rowOf(model, 'xinping')).toMatchObject({ cityAdopted: 1, total: 5 });
    expect(rowOf(model, 'hbj')).toMatchObject({ cityAdopted: 0, total: 0 });
    // r2 void: r1 is the latest live replacement again: 新平县 0, 市环保局 3
    const restored = modelOf([...facts, undone]);
    expect(cityPoints(restored)).toEqual([0, 3]);
    expect(explained(restored, 'hbj').items.map((i) => [i.factId, i.points])).toEqual([[adopted.id, 3]]);
  });
});

describe("the county scheme's own rates", () => {
  it('each contributor to a combined adoption gets the county 2 points, not Yuxi 5', async () => {
    // 城关镇 leads: 《县政务信息》 头条 8; 北城镇 and 研和镇 (by name) contribute: +2 each
    const facts = [...countyLedger(), adoption('chengguan', { itemId: 'cg-40', level: 'county', publication: 'X', category: 'lead', contributors: ['beicheng', '研和镇'], validDate: '2017-04-12' })];
    await expect(appendedHead(facts)).resolves.toBe(facts.length);
    const model = modelOf(facts);
    expect(rowOf(model, 'chengguan')).toMatchObject({ cityAdopted: 1, cityPoints: 8, bonus: 0, total: 8 });
    for (const unitId of ['beicheng', 'yanhe']) expect(rowOf(model, unitId)).toMatchObject({ cityAdopted: 0, cityPoints: 0, provincialAdopted: 0, bonus: 2, total: 2 });
  });

  it('a false-information deduction inside the county range (-20 to -10) is accepted and scored; one outside is rejected', async () => {
    const falseInformation = (points: number) => factOf('FalseInformationRecorded', { unitId: 'gaocang', itemId: null, points, description: '失实', validDate: '2017-05-08' });
    const within = [...countyLedger(), falseInformation(-15)];
    await expect(appendedHead(within)).resolves.toBe(within.length);
    expect(rowOf(modelOf(within), 'gaocang')).toMatchObject({ bonus: -15, total: -15 });
    // -30 is inside Yuxi's range but not the county's; -5 is milder than the county's mildest
    for (const points of [-30, -5, -21]) {
      await expect(appendedHead([...countyLedger(), falseInformation(points)])).rejects.toMatchObject({ field: 'data.points', reason: expect.stringContaining('must be between -20 and -10') });
    }
    expect(countyScheme().deductions.falseInformation).toEqual({ mode: 'range', minPoints: -20, maxPoints: -10 });
  });
});

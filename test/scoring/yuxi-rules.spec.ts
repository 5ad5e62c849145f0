import { annualTable, decideSettlement, explain, monthlyView, type TableRow } from '../../projections';
import type { LedgerFact } from '../../events';
import { adoption, factOf, smallLedger } from '../support/builders';
import { modelOf } from '../support/model';

const row = (facts: LedgerFact[], unitId: string, p?: number): TableRow => {
  const model = modelOf(facts);
  const table = annualTable(model, 2017, p ?? model.position);
  return table.groups.flatMap((g) => g.rows).find((r) => r.unitId === unitId)!;
};
const voidOf = (id: string) => factOf('FactCorrected', { correctedFactId: id, correction: 'void', replacement: null, reason: '录入错误', validDate: '2017-06-01' });
const direct = (unitId: string, validDate = '2017-01-01') => factOf('DirectReportingPointDesignated', { schemeId: 'yuxi-2017', unitId, level: 'province', validDate, reason: '省信息直报点' });

describe('the 2017 rules, read from the scheme', () => {
  it('city adoptions score the category points and count in 市办采用', () => {
    const facts = [...smallLedger(), adoption('xinping'), adoption('xinping', { publication: 'O', category: 'brief' }), adoption('xinping', { publication: '《信息快报》' })];
    expect(row(facts, 'xinping')).toMatchObject({ target: 700, cityAdopted: 3, cityPoints: 23, provincialAdopted: 0, bonus: 0, total: 23, rank: 1 });
  });

  it('a provincial adoption is +30, +20 for a direct reporting point on its date; a national one +60 for both', () => {
    const upper = (unitId: string, level: string, validDate = '2017-05-01') => adoption(unitId, { level, publication: null, category: null, validDate });
    const facts = [...smallLedger(), direct('xinping', '2017-04-01'), upper('xinping', 'province', '2017-03-01'), upper('xinping', 'province'), upper('xinping', 'national'), upper('hbj', 'province')];
    expect(row(facts, 'xinping')).toMatchObject({ cityAdopted: 0, provincialAdopted: 3, bonus: 30 + 20 + 60 });
    expect(row(facts, 'hbj')).toMatchObject({ provincialAdopted: 1, bonus: 30 });
  });

  it('an item the province adopts and the State Council then adopts too is two facts: +30 and +60, two in 省办采用 and two towards the quota', () => {
    const upper = (level: string, validDate: string) => adoption('hbj', { itemId: 'hbj-2017-001', level, publication: null, category: null, validDate });
    const facts = [...smallLedger(), adoption('hbj', { itemId: 'hbj-2017-001', validDate: '2017-04-01' }), upper('province', '2017-04-10'), upper('national', '2017-05-10')];
    expect(row(facts, 'hbj')).toMatchObject({ cityAdopted: 1, cityPoints: 10, provincialAdopted: 2, bonus: 30 + 60, total: 100 });
    const model = modelOf(facts);
    expect(decideSettlement(model, 2017, model.position).find((d) => d.unitId === 'hbj')).toMatchObject({ quota: 6, adopted: 2, points: (6 - 2) * -20 });
  });

  it('a ranged deduction scores the amount the office set in the fact (a fixed one the scheme\'s), with the rule saying so', () => {
    const [published, ...rest] = smallLedger();
    const scheme = (published as Extract<LedgerFact, { type: 'SchemePublished' }>).data.scheme;
    const ranged = { ...scheme, deductions: { ...scheme.deductions, reportingFailure: { mode: 'range' as const, minPoints: -40, maxPoints: -20 } } };
    const facts = [{ ...published, data: { ...published.data, scheme: ranged } } as LedgerFact, ...rest, factOf('ReportingFailureRecorded', { unitId: 'xinping', failure: 'concealed', description: '瞒报', validDate: '2017-04-01', points: -35 })];
    expect(row(facts, 'xinping')).toMatchObject({ bonus: -35, total: -35 });
    const model = modelOf(facts);
    expect(explain(model, 'xinping', 2017, null, model.position).items.map((i) => [i.points, i.rule])).toEqual([[-35, '迟报、漏报、瞒报（瞒报）：-35（由办公室认定）']]);
    expect(row([...smallLedger(), factOf('ReportingFailureRecorded', { unitId: 'xinping', failure: 'late', description: '迟报', validDate: '2017-04-01' })], 'xinping')).toMatchObject({ bonus: -20 });
  });

  it("a direct reporting point's commissioned provincial adoption scores the agreed points, not the +20; a contributor that is a direct point still gets +5", () => {
    const commission = factOf('CommissionRequested', { commissionId: 'YS-2017-05', unitId: 'xinping', level: 'province', subject: '约稿', agreedPoints: 25, dueDate: '2017-05-20', validDate: '2017-05-01' });
    const facts = [
      ...smallLedger(),
      direct('xinping'),
      commission,
      adoption('xinping', { level: 'province', publication: null, category: null, commissionId: 'YS-2017-05', validDate: '2017-05-10' }),
      adoption('hbj', { level: 'province', publication: null, category: null, contributors: ['xinping'], validDate: '2017-05-11' }),
    ];
    expect(row(facts, 'xinping')).toMatchObject({ provincialAdopted: 1, bonus: 25 + 5 });
    expect(row(facts, 'hbj')).toMatchObject({ provincialAdopted: 1, bonus: 30 });
  });

  it('a commissioned adoption scores its agreed points in the column of the level that adopted it', () => {
    const commission = factOf('CommissionRequested', { commissionId: 'YS-2017-03', unitId: 'xinping', level: 'city', subject: '脱贫攻坚', agreedPoints: 25, dueDate: '2017-03-20', validDate: '2017-03-01' });
    const facts = [...smallLedger(), commission, adoption('xinping', { commissionId: 'YS-2017-03' }), adoption('xinping', { level: 'province', publication: null, category: null, commissionId: 'YS-2017-03' })];
    expect(row(facts, 'xinping')).toMatchObject({ cityAdopted: 1, cityPoints: 25, provincialAdopted: 1, bonus: 25, total: 50 });
  });

  it('an instruction earns once per (item, level); voiding the earner passes the points to the next', () => {
    const instruction = (validDate: string) => factOf('LeaderInstructionRecorded', { itemId: 'item-1', unitId: 'hbj', level: 'city', leader: '市长', validDate });
    const first = instruction('2017-04-02');
    const second = instruction('2017-04-09');
    const national = factOf('LeaderInstructionRecorded', { itemId: 'item-1', unitId: 'hbj', level: 'national', leader: '国务院领导', validDate: '2017-05-01' });
    const facts = [...smallLedger(), second, first, national];
    expect(row(facts, 'hbj').bonus).toBe(30 + 100);
    const model = modelOf([...facts, voidOf(first.id)]);
    const explanation = explain(model, '市环保局', 2017, null, model.position);
    expect(explanation.items.map((i) => [i.factId, i.points])).toEqual([[first.id, 0], [second.id, 30], [national.id, 100]]);
  });

  it('a combined adoption gives the lead its credit and each contributor +5 in no adoption column', () => {
    const facts = [...smallLedger(), adoption('xinping', { contributors: ['市环境保护局'] })];
    expect(row(facts, 'xinping')).toMatchObject({ cityAdopted: 1, cityPoints: 10 });
    expect(row(facts, 'hbj')).toMatchObject({ cityAdopted: 0, cityPoints: 0, provincialAdopted: 0, bonus: 5, total: 5 });
    const model = modelOf(facts);
    expect(explain(model, 'hbj', 2017, null, model.position).items.map((i) => i.rule)).toEqual(['综合采用参与单位（牵头单位 新平县）：5']); // the lead by its printed name
  });

  it('deductions can make 加(减)分 and the total negative', () => {
    const facts = [
      ...smallLedger(),
      factOf('ReportingFailureRecorded', { unitId: 'hbj', failure: 'late', description: '迟报', validDate: '2017-02-01' }),
      factOf('FalseInformationRecorded', { unitId: 'hbj', itemId: null, points: -40, description: '失实', validDate: '2017-02-02' }),
      adoption('hbj', { publication: 'O', category: 'brief' }),
    ];
    expect(row(facts, 'hbj')).toMatchObject({ cityPoints: 3, bonus: -60, total: -57 });
  });

  it('voiding an adoption removes its points now but not from the view as of before the void', () => {
    const adopted = adoption('xinping');
    const facts = [...smallLedger(), adopted, adoption('xinping'), voidOf(adopted.id)];
    expect(row(facts, 'xinping').cityPoints).toBe(10);
    expect(row(facts, 'xinping', facts.length - 1).cityPoints).toBe(20);
  });

  it('a replacement moves an adoption to another unit; voiding the replacement restores it', () => {
    const adopted = adoption('xinping');
    const replace = factOf('FactCorrected', { correctedFactId: adopted.id, correction: 'replace', replacement: { ...adopted.data, unitId: 'hbj' }, reason: '单位录错', validDate: '2017-06-01' });
    const facts = [...smallLedger(), adopted, replace];
    expect([row(facts, 'xinping').cityPoints, row(facts, 'hbj').cityPoints]).toEqual([0, 10]);
    const restored = [...facts, voidOf(replace.id)];
    expect([row(restored, 'xinping').cityPoints, row(restored, 'hbj').cityPoints]).toEqual([10, 0]);
  });

  it('a retroactive tier change counts in views asked after it was recorded, never before', () => {
    const change = factOf('UnitTierChanged', { schemeId: 'yuxi-2017', unitId: 'xinping', tier: 'county-500', validDate: '2017-01-01', reason: '调整' });
    const facts = [...smallLedger(), adoption('xinping'), change];
    expect(row(facts, 'xinping').target).toBe(500);
    expect(row(facts, 'xinping', facts.length - 1).target).toBe(700);
  });

  it('ranks by total, then 市办得分, then 市办采用, then registry order', () => {
    const model = modelOf([...smallLedger(), adoption('hbj')]);
    const table = annualTable(model, 2017, model.position);
    expect(table.groups.map((g) => [g.key, g.rows.map((r) => [r.unit, r.total, r.rank])])).toEqual([
      ['county', [['新平县', 0, 1]]],
      ['city_department', [['市环境保护局', 10, 1]]],
      ['other', []],
    ]);
  });

  it('lists group 四 by the same chain as the ranks (total, 市办得分, 市办采用), with no rank, and only its units with scored facts', () => {
    const other = (unitId: string, name: string) => [
      factOf('UnitRegistered', { unitId, name, aliases: [], validDate: '2017-01-01' }),
      factOf('UnitEnrolled', { schemeId: 'yuxi-2017', unitId, group: 'other', tier: null, validDate: '2017-01-01' }),
    ];
    const dynamic = (unitId: string) => adoption(unitId, { publication: 'O', category: 'dynamic' });
    const facts = [
      ...smallLedger(),
      // registry order: 市委编办, 市残联, 市气象局, 市档案局, 市侨联
      ...['市委编办', '市残联', '市气象局', '市档案局', '市侨联'].flatMap((name, i) => other(`other-${i}`, name)),
      adoption('other-0', { level: 'province', publication: null, category: null }), // 市委编办: 0 + 30 = 30
      ...[1, 2, 3].map(() => adoption('other-1')), // 市残联: 30 from 3 adoptions
      adoption('other-2'),
      adoption('other-2', { level: 'province', publication: null, category: null }), // 市气象局: 10 + 30 = 40
      // 市档案局: nothing scored
      adoption('other-4'),
      adoption('other-4'),
      dynamic('other-4'),
      dynamic('other-4'), // 市侨联: 30 from 4 adoptions
    ];
    const model = modelOf(facts);
    const others = annualTable(model, 2017, model.position).groups.find((g) => g.key === 'other')!;
    // 40 first; of the three at 30, 市办得分 30 before 0, and of those 市办采用 4 before 3: registry order reversed.
    expect(others.rows.map((r) => [r.unit, r.total, r.cityPoints, r.cityAdopted, r.target, r.rank])).toEqual([
      ['市气象局', 40, 10, 1, null, null],
      ['市侨联', 30, 30, 4, null, null],
      ['市残联', 30, 30, 3, null, null],
      ['市委编办', 30, 0, 0, null, null],
    ]);
  });

  it('the monthly view names the assessed units with no adoption that month and has no yearly target', () => {
    const model = modelOf([...smallLedger(), adoption('hbj', { validDate: '2017-03-09' })]);
    const march = monthlyView(model, '2017-03', model.position);
    expect(march.zeroAdoption.map((u) => u.unit)).toEqual(['新平县']);
    expect(march.groups.flatMap((g) => g.rows).every((r) => r.target === null)).toBe(true);
  });

  it('every explanation adds up to the total in the table', () => {
    const facts = [...smallLedger(), adoption('hbj'), adoption('hbj', { level: 'province', publication: null, category: null }), adoption('xinping', { contributors: ['hbj'] })];
    const model = modelOf(facts);
    const explanation = explain(model, 'hbj', 2017, null, model.position);
    expect(explanation.total).toBe(row(facts, 'hbj').total);
    expect(explanation.items.at(-1)!.runningTotal).toBe(45);
  });
});

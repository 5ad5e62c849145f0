import { decideSettlement } from '../../projections';
import type { LedgerFact } from '../../events';
import { adoption, factOf, smallLedger } from '../support/builders';
import { modelOf } from '../support/model';

const province = (unitId: string, validDate = '2017-05-01', extra = {}) => adoption(unitId, { level: 'province', publication: null, category: null, validDate, ...extra });
const settle = (facts: LedgerFact[]) => {
  const model = modelOf(facts);
  return decideSettlement(model, 2017, model.position);
};
const settled = (data: ReturnType<typeof settle>) => data.map((d) => factOf('QuotaSettled', d));

describe('year-end settlement of provincial quotas', () => {
  // 新平县: county-700, quota 4; 市环境保护局: dept-400, quota 6 (test/support/builders.ts)
  it('gives every unit with a quota one settlement on the first run, even at 0: +20 an excess adoption, -20 a shortfall', () => {
    const facts = [...smallLedger(), ...Array.from({ length: 5 }, () => province('xinping')), ...Array.from({ length: 6 }, () => province('hbj'))];
    expect(settle(facts).map((d) => [d.unitId, d.quota, d.adopted, d.points])).toEqual([
      ['xinping', 4, 5, 20], // 5 - 4 = 1 over: +20
      ['hbj', 6, 6, 0], // exactly the quota: a settlement fact at 0
    ]);
  });

  it('deducts a direct reporting point twice for each adoption short, but never doubles its excess', () => {
    const designation = factOf('DirectReportingPointDesignated', { schemeId: 'yuxi-2017', unitId: 'xinping', level: 'province', validDate: '2017-01-01', reason: '直报点' });
    const short = [...smallLedger(), designation, province('xinping')];
    expect(settle(short).find((d) => d.unitId === 'xinping')).toMatchObject({ adopted: 1, directReportingPoint: true, points: -120 }); // (4 - 1) x -20 x 2
    const over = [...smallLedger(), designation, ...Array.from({ length: 6 }, () => province('xinping'))];
    expect(settle(over).find((d) => d.unitId === 'xinping')).toMatchObject({ points: 40 }); // (6 - 4) x 20
  });

  it('counts national adoptions, not combined-adoption contributors, and only live adoptions', () => {
    const voided = province('hbj');
    const facts = [
      ...smallLedger(),
      province('hbj', '2017-03-01', { level: 'national' }),
      province('xinping', '2017-03-02', { contributors: ['hbj'] }),
      voided,
      factOf('FactCorrected', { correctedFactId: voided.id, correction: 'void', replacement: null, reason: '重复录入', validDate: '2017-06-01' }),
    ];
    expect(settle(facts).find((d) => d.unitId === 'hbj')).toMatchObject({ adopted: 1, points: -100 }); // (6 - 1) x -20
  });

  it('a rerun appends nothing; after a late adoption only the difference', () => {
    const facts = [...smallLedger(), province('xinping')];
    const first = settled(settle(facts));
    expect(settle([...facts, ...first])).toEqual([]);
    const late = province('xinping', '2017-12-30');
    const rerun = settle([...facts, ...first, late]);
    expect(rerun.map((d) => [d.unitId, d.adopted, d.points])).toEqual([['xinping', 2, 20]]); // owed -40, had -60
  });

  it('uses the quota and tier in force on the year\'s last day and leaves withdrawn units out', () => {
    const facts = [
      ...smallLedger(),
      factOf('UnitTierChanged', { schemeId: 'yuxi-2017', unitId: 'xinping', tier: 'county-500', validDate: '2017-07-01', reason: '调整' }),
      factOf('UnitWithdrawn', { schemeId: 'yuxi-2017', unitId: 'hbj', validDate: '2017-09-01', reason: '退出考核' }),
    ];
    expect(settle(facts).map((d) => [d.unitId, d.quota, d.points])).toEqual([['xinping', 3, -60]]);
  });

  it('takes back, on a rerun, the settlement of a unit that has no quota any more (withdrawn since, with effect before the year closed)', () => {
    const facts = [...smallLedger(), province('xinping')];
    const first = settled(settle(facts));
    expect(first.map((f) => [f.data.unitId, f.data.points])).toEqual([['xinping', -60], ['hbj', -120]]);
    const withdrawn = factOf('UnitWithdrawn', { schemeId: 'yuxi-2017', unitId: 'hbj', validDate: '2017-09-01', reason: '退出考核' });
    const rerun = settle([...facts, ...first, withdrawn]);
    expect(rerun.map((d) => [d.unitId, d.quota, d.adopted, d.directReportingPoint, d.points])).toEqual([['hbj', 0, 0, false, 120]]);
    expect(settle([...facts, ...first, withdrawn, ...settled(rerun)])).toEqual([]); // and nothing more after it
  });
});

import type { LedgerFact, SchemeDefinition } from '../../events';
import { annualTable, circularContent, evolveScoringModel, explain, initialScoringModel, ScoreIndex, type ScoringModel, type TableView } from '../../projections';
import { appendedHead } from '../support/accepted';
import { adoption, factOf } from '../support/builders';
import { COUNTY_SCHEME_ID, countyLedger, countyScheme } from '../support/county-scheme';
import { recordAll } from '../support/model';

/**
 * An item's adoptions straddle a year: the county adopts a December report, the province takes it
 * up in January. Every fact is scored under the scheme version in force on its own valid date
 * (SPEC.md section 3), so the January adoption reads the December one at 2017's rates, whatever
 * 2018's scheme says; and the score index, kept fact by fact, gives what re-scoring gives.
 */

const S2018 = 'county-2018';
const scheme2018 = (changes: Partial<SchemeDefinition> = {}): SchemeDefinition => ({ ...countyScheme(), ...changes, year: 2018 });

/** The county ledger with a 2018 scheme and 城关镇 enrolled in it. */
const twoYears = (in2017: Partial<SchemeDefinition>, in2018: Partial<SchemeDefinition>): LedgerFact[] => [
  ...countyLedger({ ...countyScheme(), ...in2017 }),
  factOf('SchemePublished', { schemeId: S2018, version: 1, validDate: '2018-01-01', scheme: scheme2018(in2018) }),
  factOf('UnitEnrolled', { schemeId: S2018, unitId: 'chengguan', group: 'township', tier: 'township-60', validDate: '2018-01-01' }),
];
const county = (category: string, validDate: string) => adoption('chengguan', { itemId: 'cg-9', level: 'county', publication: 'X', category, validDate });
const province = (validDate: string) => adoption('chengguan', { itemId: 'cg-9', level: 'province', publication: null, category: null, validDate });

/** The model and its index folded fact by fact, as the projection folds them. */
function folded(facts: readonly LedgerFact[]): { model: ScoringModel; index: ScoreIndex } {
  const model = initialScoringModel();
  const index = new ScoreIndex();
  for (const fact of recordAll(facts)) index.apply(evolveScoringModel(model, fact), fact);
  return { model, index };
}

const chengguan = (table: TableView) => table.groups.flatMap((g) => g.rows).find((r) => r.unitId === 'chengguan')!;

/** The 2018 table of every position, from the index and re-scored: they must agree. */
function tables2018(model: ScoringModel, index: ScoreIndex): Array<{ cityAdopted: number; cityPoints: number; total: number }> {
  const out = [];
  for (let p = 1; p <= model.position; p++) {
    const byIndex = annualTable(model, 2018, p, index);
    expect([p, byIndex]).toEqual([p, annualTable(model, 2018, p)]);
    const row = byIndex.groups.length === 0 ? undefined : chengguan(byIndex);
    out.push({ cityAdopted: row?.cityAdopted ?? 0, cityPoints: row?.cityPoints ?? 0, total: row?.total ?? 0 });
  }
  return out;
}

describe('an item adopted in one year and again in the next', () => {
  it("multiplies the December county adoption's points at 2017's rate into the January provincial one, and pays only the difference under 2018's highest-only rule", async () => {
    const december = county('lead', '2017-12-20'); // 头条: 8 under 2017's scheme
    const january = province('2018-01-04'); // 2018: the province pays 3 x the item's own points
    const facts = [...twoYears({}, {}), december, january];
    await expect(appendedHead(facts)).resolves.toBe(facts.length);
    const { model, index } = folded(facts);
    const items = explain(model, 'chengguan', 2018, null, model.position).items;
    expect(items.map((i) => [i.factId, i.points, i.rule])).toEqual([[january.id, 16, '省级采用：本条信息得分 8 × 3 = 24（只计最高一次：已计 8，本次计 16）']]);
    expect(chengguan(annualTable(model, 2018, model.position, index))).toMatchObject({ provincialAdopted: 1, total: 16 });
    tables2018(model, index);
    // A circular issued before this reading (content version 6 or before) still re-derives as
    // issued: January's provincial adoption paid 3 x the base 5, December's adoption unread.
    const request = { kind: 'annual' as const, period: '2018', document: { issuer: '县政办发', year: 2019, number: 1 }, issueDate: '2019-01-10' };
    const total = (version: number) => chengguan(circularContent(model, request, model.position, index, version).table!).total;
    expect([total(6), total(7)]).toEqual([15, 16]);
  });

  it('a 2018 own-level adoption, once a late 2017 adoption of the item is recorded, no longer counts or pays under 2018 highest-only: in the index as in re-scoring, and not as of before it', async () => {
    const fixed = { adoptionCounting: 'every' as const, upperLevels: [{ level: 'prefecture', name: '市级', mode: 'fixed' as const, points: 10 }, { level: 'province', name: '省级', mode: 'fixed' as const, points: 20 }] };
    const january = county('item', '2018-01-03'); // 信息: 4
    const lateDecember = county('lead', '2017-12-20'); // 头条: 8, recorded after January's
    const facts = [...twoYears(fixed, {}), january, lateDecember];
    await expect(appendedHead(facts)).resolves.toBe(facts.length);
    const { model, index } = folded(facts);
    const rows = tables2018(model, index);
    expect(rows.at(-2)).toEqual({ cityAdopted: 1, cityPoints: 4, total: 4 }); // before the late fact
    expect(rows.at(-1)).toEqual({ cityAdopted: 0, cityPoints: 0, total: 0 }); // the item scored 8 in 2017 and counted at the county level there
    // 2017 counts every adoption: its own table keeps the late one in full.
    expect(chengguan(annualTable(model, 2017, model.position, index))).toMatchObject({ cityAdopted: 1, cityPoints: 8 });
  });

  it("reads a December provincial adoption at its own year's direct-reporting-point rate, also when the designation is recorded after both adoptions", async () => {
    // 2017: the province pays 30, a direct reporting point 20, and 城关镇 is one (recorded late); 2018: highest only, the province 50, no designation.
    const in2017 = { adoptionCounting: 'every' as const, upperLevels: [{ level: 'prefecture', name: '市级', mode: 'fixed' as const, points: 10 }, { level: 'province', name: '省级', mode: 'fixed' as const, points: 30, directReportingPointPoints: 20 }] };
    const in2018 = { adoptionCounting: 'highest' as const, upperLevels: [{ level: 'prefecture', name: '市级', mode: 'fixed' as const, points: 10 }, { level: 'province', name: '省级', mode: 'fixed' as const, points: 50 }] };
    const december = province('2017-12-20');
    const january = province('2018-01-04');
    const designated = factOf('DirectReportingPointDesignated', { schemeId: COUNTY_SCHEME_ID, unitId: 'chengguan', level: 'province', validDate: '2017-01-01', reason: '省政府办公厅直报点' });
    const facts = [...twoYears(in2017, in2018), december, january, designated];
    await expect(appendedHead(facts)).resolves.toBe(facts.length);
    const { model, index } = folded(facts);
    const lines = (year: number, p: number) => explain(model, 'chengguan', year, null, p).items.map((i) => [i.points, i.rule]);
    expect(lines(2017, model.position - 1)).toEqual([[30, '省级采用：30']]);
    expect(lines(2018, model.position - 1)).toEqual([[20, '省级采用：50（只计最高一次：已计 30，本次计 20）；该条信息已在本级计数']]);
    expect(lines(2017, model.position)).toEqual([[20, '省级采用（直报点）：20']]);
    expect(lines(2018, model.position)).toEqual([[30, '省级采用：50（只计最高一次：已计 20，本次计 30）；该条信息已在本级计数']]);
    expect(tables2018(model, index).slice(-2).map((row) => row.total)).toEqual([20, 30]);
  });

  it("re-scores the next year's adoptions of an item when this year's scheme changes the points they read", async () => {
    const december = county('lead', '2017-12-20');
    const january = province('2018-01-04');
    const amended = countyScheme();
    const lead10 = { ...amended, publications: amended.publications.map((p) => (p.key === 'X' ? { ...p, categories: p.categories.map((c) => (c.key === 'lead' ? { ...c, points: 10 } : c)) } : p)) };
    const amendment = factOf('SchemeAmended', { schemeId: COUNTY_SCHEME_ID, version: 2, validDate: '2017-12-01', scheme: lead10, reason: '头条 10 分' });
    const facts = [...twoYears({}, {}), december, january, amendment];
    await expect(appendedHead(facts)).resolves.toBe(facts.length);
    const { model, index } = folded(facts);
    const rows = tables2018(model, index);
    expect(rows.at(-2)?.total).toBe(16); // 3 x 8 - 8
    expect(rows.at(-1)?.total).toBe(20); // 3 x 10 - 10
  });
});

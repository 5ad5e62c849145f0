import { awardsView, type AwardsView } from '../../projections';
import { awardFacts } from '../support/award-ledger';
import { countyLedger, countyScheme } from '../support/county-scheme';
import { modelOf } from '../support/model';

/** Awards by band: the ledger and its arithmetic are in test/support/award-ledger.ts. */
const awarded = (view: AwardsView) => view.groups.map((g) => [g.key, g.bands.map((b) => [b.award, b.units.map((u) => u.unit)])]);

describe('awards by band', () => {
  it('gives each band its places in rank order, to units that completed their task only', () => {
    const model = modelOf(awardFacts([{ award: '一等奖', count: 1 }, { award: '二等奖', count: 2 }]));
    const view = awardsView(model, 2017, model.position);
    expect(awarded(view)).toEqual([
      ['township', [['一等奖', ['城关镇']], ['二等奖', ['北城镇', '研和镇']]]], // 高仓镇 (2 of 8) gets none
      ['county_department', [['一等奖', ['县财政局']]]], // 县教育局 (2 of 4) gets none
    ]);
    expect(view.groups[0].bands[1].units[0]).toEqual({ unitId: 'beicheng', unit: '北城镇', rank: 2, target: 20, total: 20 });
    expect(view.groups[0]).toMatchObject({ title: '各乡镇人民政府', bands: [{ count: 1 }, { count: 2 }] });
  });

  it('lets a tie at the edge of a band share it, the places it takes coming off the next band', () => {
    // 一等奖 x2: 城关镇 is place 1, 北城镇 and 研和镇 share place 2, so all three get it; 二等奖 x1 is
    // then past the three places taken (cumulative 3), and no completed unit is left.
    const model = modelOf(awardFacts([{ award: '一等奖', count: 2 }, { award: '二等奖', count: 1 }]));
    expect(awarded(awardsView(model, 2017, model.position))[0]).toEqual(['township', [['一等奖', ['城关镇', '北城镇', '研和镇']], ['二等奖', []]]]);
  });

  it('is a view as of a position: before 城关镇 completed its task it is not awarded', () => {
    // As of before its third 头条, 城关镇 has 16 of 20; 北城镇 and 研和镇 share rank 1 and place 1.
    const model = modelOf(awardFacts([{ award: '一等奖', count: 1 }, { award: '二等奖', count: 2 }]));
    const before = awardsView(model, 2017, model.position - 1);
    expect(awarded(before)[0]).toEqual(['township', [['一等奖', ['北城镇', '研和镇']], ['二等奖', []]]]);
    expect(before.asOf.position).toBe(model.position - 1);
  });

  it('has no groups when the scheme gives no bands, and no scheme for a year without one', () => {
    const model = modelOf(countyLedger(countyScheme({ awards: [] })));
    expect(awardsView(model, 2017, model.position)).toMatchObject({ scheme: { version: 1 }, groups: [] });
    expect(awardsView(model, 2016, model.position)).toMatchObject({ scheme: null, groups: [] });
  });
});

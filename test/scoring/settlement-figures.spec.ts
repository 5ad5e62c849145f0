import { yuxi2017Ledger } from '../../apps/fixtures/yuxi-2017-ledger';
import { ScoringProjection } from '../../apps/projections/scoring-projection';
import { settleYear } from '../../apps/runtime/settlement';
import type { CircularIssued, LedgerFact, QuotaSettled, RecordedFact } from '../../events';
import { Ledger, LEDGER_STREAM, toRecordedFact } from '../../libs/ledger';
import { MemoryStore } from '../../libs/store';
import { annualTable, circularContent, decideSettlement, explain, unitIdAsOf } from '../../projections';
import { adoption, factOf, smallLedger } from '../support/builders';
import { COUNTY_SCHEME_ID, countyLedger, countyScheme } from '../support/county-scheme';

/**
 * The figures of the year-end settlement (SPEC.md section 4, "Year-end settlement" and its
 * readings; section 3 for quarterly quotas) and of the comprehensive-assessment circular, worked
 * out by hand from the source documents: the 省办采用 column of the published 2017 table
 * (data/yuxi-2017-annual-table.csv), the notice's 省采用任务数 by tier (玉政办电〔2017〕1号 section 一),
 * and the fixture's recipe (docs/fixture-2017.md: the 红塔区/易门县 swap effective 2017-01-01, the
 * late provincial adoption of 市政府研究室 at 11345).
 */

interface Running {
  store: MemoryStore;
  ledger: Ledger;
  projection: ScoringProjection;
}

/** A fresh store holding `facts` (as a restore when they carry their recorded metadata), with the views following it. */
async function running(facts: readonly LedgerFact[], restore: boolean): Promise<Running> {
  const store = new MemoryStore();
  const ledger = new Ledger(store, { now: () => new Date('2018-06-01T00:00:00.000Z') });
  await ledger.append(
    facts.map((fact) => ({ fact })),
    restore ? { actor: 'import', keepRecordedMetadata: true } : { actor: 'staff' },
  );
  const projection = new ScoringProjection(store);
  await projection.start();
  return { store, ledger, projection };
}

/** The facts recorded after position `after`. */
async function factsAfter(run: Running, after: number): Promise<Array<RecordedFact<LedgerFact>>> {
  const facts: Array<RecordedFact<LedgerFact>> = [];
  for await (const stored of run.store.readStream(LEDGER_STREAM, { fromRevision: BigInt(after) })) facts.push(toRecordedFact(stored));
  return facts;
}

/** `ledger settle --year 2017`: what it reports, and the facts it appended. */
async function settle(run: Running) {
  const before = await run.ledger.head();
  const outcome = await settleYear(run.ledger, run.projection, 2017, 'staff');
  const appended = (await factsAfter(run, before)) as Array<RecordedFact<QuotaSettled>>;
  return { outcome, appended };
}

type Settled = Pick<QuotaSettled['data'], 'quota' | 'adopted' | 'points' | 'directReportingPoint'>;
const figures = ({ quota, adopted, points, directReportingPoint }: QuotaSettled['data']): Settled => ({ quota, adopted, points, directReportingPoint });

/**
 * Every unit of groups 一 to 三 that has a quota on 2017-12-31, as `ledger settle` should settle it at
 * the fixture's head: [unit, quota, adopted, points, direct reporting point].
 * - quota: the notice's 省采用任务数 of the unit's tier on 2017-12-31 (700 -> 4, 500 -> 3; 400 -> 6,
 *   300 -> 4, 200 -> 2, 100 -> 1, 50 -> 1; 中央、省驻玉 400 -> 6, 300 -> 4, 200 -> 2), after the swap:
 *   红塔区 500 (3), 易门县 700 (4).
 * - adopted: the published 省办采用 (provincial and national adoptions, contributors not counted),
 *   plus 市政府研究室's late provincial adoption (valid 2017-12-22, recorded 2018-02-05).
 * - points: (adopted - quota) x 20 when above; (quota - adopted) x -20 when short, x2 for a direct
 *   reporting point (none of the four is short, so the doubling never applies here).
 * - direct: the points in force on 2017-12-31: 易门县, 澄江县, 新平县, 元江县 (the table's note 一（二）2).
 * 市金融办 withdrew on 2017-07-01: no settlement. 四 其他单位 have no quota: none either.
 */
const AT_HEAD: ReadonlyArray<readonly [string, number, number, number, boolean]> = [
  // 一 各县区人民政府
  ['新平县', 4, 23, 380, true], // (23 - 4) x 20; excess not doubled
  ['澄江县', 4, 14, 200, true], // (14 - 4) x 20
  ['红塔区', 3, 3, 0, false], // 3 of 3 after the swap: still a fact, at 0
  ['元江县', 4, 20, 320, true], // (20 - 4) x 20
  ['华宁县', 3, 1, -40, false], // (3 - 1) x -20
  ['易门县', 4, 10, 120, true], // (10 - 4) x 20, at 700 and a direct point after the swap
  ['峨山县', 3, 1, -40, false], // (3 - 1) x -20
  ['江川区', 3, 0, -60, false], // 3 x -20
  ['通海县', 3, 0, -60, false], // 3 x -20
  // 二 市政府组成部门、直属机构及列入全市综合考评的单位
  ['市住房城乡建设局', 6, 5, -20, false], // (6 - 5) x -20
  ['市工业和信息化委', 6, 8, 40, false], // 7 provincial + 1 national = 8; (8 - 6) x 20
  ['市农业局', 6, 5, -20, false],
  ['市人力资源社会保障局', 4, 3, -20, false], // the combined adoption's +5 is no adoption
  ['市卫生计生委', 6, 3, -60, false],
  ['市教育局', 6, 4, -40, false],
  ['市财政局', 6, 1, -100, false], // (6 - 1) x -20
  ['市公安局', 6, 2, -80, false], // 1 + 171号 as lead
  ['市抚仙湖管理局', 4, 3, -20, false],
  ['市水利局', 6, 2, -80, false], // one item adopted by the province and the State Council: 2
  ['市统计局', 4, 1, -60, false],
  ['市发展改革委', 6, 2, -80, false],
  ['市政务服务管理局', 2, 3, 20, false], // (3 - 2) x 20
  ['市林业局', 4, 1, -60, false],
  ['市民政局', 4, 1, -60, false],
  ['市交通运输局', 4, 1, -60, false],
  ['市商务局', 4, 3, -20, false],
  ['市质量技术监督局', 1, 3, 40, false], // (3 - 1) x 20
  ['市工商局', 4, 1, -60, false],
  ['市扶贫办', 2, 2, 0, false],
  ['市招商合作局', 2, 1, -20, false], // its one national adoption counts once
  ['市信访局', 2, 2, 0, false],
  ['市旅游发展委', 2, 1, -20, false],
  ['高新区管委会', 2, 0, -40, false],
  ['市安全监管局', 2, 1, -20, false],
  ['市体育局', 1, 2, 20, false], // 1 provincial + the national commission: (2 - 1) x 20
  ['市环境保护局', 4, 0, -80, false],
  ['市民宗局', 1, 1, 0, false],
  ['市文化广电局', 1, 1, 0, false],
  ['市司法局', 1, 1, 0, false],
  ['市科技局', 1, 1, 0, false],
  ['市粮食局', 1, 2, 20, false],
  ['市审计局', 1, 1, 0, false],
  ['市规划局', 1, 1, 0, false],
  ['市食品药品监管局', 1, 1, 0, false],
  ['市贸促会', 1, 1, 0, false],
  ['市国土资源局', 1, 0, -20, false],
  ['市外事侨务办', 1, 1, 0, false],
  ['市监察局', 1, 0, -20, false],
  ['市防震减灾局', 1, 1, 0, false],
  ['市移民开发局', 1, 1, 0, false],
  ['市烟草产业办', 1, 0, -20, false],
  ['市政府法制办', 1, 0, -20, false],
  ['市供销合作社', 1, 0, -20, false],
  ['市政府研究室', 2, 1, -20, false], // the late adoption: (2 - 1) x -20 (as of the circulars: 2 x -20)
  // 三 中央、省驻玉单位
  ['玉溪银监分局', 6, 2, -80, false],
  ['人行玉溪市中心支行', 6, 1, -100, false],
  ['市国税局', 4, 3, -20, false],
  ['玉溪烟草公司', 2, 2, 0, false],
  ['市地税局', 4, 1, -60, false],
];
// Gains: 380 + 200 + 320 + 120 + 40 + 20 + 40 + 20 + 20 = 1160 (9 units); 15 units at 0;
// losses: 一 200 + 二 1140 + 三 260 = 1600 (35 units); in all 1160 - 1600 = -440.

describe('the year-end settlement of the 2017 fixture ledger (ledger settle --year 2017)', () => {
  let it2017: Running;
  let facts: Array<RecordedFact<LedgerFact>>;
  const idOf = (name: string) => unitIdAsOf(it2017.projection.model, name, it2017.projection.model.position)!;
  /** settlement data keyed by the printed name (the unit id where the expectation does not name it) */
  const byName = (data: ReadonlyArray<QuotaSettled['data']>) => {
    const names = new Map(AT_HEAD.map(([name]) => [idOf(name), name]));
    return Object.fromEntries(data.map((d) => [names.get(d.unitId) ?? d.unitId, figures(d)]));
  };

  beforeAll(async () => {
    facts = await yuxi2017Ledger();
    it2017 = await running(facts, true);
  }, 60_000);
  afterAll(() => it2017.projection.stop());

  it('appends one fact per unit with a quota, each with the points the rules give, then nothing on a rerun, then only the difference after one more adoption', async () => {
    const { outcome, appended } = await settle(it2017);
    expect(outcome).toMatchObject({ appended: 59, points: -440 });
    expect(appended).toHaveLength(59);
    expect(appended.every((f) => f.type === 'QuotaSettled')).toBe(true);
    const data = appended.map((f) => f.data);
    expect(new Set(data.map((d) => d.unitId)).size).toBe(59); // exactly one per unit
    for (const d of data) expect(d).toMatchObject({ schemeId: 'yuxi-2017', year: 2017, period: '2017', validDate: '2017-12-31' });
    expect(byName(data)).toEqual(Object.fromEntries(AT_HEAD.map(([name, quota, adopted, points, directReportingPoint]) => [name, { quota, adopted, points, directReportingPoint }])));

    // settling again: every live settlement already is what the rules give
    const again = await settle(it2017);
    expect(again.outcome).toMatchObject({ appended: 0, points: 0 });
    expect(again.appended).toEqual([]);

    // the province adopts one more 江川区 piece: 1 of 3 owes (3 - 1) x -20 = -40, it has -60: +20, for it alone
    const piece = facts.find((f) => f.type === 'InformationAdopted' && f.data.unitId === 'jiangchuan' && f.data.level === 'city')!;
    const more = adoption('jiangchuan', { itemId: (piece.data as { itemId: string }).itemId, level: 'province', publication: null, category: null, validDate: '2017-11-20' });
    const late = await it2017.ledger.append([{ fact: more }], { actor: 'staff' });
    await it2017.projection.waitFor(late.head);
    const after = await settle(it2017);
    expect(after.outcome).toMatchObject({ appended: 1, points: 20 });
    expect(byName(after.appended.map((f) => f.data))).toEqual({ 江川区: { quota: 3, adopted: 1, points: 20, directReportingPoint: false } });
    expect((await settle(it2017)).outcome.appended).toBe(0);
  });

  it('doubles the shortfall of a unit designated a direct reporting point from October, recorded after the first settlement: only the difference', async () => {
    await settle(it2017); // whatever is pending, so that only the designation's effect follows
    const designated = factOf('DirectReportingPointDesignated', { schemeId: 'yuxi-2017', unitId: 'tonghai', level: 'province', validDate: '2017-10-01', reason: '直报点调整' });
    const recorded = await it2017.ledger.append([{ fact: designated }], { actor: 'staff' });
    await it2017.projection.waitFor(recorded.head);
    // 通海县, 0 of 3, a direct point on 2017-12-31: owes 3 x -20 x 2 = -120, has -60: -60
    const { outcome, appended } = await settle(it2017);
    expect(outcome).toMatchObject({ appended: 1, points: -60 });
    expect(byName(appended.map((f) => f.data))).toEqual({ 通海县: { quota: 3, adopted: 0, points: -60, directReportingPoint: true } });
  });

  it('as of the annual circular, before the late adoption, settles 市政府研究室 at 0 of 2: -40', () => {
    const annual = facts.find((f): f is RecordedFact<CircularIssued> => f.type === 'CircularIssued' && f.data.kind === 'annual')!;
    const decided = decideSettlement(it2017.projection.model, 2017, annual.data.position);
    expect(decided).toHaveLength(59);
    expect(decided.find((d) => d.unitId === idOf('市政府研究室'))).toMatchObject({ quota: 2, adopted: 0, points: -40 }); // 2 x -20
  });

  it("lists the seven units below target in the comprehensive assessment at the failing circular's position, each with the scheme's -1", () => {
    const failing = facts.find((f): f is RecordedFact<CircularIssued> => f.type === 'CircularIssued' && f.data.kind === 'failing')!;
    const request = { kind: 'assessment' as const, period: '2017', document: { issuer: '玉政办发', year: 2018, number: 90 }, issueDate: '2018-01-23' };
    const content = circularContent(it2017.projection.model, request, failing.data.position, it2017.projection.index);
    // 年度综合考核: "对未完成综合考评目标任务的扣1分" (notice 二（二）); target and achieved (得分) from the
    // published table, in table order; 市财政局 (461 in the ledger, 455 printed) is above 400 either way.
    const below = (unitId: string, unit: string, group: string, target: number, achieved: number) => ({ unitId, unit, group, target, achieved, deduction: -1 });
    expect(content.assessment).toEqual([
      below('fgw', '市发展改革委', 'city_department', 400, 373), // 308 + 65
      below('gongshang', '市工商局', 'city_department', 300, 263), // 168 + 95
      below('hbj', '市环境保护局', 'city_department', 300, 196), // 196 + 0
      below('guotu', '市国土资源局', 'city_department', 100, 90), // 90 + 0
      below('gongxiao', '市供销合作社', 'city_department', 100, 23), // 23 + 0
      below('yanjiushi', '市政府研究室', 'city_department', 200, 20), // 20 + 0 (the late adoption comes after)
      below('dishui', '市地税局', 'central_provincial', 300, 121), // 91 + 30
    ]);
  });
});

describe('the direct reporting point designation the settlement reads is the one in force on the year\'s last day', () => {
  // smallLedger: 新平县 county-700, quota 4; 市环境保护局 dept-400, quota 6; settlement +20 / -20, x2 short for a direct point
  const province = (unitId: string, validDate: string) => adoption(unitId, { level: 'province', publication: null, category: null, validDate });
  const point = (type: 'DirectReportingPointDesignated' | 'DirectReportingPointWithdrawn', unitId: string, validDate: string) => factOf(type, { schemeId: 'yuxi-2017', unitId, level: 'province', validDate, reason: '直报点调整' });

  it('doubles the shortfall of a unit designated in July, not of one withdrawn in July', async () => {
    const run = await running(
      [
        ...smallLedger(),
        point('DirectReportingPointDesignated', 'xinping', '2017-07-01'),
        point('DirectReportingPointDesignated', 'hbj', '2017-01-01'),
        point('DirectReportingPointWithdrawn', 'hbj', '2017-07-01'),
        province('xinping', '2017-03-10'),
      ],
      false,
    );
    try {
      const { appended } = await settle(run);
      expect(Object.fromEntries(appended.map((f) => [f.data.unitId, figures(f.data)]))).toEqual({
        xinping: { quota: 4, adopted: 1, points: -120, directReportingPoint: true }, // (4 - 1) x -20 x 2
        hbj: { quota: 6, adopted: 0, points: -120, directReportingPoint: false }, // 6 x -20, not doubled
      });
    } finally {
      run.projection.stop();
    }
  });
});

describe('quarterly quotas (SPEC section 3): one quarter\'s excess does not cover another\'s shortfall', () => {
  // The county scheme: quota 1 a quarter for the townships; settle +5 an adoption over, -10 one short.
  const scheme = countyScheme({ quotaSettlement: { excessPoints: 5, shortfallPoints: -10, directReportingPointShortfallFactor: 1 } });
  const prefecture = (unitId: string, validDate: string) => adoption(unitId, { level: 'prefecture', publication: null, category: null, validDate });

  it('settles two adoptions in Q1 and none after at +5 - 10 - 10 - 10 = -25, not at the yearly (2 - 4) x 10 = -20', async () => {
    const run = await running([...countyLedger(scheme), prefecture('chengguan', '2017-02-10'), prefecture('chengguan', '2017-03-20')], false);
    try {
      const { appended } = await settle(run);
      const of = (unitId: string) => appended.find((f) => f.data.unitId === unitId)?.data;
      for (const d of appended) expect(d.data).toMatchObject({ schemeId: COUNTY_SCHEME_ID, year: 2017, period: '2017', validDate: '2017-12-31' });
      // Q1: 2 of 1, +5; Q2, Q3, Q4: 0 of 1, -10 each. The fact's quota is the year's: 1 x 4 quarters.
      expect(of('chengguan')).toMatchObject({ quota: 4, adopted: 2, points: -25, directReportingPoint: false });
      // a township with nothing: 4 quarters x -10
      for (const unitId of ['beicheng', 'yanhe', 'gaocang']) expect(of(unitId)).toMatchObject({ quota: 4, adopted: 0, points: -40 });
      // 县气象局 (其他单位) has no tier and no quota
      expect(of('qxj')).toBeUndefined();
    } finally {
      run.projection.stop();
    }
  });

  it('settles only the quarters a unit was placed in: enrolled on 1 July, one adoption in Q3 and none in Q4, at 0 - 10, quota 2; its table target is Q3 + Q4', async () => {
    const enrolled = [
      factOf('UnitRegistered', { unitId: 'xinshe', name: '新设镇', aliases: [], validDate: '2017-07-01' }),
      factOf('UnitEnrolled', { schemeId: COUNTY_SCHEME_ID, unitId: 'xinshe', group: 'township', tier: 'township-60', validDate: '2017-07-01' }),
    ];
    const run = await running([...countyLedger(scheme), ...enrolled, prefecture('xinshe', '2017-08-01')], false);
    try {
      const model = run.projection.model;
      const row = annualTable(model, 2017, model.position).groups.flatMap((g) => g.rows).find((r) => r.unitId === 'xinshe');
      expect(row?.target).toBe(60 + 60);
      const { appended } = await settle(run);
      expect(appended.find((f) => f.data.unitId === 'xinshe')?.data).toMatchObject({ quota: 2, adopted: 1, points: -10 });
    } finally {
      run.projection.stop();
    }
  });

  it('owes nothing, and has no target, for the quarters a unit was withdrawn at their end: out in May (adopted in June), back in October, at -10 - 10, quota 2, adopted 0, target Q1 + Q4', async () => {
    const placements = [
      factOf('UnitWithdrawn', { schemeId: COUNTY_SCHEME_ID, unitId: 'beicheng', validDate: '2017-05-10', reason: '撤并' }),
      factOf('UnitEnrolled', { schemeId: COUNTY_SCHEME_ID, unitId: 'beicheng', group: 'township', tier: 'township-60', validDate: '2017-10-09' }),
    ];
    // Its June adoption is in Q2, at whose end it stood withdrawn: it counts in no quarter settled.
    const run = await running([...countyLedger(scheme), ...placements, prefecture('beicheng', '2017-06-05')], false);
    try {
      const model = run.projection.model;
      const row = annualTable(model, 2017, model.position).groups.flatMap((g) => g.rows).find((r) => r.unitId === 'beicheng');
      expect(row?.target).toBe(60 + 60);
      // A circular of content version 5 or before counted the tier's target in those quarters too, and still verifies so.
      const request = { kind: 'annual' as const, period: '2017', document: { issuer: '县政办发', year: 2018, number: 3 }, issueDate: '2018-01-10' };
      const targetIn = (version: number) => circularContent(model, request, model.position, undefined, version).table!.groups.flatMap((g) => g.rows).find((r) => r.unitId === 'beicheng')!.target;
      expect([targetIn(4), targetIn(5), targetIn(6)]).toEqual([4 * 60, 4 * 60, 60 + 60]);
      const { appended } = await settle(run);
      expect(appended.find((f) => f.data.unitId === 'beicheng')?.data).toMatchObject({ quota: 2, adopted: 0, points: -20 });
    } finally {
      run.projection.stop();
    }
  });

  it('counts an upper adoption towards the quota though "only the highest" paid it just a difference: 0 + 0 - 10 - 10 = -20, not -40', async () => {
    // Item cg-9: county 《县政务信息》 信息 4 in February; the prefecture (2 x 4 = 8, pays 8 - 4 = 4) in
    // March; the province (3 x 4 = 12, pays 12 - 8 = 4) in May. Each upper adoption paid a difference,
    // and each counts: Q1 1 of 1, Q2 1 of 1, Q3 and Q4 0 of 1.
    const item = (level: string, validDate: string, extra = {}) => adoption('chengguan', { itemId: 'cg-9', level, publication: null, category: null, validDate, ...extra });
    const facts = [...countyLedger(scheme), item('county', '2017-02-10', { publication: 'X', category: 'item' }), item('prefecture', '2017-03-20'), item('province', '2017-05-15')];
    const run = await running(facts, false);
    try {
      const model = run.projection.model;
      expect(explain(model, 'chengguan', 2017, null, model.position).items.map((i) => i.points)).toEqual([4, 4, 4]);
      const { appended } = await settle(run);
      expect(appended.find((f) => f.data.unitId === 'chengguan')?.data).toMatchObject({ quota: 4, adopted: 2, points: -20 });
    } finally {
      run.projection.stop();
    }
  });
});

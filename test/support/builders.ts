import { randomUUID } from 'node:crypto';
import type { FactKind, FactOf, LedgerFact, SchemeDefinition } from '../../events';

/** Test facts: given-when-then tests build exactly the facts they talk about. */
export function factOf<K extends FactKind>(type: K, data: FactOf<K>['data'], id: string = randomUUID()): FactOf<K> {
  return { id, type, data, metadata: { schemaVersion: 1 } } as unknown as FactOf<K>;
}

export function yuxiLikeScheme(overrides: Partial<SchemeDefinition> = {}): SchemeDefinition {
  return {
    title: '2017年度全市政府系统政务信息工作目标考核',
    year: 2017,
    document: { issuer: '玉政办电', year: 2017, number: 1 },
    levels: ['city', 'province', 'national'],
    groups: [
      { key: 'county', title: '各县区人民政府', assessed: true },
      { key: 'city_department', title: '市政府组成部门、直属机构及列入全市综合考评的单位', assessed: true },
      { key: 'other', title: '其他单位', assessed: false },
    ],
    tiers: [
      { key: 'county-700', group: 'county', target: 700, provincialQuota: 4 },
      { key: 'county-500', group: 'county', target: 500, provincialQuota: 3 },
      { key: 'dept-400', group: 'city_department', target: 400, provincialQuota: 6 },
    ],
    publications: [
      { key: 'L', name: '《玉溪要情》', aliases: [], level: 'city', categories: [{ key: 'item', name: '信息', points: 10 }] },
      { key: 'Z', name: '《信息专报》', aliases: ['《信息快报》'], level: 'city', categories: [{ key: 'item', name: '信息', points: 10 }] },
      {
        key: 'O',
        name: '《玉溪政务信息》',
        aliases: [],
        level: 'city',
        categories: [
          { key: 'research', name: '综合调研', points: 10 },
          { key: 'dynamic', name: '动态', points: 5 },
          { key: 'brief', name: '简讯', points: 3 },
        ],
      },
    ],
    upperLevels: [
      { level: 'province', mode: 'fixed', points: 30, directReportingPointPoints: 20 },
      { level: 'national', mode: 'fixed', points: 60 },
    ],
    adoptionCounting: 'every',
    submission: null,
    periods: { circular: 'month', target: 'year', quota: 'year' },
    instructions: [
      { level: 'national', name: '国务院领导', points: 100 },
      { level: 'provincial', name: '省政府领导', points: 60 },
      { level: 'city', name: '市政府领导', points: 30 },
      { level: 'city_office', name: '市政府办公室领导', points: 20 },
    ],
    combinedAdoption: { contributorPoints: 5 },
    deductions: {
      commissionMissed: { mode: 'fixed', points: -10 },
      reportingFailure: { mode: 'fixed', points: -20 },
      falseInformation: { mode: 'range', minPoints: -50, maxPoints: -30 },
    },
    quotaSettlement: { excessPoints: 20, shortfallPoints: -20, directReportingPointShortfallFactor: 2 },
    overrides: [],
    ties: { mode: 'criteria', criteria: ['total', 'cityPoints', 'cityAdopted', 'registryOrder'] },
    awards: [],
    assessmentDeduction: -1,
    ...overrides,
  };
}

/** A scheme and two registered, enrolled units: the smallest ledger that scores anything. */
export function smallLedger(): LedgerFact[] {
  return [
    factOf('SchemePublished', { schemeId: 'yuxi-2017', version: 1, validDate: '2017-01-01', scheme: yuxiLikeScheme() }),
    factOf('UnitRegistered', { unitId: 'xinping', name: '新平县', aliases: [], validDate: '2017-01-01' }),
    factOf('UnitRegistered', { unitId: 'hbj', name: '市环境保护局', aliases: ['市环保局'], validDate: '2017-01-01' }),
    factOf('UnitEnrolled', { schemeId: 'yuxi-2017', unitId: 'xinping', group: 'county', tier: 'county-700', validDate: '2017-01-01' }),
    factOf('UnitEnrolled', { schemeId: 'yuxi-2017', unitId: '市环保局', group: 'city_department', tier: 'dept-400', validDate: '2017-01-01' }),
  ];
}

export function adoption(unitId: string, overrides: Partial<FactOf<'InformationAdopted'>['data']> = {}, id?: string): FactOf<'InformationAdopted'> {
  return factOf(
    'InformationAdopted',
    { itemId: randomUUID(), unitId, level: 'city', publication: 'L', category: 'item', commissionId: null, contributors: [], validDate: '2017-03-02', ...overrides },
    id,
  );
}

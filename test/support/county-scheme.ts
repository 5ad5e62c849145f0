import type { LedgerFact, SchemeDefinition } from '../../events';
import { factOf } from './builders';

/**
 * A second office, scored by the same engine from different data: a county government office
 * (县政府办公室) that reports to a prefecture and a province. Every rule that differs from Yuxi's
 * 2017 scheme is a value here, none is code (SPEC.md section 3, "Readings for these variants"):
 * - quarterly circulars, targets and quotas;
 * - upper-level adoptions paid as a multiple of the item's own points (x2 prefecture, x3 province,
 *   of a base of 5 when the county never adopted the item on or before);
 * - only an item's highest adoption scores;
 * - submitting at all earns 2 points a piece up to 5 points a year. (2 and 5, not 1 and 5: with
 *   1-point pieces the cap is never reached part-way, and that is the case worth proving.)
 * - ties share a rank; two missed commissions zero the year.
 */
export const COUNTY_SCHEME_ID = 'county-2017';

export function countyScheme(overrides: Partial<SchemeDefinition> = {}): SchemeDefinition {
  return {
    title: '2017年度全县政务信息工作考核',
    year: 2017,
    document: { issuer: '县政办发', year: 2017, number: 3 },
    levels: ['county', 'prefecture', 'province'],
    groups: [
      { key: 'township', title: '各乡镇人民政府', assessed: true },
      { key: 'county_department', title: '县级各部门', assessed: true },
      { key: 'other', title: '其他单位', assessed: false },
    ],
    tiers: [
      // 考核分值 and 省采用任务数 per quarter
      { key: 'township-60', group: 'township', target: 60, provincialQuota: 1 },
      { key: 'township-40', group: 'township', target: 40, provincialQuota: 1 },
      { key: 'dept-30', group: 'county_department', target: 30, provincialQuota: 0 },
    ],
    publications: [
      {
        key: 'X',
        name: '《县政务信息》',
        aliases: ['《政务信息》'],
        level: 'county',
        categories: [
          { key: 'lead', name: '头条', points: 8 },
          { key: 'item', name: '信息', points: 4 },
          { key: 'brief', name: '简讯', points: 2 },
        ],
      },
      { key: 'K', name: '《县情快报》', aliases: [], level: 'county', categories: [{ key: 'item', name: '快报', points: 6 }] },
    ],
    upperLevels: [
      { level: 'prefecture', mode: 'multiple', factor: 2, basePoints: 5 },
      { level: 'province', mode: 'multiple', factor: 3, basePoints: 5 },
    ],
    adoptionCounting: 'highest',
    submission: { pointsPerPiece: 2, yearlyCap: 5 },
    periods: { circular: 'quarter', target: 'quarter', quota: 'quarter' },
    instructions: [
      { level: 'province', name: '省领导', points: 50 },
      { level: 'prefecture', name: '市领导', points: 20 },
      { level: 'county', name: '县领导', points: 10 },
    ],
    combinedAdoption: { contributorPoints: 2 },
    deductions: {
      commissionMissed: { mode: 'fixed', points: -5 },
      reportingFailure: { mode: 'fixed', points: -8 },
      falseInformation: { mode: 'range', minPoints: -20, maxPoints: -10 },
    },
    quotaSettlement: { excessPoints: 5, shortfallPoints: -5, directReportingPointShortfallFactor: 1 },
    overrides: [{ kind: 'missedCommissionsZeroYear', count: 2 }],
    ties: { mode: 'shared' },
    awards: [{ group: 'township', bands: [{ award: '一等奖', count: 1 }] }],
    assessmentDeduction: -1,
    ...overrides,
  };
}

/** Registry order: the four townships, then two departments, then 县气象局 (其他单位: enrolled, no tier). */
export const COUNTY_UNITS = ['chengguan', 'beicheng', 'yanhe', 'gaocang', 'czj', 'jyj', 'qxj'] as const;

/** The county scheme published, seven units registered and enrolled. */
export function countyLedger(scheme: SchemeDefinition = countyScheme()): LedgerFact[] {
  const register = (unitId: string, name: string, aliases: string[] = []) => factOf('UnitRegistered', { unitId, name, aliases, validDate: '2017-01-01' });
  const enrol = (unitId: string, group: string, tier: string | null) => factOf('UnitEnrolled', { schemeId: COUNTY_SCHEME_ID, unitId, group, tier, validDate: '2017-01-01' });
  return [
    factOf('SchemePublished', { schemeId: COUNTY_SCHEME_ID, version: 1, validDate: '2017-01-01', scheme }),
    register('chengguan', '城关镇', ['城关']),
    register('beicheng', '北城镇'),
    register('yanhe', '研和镇'),
    register('gaocang', '高仓镇'),
    register('czj', '县财政局', ['县财政']),
    register('jyj', '县教育局'),
    register('qxj', '县气象局'),
    enrol('chengguan', 'township', 'township-60'),
    enrol('beicheng', 'township', 'township-60'),
    enrol('yanhe', 'township', 'township-40'),
    enrol('gaocang', 'township', 'township-40'),
    enrol('czj', 'county_department', 'dept-30'),
    enrol('jyj', 'county_department', 'dept-30'),
    enrol('qxj', 'other', null),
  ];
}

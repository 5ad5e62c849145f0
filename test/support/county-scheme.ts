import type { LedgerFact, SchemeDefinition } from '../../events';
import { COUNTY_SCHEME_ID, countyScheme } from '../../libs/fixtures/county-2017';
import { factOf } from './builders';

export { COUNTY_SCHEME_ID, countyScheme };

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

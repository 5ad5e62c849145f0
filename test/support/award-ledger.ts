import type { LedgerFact } from '../../events';
import { adoption } from './builders';
import { countyLedger, countyScheme } from './county-scheme';

/**
 * Awards by band (SPEC.md section 4): by rank, to units that completed their task, as many places
 * as the scheme's bands give. The county scheme with small quarterly targets (annual = 4 quarters:
 * 5 x 4 = 20 for the 60-tier townships, 2 x 4 = 8 for the 40-tier ones, 1 x 4 = 4 for departments)
 * and bands per group; its ties share a rank. Points: 《县政务信息》 头条 8, 信息 4, 简讯 2.
 */
export function awardScheme(bands: Array<{ award: string; count: number }>) {
  return countyScheme({
    tiers: [
      { key: 'township-60', group: 'township', target: 5, provincialQuota: 0 },
      { key: 'township-40', group: 'township', target: 2, provincialQuota: 0 },
      { key: 'dept-30', group: 'county_department', target: 1, provincialQuota: 0 },
    ],
    awards: [
      { group: 'township', bands },
      { group: 'county_department', bands: [{ award: '一等奖', count: 1 }] },
    ],
  });
}

const x = (unitId: string, category: 'lead' | 'item' | 'brief', day: string) => adoption(unitId, { level: 'county', publication: 'X', category, validDate: `2017-${day}` });

/**
 * 城关镇 3 头条 = 24 (target 20); 北城镇 2 头条 + 1 信息 = 20 (target 20); 研和镇 the same 20 (target 8);
 * 高仓镇 1 简讯 = 2 (target 8: not completed); 县财政局 1 信息 = 4 (target 4); 县教育局 1 简讯 = 2 (not).
 * Ranks (shared): 城关镇 1, 北城镇 and 研和镇 2, 高仓镇 4. 城关镇's third 头条 is recorded last.
 */
export function awardFacts(bands: Array<{ award: string; count: number }>): LedgerFact[] {
  return [
    ...countyLedger(awardScheme(bands)),
    x('chengguan', 'lead', '02-01'),
    x('chengguan', 'lead', '05-01'),
    x('beicheng', 'lead', '02-02'),
    x('beicheng', 'lead', '05-02'),
    x('beicheng', 'item', '08-02'),
    x('yanhe', 'lead', '03-03'),
    x('yanhe', 'lead', '06-03'),
    x('yanhe', 'item', '09-03'),
    x('gaocang', 'brief', '04-04'),
    x('czj', 'item', '04-05'),
    x('jyj', 'brief', '04-06'),
    x('chengguan', 'lead', '11-01'),
  ];
}

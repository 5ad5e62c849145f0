import type { Fact, IsoDate } from './envelope';

/**
 * A scheme (考核方案) is data: everything that scores a year of one office's information work.
 * A later year or another city is a new scheme, never a code change.
 */

/** Structural levels: the office's own level first, then the upper levels the scheme scores. */
export type Level = string; // e.g. 'city', 'province', 'national'

export interface DocumentNumber {
  /** 发文机关代字, e.g. 玉政办电 or 玉政办发 */
  issuer: string;
  year: number;
  number: number;
}

export interface GroupDefinition {
  /** 'county' | 'city_department' | 'central_provincial' | 'other' for Yuxi; any key for other schemes. */
  key: string;
  /** Printed section title, e.g. 各县区人民政府 */
  title: string;
  /** Groups with no target, no quota and no rank (其他单位) set this to false. */
  assessed: boolean;
}

export interface TierDefinition {
  key: string;
  group: string;
  /** 考核分值 per target period. */
  target: number;
  /** 省采用任务数 per quota period: upper-level adoptions the unit owes. */
  provincialQuota: number;
}

export interface CategoryRate {
  key: string; // e.g. 'item', 'dynamic', 'research', 'brief'
  name: string; // e.g. 动态类
  points: number;
}

export interface PublicationDefinition {
  key: string; // e.g. 'L'
  name: string; // e.g. 《玉溪要情》
  aliases: string[]; // e.g. 《信息快报》 for 《信息专报》
  level: Level;
  categories: CategoryRate[];
}

/** How an adoption at an upper level scores. */
/** `name`: how explanations name the level's adoptions (省办采用); absent, the level's key. */
export type UpperLevelRate =
  | { level: Level; name?: string; mode: 'fixed'; points: number; directReportingPointPoints?: number }
  | { level: Level; name?: string; mode: 'multiple'; factor: number; basePoints: number };

export type DeductionRate =
  | { mode: 'fixed'; points: number }
  | { mode: 'range'; minPoints: number; maxPoints: number };

export type TieRule =
  | { mode: 'shared' } // competition ranks on the total alone: 1, 2, 2, 4
  | { mode: 'criteria'; criteria: Array<'total' | 'cityPoints' | 'cityAdopted' | 'provincialAdopted' | 'registryOrder'> };

export interface AwardBand {
  award: string; // 特等奖, 一等奖, ...
  count: number;
}

export interface SchemeDefinition {
  title: string;
  year: number;
  document?: DocumentNumber;
  /** The office's own level first, then the upper levels it scores. */
  levels: Level[];
  groups: GroupDefinition[];
  tiers: TierDefinition[];
  publications: PublicationDefinition[];
  upperLevels: UpperLevelRate[];
  /** 'every': each adoption scores; 'highest': an item never scores more than its highest adoption. */
  adoptionCounting: 'every' | 'highest';
  /** Points for submitting at all, with a yearly cap in points; null when the scheme has none. */
  submission: { pointsPerPiece: number; yearlyCap: number } | null;
  /** Circular periods and the periods targets and quotas are set for. */
  periods: { circular: 'month' | 'quarter' | { merged: number[][] }; target: 'year' | 'quarter' | 'month'; quota: 'year' | 'quarter' | 'month' };
  /** Leader instruction (批示) points by instruction level key. */
  instructions: Array<{ level: string; name: string; points: number }>;
  combinedAdoption: { contributorPoints: number };
  deductions: {
    commissionMissed: DeductionRate;
    reportingFailure: DeductionRate;
    falseInformation: DeductionRate;
  };
  quotaSettlement: { excessPoints: number; shortfallPoints: number; directReportingPointShortfallFactor: number } | null;
  /** e.g. "two missed commissions zero the year" */
  overrides: Array<{ kind: 'missedCommissionsZeroYear'; count: number }>;
  ties: TieRule;
  awards: Array<{ group: string; bands: AwardBand[] }>;
  /** 年度综合考核: points deducted from a unit that did not complete its task. */
  assessmentDeduction: number;
}

/** The first version of a scheme. */
export type SchemePublished = Fact<
  'SchemePublished',
  { schemeId: string; version: number; validDate: IsoDate; scheme: SchemeDefinition }
>;

/**
 * A later version of a scheme, complete (not a patch), in force from its valid date.
 * A complete body keeps every version auditable on its own.
 */
export type SchemeAmended = Fact<
  'SchemeAmended',
  { schemeId: string; version: number; validDate: IsoDate; reason: string; scheme: SchemeDefinition }
>;

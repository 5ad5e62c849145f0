import type { Fact, IsoDate } from './envelope';

/** A piece of information (政务信息) a unit submitted to the office. `itemId` names the piece. */
export type InformationSubmitted = Fact<'InformationSubmitted', { itemId: string; unitId: string; title: string; validDate: IsoDate }>;

/**
 * An adoption of an item by a publication of the office's own level, or by an upper level.
 * - `publication`/`category` are set at the office's own level and optional at upper levels.
 * - `commissionId`: a commissioned item (约稿) scores the points agreed in that commission.
 * - `contributors`: a combined adoption (综合采用); `unitId` is the lead unit.
 */
export type InformationAdopted = Fact<
  'InformationAdopted',
  {
    itemId: string;
    unitId: string;
    level: string;
    publication: string | null;
    category: string | null;
    commissionId: string | null;
    contributors: string[];
    validDate: IsoDate;
  }
>;

/** A leader instruction (批示) on a unit's item. The key is (item, level). */
export type LeaderInstructionRecorded = Fact<
  'LeaderInstructionRecorded',
  { itemId: string; unitId: string; level: string; leader: string; validDate: IsoDate }
>;

/** A commission (约稿) from some level, with the points agreed for it. */
export type CommissionRequested = Fact<
  'CommissionRequested',
  { commissionId: string; unitId: string; level: string; subject: string; agreedPoints: number; dueDate: IsoDate; validDate: IsoDate }
>;

/** A commissioned request not answered in content or on time. */
/**
 * `points`: the amount the office sets where the scheme in force ranges this deduction (then it is
 * required, within the range); left out where the scheme fixes it.
 */
export type CommissionMissed = Fact<'CommissionMissed', { commissionId: string; unitId: string; validDate: IsoDate; reason: string; points?: number }>;

/** Serious late, missing or concealed reporting (迟报、漏报、瞒报). */
export type ReportingFailureRecorded = Fact<
  'ReportingFailureRecorded',
  /** `points`: as a CommissionMissed's, where the scheme ranges this deduction. */
  { unitId: string; failure: 'late' | 'missing' | 'concealed'; description: string; validDate: IsoDate; points?: number }
>;

/** False information with serious consequences; the office sets the (negative) points within the scheme's range. */
export type FalseInformationRecorded = Fact<
  'FalseInformationRecorded',
  { unitId: string; itemId: string | null; points: number; description: string; validDate: IsoDate }
>;

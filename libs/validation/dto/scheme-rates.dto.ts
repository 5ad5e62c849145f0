import type { AwardBand, DeductionRate, SchemeDefinition, TieRule, UpperLevelRate } from '../../../events';
import { ListOf, oneOfElement } from '../rules/lists';
import { ListOfObjects, Variant } from '../rules/nested';
import { compose, isJsonObject, Optional, Rule, type Problem } from '../rules/problem';
import { COUNT_LIMIT, Int, Key, Name, OneOf, POINTS_LIMIT } from '../rules/scalars';
import type { SameKeys } from './same-shape';

/** The parts of a scheme that score: rates, deductions, periods, ties and awards (SPEC section 3). */

type Fixed<U, M> = Extract<U, { mode: M }>;
const BONUS = { min: 0, max: POINTS_LIMIT, reason: 'must be zero or a positive integer' } as const;
const DEDUCTION = { min: -POINTS_LIMIT, max: 0, reason: 'must be zero or a negative integer (a deduction)' } as const;

export class FixedUpperLevelRateDto implements Fixed<UpperLevelRate, 'fixed'> {
  @Key() level!: string;
  /** 省办: how explanations name the level's adoptions */
  @Optional(Name(50)) name?: string;
  @OneOf(['fixed']) mode!: 'fixed';
  @Int(BONUS) points!: number;
  /** 省信息直报点 on the adoption date get this instead (20 in Yuxi 2017). */
  @Optional(Int(BONUS)) directReportingPointPoints?: number;
}

/** A multiple of the item's own points: the highest own-level adoption, or basePoints without one. */
export class MultipleUpperLevelRateDto implements Fixed<UpperLevelRate, 'multiple'> {
  @Key() level!: string;
  @Optional(Name(50)) name?: string;
  @OneOf(['multiple']) mode!: 'multiple';
  /** Whole multiples only, so that every score stays an integer. */
  @Int({ min: 1, max: 100, reason: 'must be a whole multiple from 1 to 100' }) factor!: number;
  @Int(BONUS) basePoints!: number;
}

export type UpperLevelRateDto = FixedUpperLevelRateDto | MultipleUpperLevelRateDto;
export const UPPER_LEVEL_RATES = { fixed: FixedUpperLevelRateDto, multiple: MultipleUpperLevelRateDto };

export class FixedDeductionRateDto implements Fixed<DeductionRate, 'fixed'> {
  @OneOf(['fixed']) mode!: 'fixed';
  @Int(DEDUCTION) points!: number;
}

/** -50 to -30 for false information: the fact carries the amount the office set. */
export class RangeDeductionRateDto implements Fixed<DeductionRate, 'range'> {
  @OneOf(['range']) mode!: 'range';
  @Int(DEDUCTION) minPoints!: number;
  @compose(
    Int(DEDUCTION),
    Rule('rangeOrder', (value, args) => {
      const min = (args.object as RangeDeductionRateDto).minPoints;
      return Number.isInteger(min) && (value as number) < min ? `must not be below minPoints (${min})` : null;
    }),
  )
  maxPoints!: number;
}

export type DeductionRateDto = FixedDeductionRateDto | RangeDeductionRateDto;
const DEDUCTION_RATES = { fixed: FixedDeductionRateDto, range: RangeDeductionRateDto };

export class DeductionsDto implements Readonly<SchemeDefinition['deductions']> {
  @Variant('mode', DEDUCTION_RATES) commissionMissed!: DeductionRateDto;
  @Variant('mode', DEDUCTION_RATES) reportingFailure!: DeductionRateDto;
  @Variant('mode', DEDUCTION_RATES) falseInformation!: DeductionRateDto;
}

/** Competition ranks on the total alone: 1, 2, 2, 4. */
export class SharedTieRuleDto implements Fixed<TieRule, 'shared'> {
  @OneOf(['shared']) mode!: 'shared';
}

export const TIE_CRITERIA = ['total', 'cityPoints', 'cityAdopted', 'provincialAdopted', 'registryOrder'] as const;

export class CriteriaTieRuleDto implements Fixed<TieRule, 'criteria'> {
  @OneOf(['criteria']) mode!: 'criteria';
  @ListOf(oneOfElement(TIE_CRITERIA), { minSize: 1, unique: true }) criteria!: Array<(typeof TIE_CRITERIA)[number]>;
}

export type TieRuleDto = SharedTieRuleDto | CriteriaTieRuleDto;
export const TIE_RULES = { shared: SharedTieRuleDto, criteria: CriteriaTieRuleDto };

export class AwardBandDto implements AwardBand {
  /** 特等奖, 一等奖, ... */
  @Name(50) award!: string;
  @Int({ min: 0, max: 1000, reason: 'must be zero or a positive integer' }) count!: number;
}

export class GroupAwardsDto implements Readonly<SchemeDefinition['awards'][number]> {
  @Key() group!: string;
  @ListOfObjects(() => AwardBandDto) bands!: AwardBandDto[];
}

/** 批示 points by instruction level (国务院领导, 省政府领导, 市政府领导, 市政府办公室领导). */
export class InstructionRateDto implements Readonly<SchemeDefinition['instructions'][number]> {
  @Key() level!: string;
  @Name() name!: string;
  @Int({ min: 1, max: POINTS_LIMIT, reason: 'must be a positive integer' }) points!: number;
}

export class SubmissionRateDto implements Readonly<NonNullable<SchemeDefinition['submission']>> {
  @Int({ min: 1, max: POINTS_LIMIT, reason: 'must be a positive integer' }) pointsPerPiece!: number;
  /** In points, handed out in valid-date order; the piece that reaches it may score part. */
  @Int({ min: 1, max: COUNT_LIMIT, reason: 'must be a positive integer' }) yearlyCap!: number;
}

export class CombinedAdoptionDto implements Readonly<SchemeDefinition['combinedAdoption']> {
  /** 综合采用: +5 in Yuxi 2017, in no adoption column. */
  @Int(BONUS) contributorPoints!: number;
}

export class QuotaSettlementRateDto implements Readonly<NonNullable<SchemeDefinition['quotaSettlement']>> {
  @Int(BONUS) excessPoints!: number;
  @Int(DEDUCTION) shortfallPoints!: number;
  /** A direct reporting point that is short is deducted this many times (2 in Yuxi 2017). */
  @Int({ min: 1, max: 100, reason: 'must be a positive integer' }) directReportingPointShortfallFactor!: number;
}

export class OverrideDto implements Readonly<SchemeDefinition['overrides'][number]> {
  @OneOf(['missedCommissionsZeroYear']) kind!: 'missedCommissionsZeroYear';
  @Int({ min: 1, max: 1000, reason: 'must be a positive integer' }) count!: number;
}

const CIRCULAR_REASON = 'must be "month", "quarter" or { "merged": [[1, 2], [3], ..., [12]] }';

/**
 * 'month' | 'quarter' | { merged: number[][] }: checked here in one go, naming the element. The
 * merged periods must list the months 1 to 12 once each, in order, so every month has one circular.
 */
export function circularPeriodProblem(value: unknown): Problem | string | null {
  if (value === undefined) return 'is required';
  if (typeof value === 'string') return value === 'month' || value === 'quarter' ? null : CIRCULAR_REASON;
  if (!isJsonObject(value)) return CIRCULAR_REASON;
  const extra = Object.keys(value).find((key) => key !== 'merged');
  if (extra !== undefined) return { at: `.${extra}`, reason: 'unknown field' };
  const merged = value['merged'];
  if (!Array.isArray(merged)) return { at: '.merged', reason: merged === undefined ? 'is required' : 'must be a list of month lists, e.g. [[1, 2], [3], ..., [12]]' };
  let next = 1;
  for (let i = 0; i < merged.length; i += 1) {
    const period: unknown = merged[i];
    if (!Array.isArray(period) || period.length === 0) return { at: `.merged[${i}]`, reason: 'must be a non-empty list of months' };
    for (let j = 0; j < period.length; j += 1) {
      const month: unknown = period[j];
      if (typeof month !== 'number' || !Number.isInteger(month) || month < 1 || month > 12) return { at: `.merged[${i}][${j}]`, reason: 'must be a month from 1 to 12' };
      if (month !== next) return { at: `.merged[${i}][${j}]`, reason: `must be ${next}: the periods list the months 1 to 12 once each, in order` };
      next += 1;
    }
  }
  return next === 13 ? null : { at: '.merged', reason: `must cover the months 1 to 12 (it ends at ${next - 1})` };
}

const PERIOD_UNITS = ['year', 'quarter', 'month'] as const;

export class PeriodsDto implements Readonly<SchemeDefinition['periods']> {
  @Rule('circularPeriod', circularPeriodProblem) circular!: SchemeDefinition['periods']['circular'];
  @OneOf(PERIOD_UNITS) target!: 'year' | 'quarter' | 'month';
  @OneOf(PERIOD_UNITS) quota!: 'year' | 'quarter' | 'month';
}

const _fixedUpper: SameKeys<FixedUpperLevelRateDto, Fixed<UpperLevelRate, 'fixed'>> = true;
const _multipleUpper: SameKeys<MultipleUpperLevelRateDto, Fixed<UpperLevelRate, 'multiple'>> = true;
const _fixedDeduction: SameKeys<FixedDeductionRateDto, Fixed<DeductionRate, 'fixed'>> = true;
const _rangeDeduction: SameKeys<RangeDeductionRateDto, Fixed<DeductionRate, 'range'>> = true;
const _deductions: SameKeys<DeductionsDto, SchemeDefinition['deductions']> = true;
const _sharedTie: SameKeys<SharedTieRuleDto, Fixed<TieRule, 'shared'>> = true;
const _criteriaTie: SameKeys<CriteriaTieRuleDto, Fixed<TieRule, 'criteria'>> = true;
const _awardBand: SameKeys<AwardBandDto, AwardBand> = true;
const _groupAwards: SameKeys<GroupAwardsDto, SchemeDefinition['awards'][number]> = true;
const _instruction: SameKeys<InstructionRateDto, SchemeDefinition['instructions'][number]> = true;
const _submission: SameKeys<SubmissionRateDto, NonNullable<SchemeDefinition['submission']>> = true;
const _combined: SameKeys<CombinedAdoptionDto, SchemeDefinition['combinedAdoption']> = true;
const _settlement: SameKeys<QuotaSettlementRateDto, NonNullable<SchemeDefinition['quotaSettlement']>> = true;
const _override: SameKeys<OverrideDto, SchemeDefinition['overrides'][number]> = true;
const _periods: SameKeys<PeriodsDto, SchemeDefinition['periods']> = true;

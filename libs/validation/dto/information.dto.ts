import type { IsoDate } from '../../../events';
import { keyElement, ListOf } from '../rules/lists';
import { compose, Nullable, Optional, Rule } from '../rules/problem';
import { CalendarDate, Int, Key, Name, OneOf, POINTS_LIMIT, Text } from '../rules/scalars';
import type { DataOf } from './same-shape';

/**
 * Facts about a unit's information work (SPEC section 4). Whether a level, publication, category
 * or commission exists in the scheme in force, and whether an amount is within the scheme's range,
 * depends on the ledger's state and is checked there.
 */

export class InformationSubmittedDto implements DataOf<'InformationSubmitted'> {
  @Key() itemId!: string;
  @Key() unitId!: string;
  @Text(500) title!: string;
  @CalendarDate() validDate!: IsoDate;
}

export class InformationAdoptedDto implements DataOf<'InformationAdopted'> {
  @Key() itemId!: string;
  /** The lead unit: it gets the item's normal credit. */
  @Key() unitId!: string;
  @Key() level!: string;
  /** The publication's key (or a name or alias the scheme lists); null at an upper level. */
  @Nullable(Name()) publication!: string | null;
  /** A category belongs to a publication, so it cannot be given without one. */
  @Nullable(compose(Key(), Rule('categoryNeedsPublication', (_value, args) => (args.object as InformationAdoptedDto).publication === null ? 'must be null when publication is null (a category belongs to a publication)' : null)))
  category!: string | null;
  /** 约稿: the adoption scores the points agreed in that commission instead of the category's. */
  @Nullable(Key()) commissionId!: string | null;
  /** 综合采用: the other units whose submissions were merged into this item; each gets the contributor points. */
  @ListOf(keyElement, { unique: true, notSibling: { property: 'unitId', reason: 'is the lead unit (unitId); the lead gets the normal credit and is not also a contributor' } })
  contributors!: string[];
  @CalendarDate() validDate!: IsoDate;
}

/** 批示: the key is (item, level); each level earns at most once per item. */
export class LeaderInstructionRecordedDto implements DataOf<'LeaderInstructionRecorded'> {
  @Key() itemId!: string;
  @Key() unitId!: string;
  @Key() level!: string;
  @Name() leader!: string;
  @CalendarDate() validDate!: IsoDate;
}

export class CommissionRequestedDto implements DataOf<'CommissionRequested'> {
  @Key() commissionId!: string;
  @Key() unitId!: string;
  @Key() level!: string;
  @Text(500) subject!: string;
  @Int({ min: 1, max: POINTS_LIMIT, reason: `must be a positive integer (at most ${POINTS_LIMIT})` }) agreedPoints!: number;
  @CalendarDate({ notBefore: 'validDate' }) dueDate!: IsoDate;
  @CalendarDate() validDate!: IsoDate;
}

export class CommissionMissedDto implements DataOf<'CommissionMissed'> {
  @Key() commissionId!: string;
  @Key() unitId!: string;
  @CalendarDate() validDate!: IsoDate;
  @Text() reason!: string;
  /** Where the scheme ranges the deduction, the office's amount; whether the scheme ranges it, and the range, is the ledger's check. */
  @Optional(Int({ min: -POINTS_LIMIT, max: -1, reason: 'must be a negative integer (a deduction)' })) points?: number;
}

/** 迟报、漏报、瞒报 */
export class ReportingFailureRecordedDto implements DataOf<'ReportingFailureRecorded'> {
  @Key() unitId!: string;
  @OneOf(['late', 'missing', 'concealed']) failure!: 'late' | 'missing' | 'concealed';
  @Text() description!: string;
  @CalendarDate() validDate!: IsoDate;
  /** As CommissionMissedDto's. */
  @Optional(Int({ min: -POINTS_LIMIT, max: -1, reason: 'must be a negative integer (a deduction)' })) points?: number;
}

export class FalseInformationRecordedDto implements DataOf<'FalseInformationRecorded'> {
  @Key() unitId!: string;
  @Nullable(Key()) itemId!: string | null;
  /** The office sets the amount; whether it is within the scheme's range is the ledger's check. */
  @Int({ min: -POINTS_LIMIT, max: -1, reason: 'must be a negative integer (false information deducts points)' }) points!: number;
  @Text() description!: string;
  @CalendarDate() validDate!: IsoDate;
}

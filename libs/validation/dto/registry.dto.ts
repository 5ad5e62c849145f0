import type { IsoDate } from '../../../events';
import { ListOf, nameElement } from '../rules/lists';
import { Nullable } from '../rules/problem';
import { CalendarDate, Key, Name, Text } from '../rules/scalars';
import type { DataOf } from './same-shape';

/**
 * The unit registry and enrolment in a scheme. Whether the unit, scheme, group or tier exists is
 * checked by the ledger against what was recorded before; here only the shape.
 */

export class UnitRegisteredDto implements DataOf<'UnitRegistered'> {
  @Key() unitId!: string;
  /** The official (printed) name. */
  @Name() name!: string;
  /** Other names the documents use (市环保局 for 市环境保护局); never the name itself, never twice. */
  @ListOf(nameElement, { unique: true, notSibling: { property: 'name', reason: 'is the official name; list only other names' } })
  aliases!: string[];
  @CalendarDate() validDate!: IsoDate;
}

export class UnitAliasAddedDto implements DataOf<'UnitAliasAdded'> {
  @Key() unitId!: string;
  @Name() alias!: string;
  @CalendarDate() validDate!: IsoDate;
}

export class UnitRenamedDto implements DataOf<'UnitRenamed'> {
  @Key() unitId!: string;
  @Name() name!: string;
  @CalendarDate() validDate!: IsoDate;
}

export class UnitEnrolledDto implements DataOf<'UnitEnrolled'> {
  @Key() schemeId!: string;
  @Key() unitId!: string;
  @Key() group!: string;
  /** null for a group with no target (其他单位). */
  @Nullable(Key()) tier!: string | null;
  @CalendarDate() validDate!: IsoDate;
}

export class UnitWithdrawnDto implements DataOf<'UnitWithdrawn'> {
  @Key() schemeId!: string;
  @Key() unitId!: string;
  @CalendarDate() validDate!: IsoDate;
  @Text() reason!: string;
}

export class UnitTierChangedDto implements DataOf<'UnitTierChanged'> {
  @Key() schemeId!: string;
  @Key() unitId!: string;
  @Key() tier!: string;
  @CalendarDate() validDate!: IsoDate;
  @Text() reason!: string;
}

export class UnitGroupChangedDto implements DataOf<'UnitGroupChanged'> {
  @Key() schemeId!: string;
  @Key() unitId!: string;
  @Key() group!: string;
  @Nullable(Key()) tier!: string | null;
  @CalendarDate() validDate!: IsoDate;
  @Text() reason!: string;
}

/** 省信息直报点 */
export class DirectReportingPointDesignatedDto implements DataOf<'DirectReportingPointDesignated'> {
  @Key() schemeId!: string;
  @Key() unitId!: string;
  @Key() level!: string;
  @CalendarDate() validDate!: IsoDate;
  @Text() reason!: string;
}

export class DirectReportingPointWithdrawnDto implements DataOf<'DirectReportingPointWithdrawn'> {
  @Key() schemeId!: string;
  @Key() unitId!: string;
  @Key() level!: string;
  @CalendarDate() validDate!: IsoDate;
  @Text() reason!: string;
}

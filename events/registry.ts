import type { Fact, IsoDate } from './envelope';

/** Unit registry: one unit, several names. Registry order is the order of UnitRegistered facts. */
export type UnitRegistered = Fact<'UnitRegistered', { unitId: string; name: string; aliases: string[]; validDate: IsoDate }>;

export type UnitAliasAdded = Fact<'UnitAliasAdded', { unitId: string; alias: string; validDate: IsoDate }>;

/** The official (printed) name changes; the old name stays an alias. */
export type UnitRenamed = Fact<'UnitRenamed', { unitId: string; name: string; validDate: IsoDate }>;

/** A unit joins a scheme's assessment in a group and (for assessed groups) a tier. */
export type UnitEnrolled = Fact<'UnitEnrolled', { schemeId: string; unitId: string; group: string; tier: string | null; validDate: IsoDate }>;

/** A unit leaves a scheme's assessment (市金融办 in 2017). */
export type UnitWithdrawn = Fact<'UnitWithdrawn', { schemeId: string; unitId: string; validDate: IsoDate; reason: string }>;

/** Tier changes are facts with an effective date, not edits (红塔区 and 易门县 swapped in 2017). */
export type UnitTierChanged = Fact<'UnitTierChanged', { schemeId: string; unitId: string; tier: string; validDate: IsoDate; reason: string }>;

export type UnitGroupChanged = Fact<'UnitGroupChanged', { schemeId: string; unitId: string; group: string; tier: string | null; validDate: IsoDate; reason: string }>;

/** 省信息直报点: reports straight to an upper level. */
export type DirectReportingPointDesignated = Fact<'DirectReportingPointDesignated', { schemeId: string; unitId: string; level: string; validDate: IsoDate; reason: string }>;

export type DirectReportingPointWithdrawn = Fact<'DirectReportingPointWithdrawn', { schemeId: string; unitId: string; level: string; validDate: IsoDate; reason: string }>;

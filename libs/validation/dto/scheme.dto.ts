import type { IsoDate, SchemeDefinition } from '../../../events';
import { YEARS } from '../rules/calendar';
import { keyElement, ListOf } from '../rules/lists';
import { ListOfObjects, NestedObject, Variant } from '../rules/nested';
import { Nullable, Optional } from '../rules/problem';
import { CalendarDate, Int, Key, Name, OneOf, POINTS_LIMIT, Text } from '../rules/scalars';
import { DocumentNumberDto, GroupDefinitionDto, PublicationDefinitionDto, TierDefinitionDto } from './scheme-parts.dto';
import {
  CombinedAdoptionDto,
  DeductionsDto,
  GroupAwardsDto,
  InstructionRateDto,
  OverrideDto,
  PeriodsDto,
  QuotaSettlementRateDto,
  SubmissionRateDto,
  TIE_RULES,
  UPPER_LEVEL_RATES,
  type TieRuleDto,
  type UpperLevelRateDto,
} from './scheme-rates.dto';
import type { DataOf, SameKeys } from './same-shape';

/**
 * A scheme (考核方案) is data: a later year or another city is a new scheme, not a code change.
 * "A scheme with an unknown mode or a malformed value is rejected, naming the field" (SPEC 3).
 * Cross-references inside one body (a tier's group, a rate's level) are checked afterwards by
 * scheme-consistency.ts, once the shape is known to be right.
 */
export class SchemeDefinitionDto implements SchemeDefinition {
  @Name(500) title!: string;
  @Int({ min: YEARS.min, max: YEARS.max }) year!: number;
  @Optional(NestedObject(() => DocumentNumberDto)) document?: DocumentNumberDto;
  /** The office's own level first, then the upper levels it scores. */
  @ListOf(keyElement, { minSize: 1, unique: true }) levels!: string[];
  @ListOfObjects(() => GroupDefinitionDto, { minSize: 1 }) groups!: GroupDefinitionDto[];
  @ListOfObjects(() => TierDefinitionDto) tiers!: TierDefinitionDto[];
  @ListOfObjects(() => PublicationDefinitionDto) publications!: PublicationDefinitionDto[];
  @Variant('mode', UPPER_LEVEL_RATES, { each: true }) upperLevels!: UpperLevelRateDto[];
  @OneOf(['every', 'highest']) adoptionCounting!: 'every' | 'highest';
  @Nullable(NestedObject(() => SubmissionRateDto)) submission!: SubmissionRateDto | null;
  @NestedObject(() => PeriodsDto) periods!: PeriodsDto;
  @ListOfObjects(() => InstructionRateDto) instructions!: InstructionRateDto[];
  @NestedObject(() => CombinedAdoptionDto) combinedAdoption!: CombinedAdoptionDto;
  @NestedObject(() => DeductionsDto) deductions!: DeductionsDto;
  @Nullable(NestedObject(() => QuotaSettlementRateDto)) quotaSettlement!: QuotaSettlementRateDto | null;
  @ListOfObjects(() => OverrideDto) overrides!: OverrideDto[];
  @Variant('mode', TIE_RULES) ties!: TieRuleDto;
  @ListOfObjects(() => GroupAwardsDto) awards!: GroupAwardsDto[];
  /** 年度综合考核: deducted from a unit that did not complete its task (-1 in Yuxi 2017). */
  @Int({ min: -POINTS_LIMIT, max: 0, reason: 'must be zero or a negative integer (a deduction)' }) assessmentDeduction!: number;
}

export class SchemePublishedDto implements DataOf<'SchemePublished'> {
  @Key() schemeId!: string;
  @Int({ min: 1, max: 1, reason: "must be 1: SchemePublished records a scheme's first version (later ones are SchemeAmended)" }) version!: number;
  @CalendarDate() validDate!: IsoDate;
  @NestedObject(() => SchemeDefinitionDto) scheme!: SchemeDefinitionDto;
}

/** A complete body, not a patch: every version stays auditable on its own. */
export class SchemeAmendedDto implements DataOf<'SchemeAmended'> {
  @Key() schemeId!: string;
  @Int({ min: 2, max: 10_000, reason: 'must be 2 or more: version 1 is the SchemePublished fact' }) version!: number;
  @CalendarDate() validDate!: IsoDate;
  @Text() reason!: string;
  @NestedObject(() => SchemeDefinitionDto) scheme!: SchemeDefinitionDto;
}

const _definition: SameKeys<SchemeDefinitionDto, SchemeDefinition> = true;

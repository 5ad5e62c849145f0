import type { CategoryRate, DocumentNumber, GroupDefinition, PublicationDefinition, TierDefinition } from '../../../events';
import { ListOf, nameElement } from '../rules/lists';
import { ListOfObjects } from '../rules/nested';
import { Bool, COUNT_LIMIT, Int, Key, Name, POINTS_LIMIT } from '../rules/scalars';
import { YEARS } from '../rules/calendar';
import type { SameKeys } from './same-shape';

/** The parts of a scheme (考核方案) that name things: documents, groups, tiers, publications. */

/** 文号, stored as parts and printed 玉政办发〔2018〕50号. */
export class DocumentNumberDto implements DocumentNumber {
  /** 发文机关代字, e.g. 玉政办发 */
  @Name(50) issuer!: string;
  @Int({ min: YEARS.min, max: YEARS.max }) year!: number;
  @Int({ min: 1, max: COUNT_LIMIT, reason: 'must be a positive integer' }) number!: number;
}

export class GroupDefinitionDto implements GroupDefinition {
  @Key() key!: string;
  /** Printed section title, e.g. 各县区人民政府 */
  @Name() title!: string;
  /** false for 其他单位: no target, no quota, no rank. */
  @Bool() assessed!: boolean;
}

export class TierDefinitionDto implements TierDefinition {
  @Key() key!: string;
  @Key() group!: string;
  /** 考核分值 per target period */
  @Int({ min: 0, max: COUNT_LIMIT, reason: 'must be zero or a positive integer' }) target!: number;
  /** 省采用任务数 per quota period */
  @Int({ min: 0, max: COUNT_LIMIT, reason: 'must be zero or a positive integer' }) provincialQuota!: number;
}

export class CategoryRateDto implements CategoryRate {
  @Key() key!: string;
  @Name() name!: string;
  /** An adoption in a category always earns something; "no rate" is a missing category, not 0. */
  @Int({ min: 1, max: POINTS_LIMIT, reason: 'must be a positive integer' }) points!: number;
}

export class PublicationDefinitionDto implements PublicationDefinition {
  @Key() key!: string;
  @Name() name!: string;
  /** 《信息快报》 for 《信息专报》: one publication, several names. */
  @ListOf(nameElement, { unique: true, notSibling: { property: 'name', reason: 'is the publication name; list only other names' } })
  aliases!: string[];
  @Key() level!: string;
  @ListOfObjects(() => CategoryRateDto, { minSize: 1 }) categories!: CategoryRateDto[];
}

const _document: SameKeys<DocumentNumberDto, DocumentNumber> = true;
const _group: SameKeys<GroupDefinitionDto, GroupDefinition> = true;
const _tier: SameKeys<TierDefinitionDto, TierDefinition> = true;
const _category: SameKeys<CategoryRateDto, CategoryRate> = true;
const _publication: SameKeys<PublicationDefinitionDto, PublicationDefinition> = true;

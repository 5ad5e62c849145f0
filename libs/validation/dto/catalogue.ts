import type { FactKind, FactOf } from '../../../events';
import type { DtoClass } from '../rules/nested';
import { CircularIssuedDto } from './circulars.dto';
import { FactCorrectedDto } from './corrections.dto';
import {
  CommissionMissedDto,
  CommissionRequestedDto,
  FalseInformationRecordedDto,
  InformationAdoptedDto,
  InformationSubmittedDto,
  LeaderInstructionRecordedDto,
  ReportingFailureRecordedDto,
} from './information.dto';
import {
  DirectReportingPointDesignatedDto,
  DirectReportingPointWithdrawnDto,
  UnitAliasAddedDto,
  UnitEnrolledDto,
  UnitGroupChangedDto,
  UnitRegisteredDto,
  UnitRenamedDto,
  UnitTierChangedDto,
  UnitWithdrawnDto,
} from './registry.dto';
import type { SameKeys } from './same-shape';
import { SchemeAmendedDto, SchemePublishedDto } from './scheme.dto';
import { QuotaSettledDto } from './settlement.dto';

/**
 * The DTO class that validates each kind's `data`. Keyed by FactKind, so a new kind in
 * events/catalogue.ts does not compile until it has a DTO here.
 */
export const FACT_DATA_DTOS = {
  SchemePublished: SchemePublishedDto,
  SchemeAmended: SchemeAmendedDto,
  UnitRegistered: UnitRegisteredDto,
  UnitAliasAdded: UnitAliasAddedDto,
  UnitRenamed: UnitRenamedDto,
  UnitEnrolled: UnitEnrolledDto,
  UnitWithdrawn: UnitWithdrawnDto,
  UnitTierChanged: UnitTierChangedDto,
  UnitGroupChanged: UnitGroupChangedDto,
  DirectReportingPointDesignated: DirectReportingPointDesignatedDto,
  DirectReportingPointWithdrawn: DirectReportingPointWithdrawnDto,
  InformationSubmitted: InformationSubmittedDto,
  InformationAdopted: InformationAdoptedDto,
  LeaderInstructionRecorded: LeaderInstructionRecordedDto,
  CommissionRequested: CommissionRequestedDto,
  CommissionMissed: CommissionMissedDto,
  ReportingFailureRecorded: ReportingFailureRecordedDto,
  FalseInformationRecorded: FalseInformationRecordedDto,
  QuotaSettled: QuotaSettledDto,
  FactCorrected: FactCorrectedDto,
  CircularIssued: CircularIssuedDto,
} as const satisfies { readonly [K in FactKind]: DtoClass<FactOf<K>['data']> };

/** Every DTO declares exactly its kind's keys (the `satisfies` above checks the types). */
type AllTrue<T> = T[keyof T] extends true ? true : T;
const _exactKeys: AllTrue<{ [K in FactKind]: SameKeys<InstanceType<(typeof FACT_DATA_DTOS)[K]>, FactOf<K>['data']> }> = true;

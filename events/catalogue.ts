import type { CircularIssued } from './circulars';
import type { FactCorrected } from './corrections';
import type {
  CommissionMissed,
  CommissionRequested,
  FalseInformationRecorded,
  InformationAdopted,
  InformationSubmitted,
  LeaderInstructionRecorded,
  ReportingFailureRecorded,
} from './information';
import type {
  DirectReportingPointDesignated,
  DirectReportingPointWithdrawn,
  UnitAliasAdded,
  UnitEnrolled,
  UnitGroupChanged,
  UnitRegistered,
  UnitRenamed,
  UnitTierChanged,
  UnitWithdrawn,
} from './registry';
import type { SchemeAmended, SchemePublished } from './scheme';
import type { QuotaSettled } from './settlement';

/** Every fact kind the ledger knows. A fold that switches on `type` must handle each one. */
export type LedgerFact =
  | SchemePublished
  | SchemeAmended
  | UnitRegistered
  | UnitAliasAdded
  | UnitRenamed
  | UnitEnrolled
  | UnitWithdrawn
  | UnitTierChanged
  | UnitGroupChanged
  | DirectReportingPointDesignated
  | DirectReportingPointWithdrawn
  | InformationSubmitted
  | InformationAdopted
  | LeaderInstructionRecorded
  | CommissionRequested
  | CommissionMissed
  | ReportingFailureRecorded
  | FalseInformationRecorded
  | QuotaSettled
  | FactCorrected
  | CircularIssued;

export type FactKind = LedgerFact['type'];

/** Current shape version of each kind's `data`. Bump it when a shape changes and add an upcaster. */
export const CURRENT_SCHEMA_VERSION: Readonly<Record<FactKind, number>> = {
  SchemePublished: 1,
  SchemeAmended: 1,
  UnitRegistered: 1,
  UnitAliasAdded: 1,
  UnitRenamed: 1,
  UnitEnrolled: 1,
  UnitWithdrawn: 1,
  UnitTierChanged: 1,
  UnitGroupChanged: 1,
  DirectReportingPointDesignated: 1,
  DirectReportingPointWithdrawn: 1,
  InformationSubmitted: 1,
  InformationAdopted: 1,
  LeaderInstructionRecorded: 1,
  CommissionRequested: 1,
  CommissionMissed: 1,
  ReportingFailureRecorded: 1,
  FalseInformationRecorded: 1,
  QuotaSettled: 1,
  FactCorrected: 1,
  CircularIssued: 1,
};

export const FACT_KINDS = Object.keys(CURRENT_SCHEMA_VERSION) as FactKind[];

export function isFactKind(type: string): type is FactKind {
  return Object.prototype.hasOwnProperty.call(CURRENT_SCHEMA_VERSION, type);
}

export type FactOf<K extends FactKind> = Extract<LedgerFact, { type: K }>;

import type { FactMetadata, IsoTime } from '../../../events';
import { Optional } from '../rules/problem';
import { Instant, Int, Name, Text } from '../rules/scalars';
import type { SameKeys } from './same-shape';

/**
 * The metadata a fact may carry. recordedAt, recordedBy and position are written by the ledger
 * (clock, credential, store) and appear in exports, so an import may carry them; the API refuses
 * them (validate-fact.ts). Whether schemaVersion exists for the fact's kind needs the kind, so
 * that range is checked there too.
 */
export class FactMetadataDto implements FactMetadata {
  @Optional(Int({ min: 1, max: 10_000, reason: 'must be a positive integer' })) schemaVersion?: number;
  @Optional(Instant()) recordedAt?: IsoTime;
  @Optional(Name()) recordedBy?: string;
  @Optional(Int({ min: 1, max: Number.MAX_SAFE_INTEGER, reason: 'must be a positive integer' })) position?: number;
  /** Free-form provenance: source document, batch. */
  @Optional(Text(500)) source?: string;
  @Optional(Text()) note?: string;
}

const _metadata: SameKeys<FactMetadataDto, FactMetadata> = true;

import type { Fact, IsoDate } from './envelope';
import type { DocumentNumber } from './scheme';

export type CircularKind = 'annual' | 'failing' | 'monthly' | 'assessment';

/**
 * A circular (通报) as issued: enough to recompute it later at the same ledger position and
 * compare digests byte for byte.
 */
export type CircularIssued = Fact<
  'CircularIssued',
  {
    circularId: string;
    kind: CircularKind;
    /** '2017' or '2017-03' */
    period: string;
    document: DocumentNumber;
    issueDate: IsoDate;
    /** The ledger position the content was computed at, and the chain's head hash there. */
    position: number;
    headHash: string;
    scheme: { id: string; version: number };
    /** 'sha256:<hex>' of the RFC 8785 canonical JSON of the content */
    digest: string;
    validDate: IsoDate;
    /** The canonical content as published (its digest is `digest`), so a failed verification can name the cells that differ. */
    content?: Record<string, unknown>;
  }
>;

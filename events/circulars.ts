import type { Fact, IsoDate } from './envelope';
import type { DocumentNumber } from './scheme';

/** The kinds of circular, in the order the office issues them over a year's close. */
export const CIRCULAR_KINDS = ['annual', 'failing', 'monthly', 'assessment'] as const;
export type CircularKind = (typeof CIRCULAR_KINDS)[number];

/**
 * A part of a year a periodic view or circular covers: a month (2017-03), a quarter (2017-Q1) or
 * merged months (2017-01/02), as a scheme's circular periods may be (SPEC.md section 3).
 */
export const PART_OF_YEAR = /^(\d{4})-(?:(0[1-9]|1[0-2])(?:\/(0[1-9]|1[0-2]))?|Q([1-4]))$/;

/**
 * The version of the content's shape that circulars are issued in now. 1: as first issued;
 * 2: the annual circular also names the units with serious reporting errors and with late
 * commissions (the source's 重大失误 and 约稿 sentences); 3: the failing circular also names the
 * notice its targets were set by (the source's 按照《…》（玉政办电〔2017〕1号）的要求) and the
 * office's own closing paragraphs, when the request gives them; 4: the office's own attachments
 * (the source's 附件：1．领导批示抄清 …) and its disclosure note (（此件公开发布）), when the request
 * gives them; 5: a table spanning several target periods (quarters) counts each one's target under
 * the scheme version in force on that period's own last day, not the table's; 6: a target period
 * at whose last day the unit stood withdrawn has no target (a unit out from May and back in
 * October owes Q1 and Q4), as its quota period owes no settlement; 7: an item's adoptions of another
 * year are read under their own year's scheme (a December adoption is the own points of a January
 * multiple, and what "highest only" has paid). A circular is re-derived in the version it was issued
 * in, so one issued in an earlier version still verifies.
 */
export const CIRCULAR_CONTENT_VERSION = 7;

/**
 * A circular (通报) as issued: enough to recompute it later at the same ledger position and
 * compare digests byte for byte.
 */
export type CircularIssued = Fact<
  'CircularIssued',
  {
    circularId: string;
    kind: CircularKind;
    /** '2017' (annual, failing, assessment), or a part of the year (monthly: '2017-03', '2017-Q1', '2017-01/02') */
    period: string;
    document: DocumentNumber;
    issueDate: IsoDate;
    /**
     * The office's own paragraphs, after what the ledger derives (content version 3): what no fact
     * records, such as a failing circular's rectification and its deadline. Absent: none.
     */
    paragraphs?: string[];
    /**
     * The titles of the documents the office attaches (content version 4), printed in order after
     * what the ledger attaches itself (the table of an annual or monthly circular). Absent: none.
     */
    attachments?: string[];
    /** The disclosure note printed under the date (content version 4), e.g. 此件公开发布. Absent: none. */
    disclosure?: string;
    /** The ledger position the content was computed at, and the chain's head hash there. */
    position: number;
    headHash: string;
    scheme: { id: string; version: number };
    /** 'sha256:<hex>' of the RFC 8785 canonical JSON of the content */
    digest: string;
    validDate: IsoDate;
    /**
     * The shape of the content (`circularContent`'s version) it was computed in, so it is
     * re-derived in the same shape however the product has grown since; absent: 1.
     */
    contentVersion?: number;
    /** The canonical content as published (its digest is `digest`), so a failed verification can name the cells that differ. */
    content?: Record<string, unknown>;
  }
>;

import { randomUUID } from 'node:crypto';
import { digestOf } from '../../libs/canonical';
import { LEDGER_STREAM, StaleDecisionError, type Ledger } from '../../libs/ledger';
import type { EventStorePort } from '../../libs/store';
import { CIRCULAR_CONTENT_VERSION, type CircularIssued, type LedgerFact } from '../../events';
import { calendarDateProblem, FactValidationError, validateFact, YEARS } from '../../libs/validation';
import { CircularRequestError, circularContent, correctionsAsOf, isLiveAsOf, lastDay, partOfYear, printDocumentNumber, type CircularContent, type CircularRequest, type Recorded } from '../../projections';
import { ProjectionBehindError, type ScoringProjection } from '../projections/scoring-projection';
import { differences, type Difference } from './content-diff';

/** Where each field of the recorded fact comes from in a request (`ledger circular issue`'s flags). */
const REQUEST_FIELDS: ReadonlyArray<[prefix: string, flag: string, value: (request: CircularRequest) => string]> = [
  ['data.issueDate', '--date', (r) => r.issueDate],
  ['data.validDate', '--date', (r) => r.issueDate],
  ['data.document', '--number', (r) => printDocumentNumber(r.document)],
  ['data.period', '--period', (r) => r.period],
];

/**
 * The fact as the ledger's import would check it (so an export of the ledger always re-imports):
 * a problem is named by the request's flag and value, `--date: 2018-02-30: is not a calendar date`.
 */
function issuable(fact: unknown, request: CircularRequest): LedgerFact {
  try {
    return validateFact(fact);
  } catch (error) {
    if (!(error instanceof FactValidationError)) throw error;
    const [first] = error.errors;
    const listed = /^data\.(paragraphs|attachments)\[(\d+)\]$/.exec(first.field);
    if (listed) throw new CircularRequestError(`--${listed[1].slice(0, -1)}: the ${Number(listed[2]) + 1}. ${listed[1].slice(0, -1)} ${first.reason}`, first.field.slice('data.'.length), first.reason);
    if (first.field === 'data.disclosure') throw new CircularRequestError(`--disclosure: ${first.reason}`, 'disclosure', first.reason);
    const source = REQUEST_FIELDS.find(([prefix]) => first.field === prefix || first.field.startsWith(`${prefix}.`));
    if (!source) throw new CircularRequestError(`${first.field}: ${first.reason}`);
    const part = first.field.startsWith('data.document.') ? `${first.field.slice('data.document.'.length)} ` : ''; // issuer, year or number
    throw new CircularRequestError(`${source[1]}: ${source[2](request)}: ${part}${first.reason}`);
  }
}

/**
 * A circular reports on a period that has ended, under a document number of the year it is issued
 * in (玉政办发〔2018〕50号 of 2018-01-23 on 2017): a date or number that says otherwise is refused.
 * The flags are the CLI's, the fields the API body's. (Only at issue: a ledger holding such a
 * circular from before still imports.)
 */
function dateAndNumberProblem(request: CircularRequest): CircularRequestError | null {
  // a date or number that is no date or number at all is named as the import names it (issuable)
  if (calendarDateProblem(request.issueDate) !== null || !Number.isInteger(request.document.year) || request.document.year < YEARS.min || request.document.year > YEARS.max) return null;
  const period = /^\d{4}$/.test(request.period) ? { year: Number(request.period), fromMonth: 1, toMonth: 12 } : partOfYear(request.period);
  if (period !== null && request.issueDate < lastDay(period)) {
    const reason = `${request.issueDate} is before the end of the period ${request.period} (${lastDay(period)}): a circular reports on a period that has ended`;
    return new CircularRequestError(`--date: ${reason}`, 'date', reason);
  }
  const year = Number(request.issueDate.slice(0, 4));
  if (request.document.year !== year) {
    const reason = `${printDocumentNumber(request.document)} is numbered in ${request.document.year}, but the circular is issued on ${request.issueDate}: a document number is of the year of issue`;
    return new CircularRequestError(`--number: ${reason}`, 'number', reason);
  }
  return null;
}

export interface IssuedCircular {
  readonly factId: string;
  readonly position: number;
  readonly recordedAt: string;
  readonly recordedBy: string;
  readonly live: boolean;
  /** the live void that withdrew it (a FactCorrected naming it), or null while it stands */
  readonly withdrawn: Withdrawal | null;
  readonly data: CircularIssued['data'];
}

export interface Withdrawal {
  readonly factId: string;
  readonly position: number;
  readonly recordedAt: string;
  readonly recordedBy: string;
  readonly reason: string;
}

/** A circular as listed, the same in `ledger circular list` and `GET /api/circulars`. */
export function listedCircular(c: IssuedCircular) {
  return {
    circularId: c.data.circularId,
    kind: c.data.kind,
    period: c.data.period,
    document: printDocumentNumber(c.data.document),
    issueDate: c.data.issueDate,
    position: c.data.position,
    digest: c.data.digest,
    recordedAt: c.recordedAt,
    recordedBy: c.recordedBy,
    live: c.live,
    withdrawn: c.withdrawn,
  };
}

/** Whether a circular re-derives as published; a withdrawn one still does, and says it was withdrawn. */
export type Verification =
  | { readonly circularId: string; readonly ok: true; readonly digest: string; readonly withdrawn: Withdrawal | null }
  | { readonly circularId: string; readonly ok: false; readonly reasons: string[]; readonly differences: Difference[]; readonly withdrawn: Withdrawal | null };

/** Issues computed again when another append landed first, before giving up. */
const MAX_ISSUE_ATTEMPTS = 5;

export class UnknownCircularError extends Error {
  readonly code = 'UNKNOWN_CIRCULAR';
}

/**
 * Issuing and verifying circulars (SPEC.md section 7). Issuing computes the canonical content at
 * the ledger head, records its digest, the position, the chain's head hash there and the scheme
 * version in a CircularIssued fact (with the content itself, so a later mismatch can be shown cell
 * by cell). Verifying re-derives the content at the recorded position and compares.
 */
export class CircularDesk {
  constructor(
    private readonly ledger: Ledger,
    private readonly store: EventStorePort,
    private readonly projection: ScoringProjection,
    private readonly newId: () => string = randomUUID,
  ) {}

  /**
   * Computed from views that have folded everything stored, and recorded only if nothing was
   * recorded since (another circular could have taken the number): then it is computed again.
   */
  async issue(request: CircularRequest, actor: string): Promise<{ circular: IssuedCircular; content: CircularContent }> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.projection.waitFor(await this.ledger.head());
      } catch (error) {
        if (error instanceof ProjectionBehindError) throw new ProjectionBehindError(`nothing was issued: ${error.message}`);
        throw error;
      }
      try {
        return await this.issueAtHead(request, actor);
      } catch (error) {
        if (!(error instanceof StaleDecisionError) || attempt >= MAX_ISSUE_ATTEMPTS) throw error;
      }
    }
  }

  private async issueAtHead(request: CircularRequest, actor: string): Promise<{ circular: IssuedCircular; content: CircularContent }> {
    const problem = dateAndNumberProblem(request);
    if (problem) throw problem;
    const number = printDocumentNumber(request.document);
    const taken = this.list().find((c) => c.live && printDocumentNumber(c.data.document) === number);
    if (taken) throw new CircularRequestError(`--number: ${number} is already the number of circular ${taken.data.circularId} (${taken.data.kind} ${taken.data.period}, issued ${taken.data.issueDate}); a document number is given once`);
    const p = this.projection.model.position;
    const content = circularContent(this.projection.model, request, p, this.projection.index);
    if (content.scheme === null) throw new CircularRequestError(`--period: no scheme is recorded for ${request.period} as of position ${p}; a circular is computed under one`);
    const id = this.newId();
    const data: CircularIssued['data'] = {
      circularId: id,
      kind: request.kind,
      period: request.period,
      document: request.document,
      issueDate: request.issueDate,
      ...(request.paragraphs && request.paragraphs.length > 0 ? { paragraphs: [...request.paragraphs] } : {}),
      ...(request.attachments && request.attachments.length > 0 ? { attachments: [...request.attachments] } : {}),
      ...(request.disclosure !== undefined ? { disclosure: request.disclosure } : {}),
      position: p,
      headHash: await this.headHash(p),
      scheme: content.scheme,
      digest: digestOf(content),
      validDate: request.issueDate,
      contentVersion: CIRCULAR_CONTENT_VERSION,
      content: content as unknown as Record<string, unknown>,
    };
    const fact = issuable({ id, type: 'CircularIssued', data, metadata: { schemaVersion: 1 } }, request);
    const outcome = await this.ledger.append([{ fact }], { actor, expectedHead: p });
    await this.projection.waitFor(outcome.head);
    return { circular: this.find(id), content };
  }

  /** In ledger order; of one kind or period (as the circular names it) when asked. */
  list(only: { kind?: string; period?: string } = {}): IssuedCircular[] {
    const model = this.projection.model;
    return model.circulars
      .map((entry) => this.describe(entry))
      .filter((c) => (only.kind === undefined || c.data.kind === only.kind) && (only.period === undefined || c.data.period === only.period));
  }

  /** By circular id or fact id. */
  find(id: string): IssuedCircular {
    const found = this.list().find((c) => c.factId === id || c.data.circularId === id);
    if (!found) throw new UnknownCircularError(`circular ${id}: no such circular has been issued`);
    return found;
  }

  /**
   * The content as the ledger derives it at the circular's position (what was published, if it
   * verifies), or at another position (`at`: a restatement's "now").
   */
  contentOf(circular: IssuedCircular, at: number = circular.data.position): CircularContent {
    const { kind, period, document, issueDate, paragraphs, attachments, disclosure, contentVersion } = circular.data;
    return circularContent(this.projection.model, { kind, period, document, issueDate, paragraphs, attachments, disclosure }, at, this.projection.index, contentVersion ?? 1);
  }

  async verify(id: string): Promise<Verification> {
    const circular = this.find(id);
    const now = this.contentOf(circular);
    const digest = digestOf(now);
    const reasons: string[] = [];
    if (digest !== circular.data.digest) reasons.push(`digest: published ${circular.data.digest}, re-derived ${digest}`);
    const headHash = await this.headHash(circular.data.position);
    if (headHash !== circular.data.headHash) reasons.push(`headHash: the ledger up to position ${circular.data.position} is not the one the circular was computed on (published ${circular.data.headHash}, now ${headHash})`);
    const { withdrawn } = circular;
    if (reasons.length === 0) return { circularId: circular.data.circularId, ok: true, digest, withdrawn };
    const published = circular.data.content;
    return { circularId: circular.data.circularId, ok: false, reasons, differences: published ? differences(published, now) : [], withdrawn };
  }

  async verifyAll(): Promise<Verification[]> {
    const out: Verification[] = [];
    for (const circular of this.list()) out.push(await this.verify(circular.factId));
    return out;
  }

  private async headHash(position: number): Promise<string> {
    if (position === 0) return '0'.repeat(64);
    return (await this.store.chainHashAt(LEDGER_STREAM, BigInt(position - 1))) ?? '0'.repeat(64);
  }

  private describe(entry: Recorded): IssuedCircular {
    const model = this.projection.model;
    const p = model.position;
    const live = isLiveAsOf(model, entry.fact.id, p);
    const void_ = live ? undefined : correctionsAsOf(model, entry.fact.id, p).filter((c) => c.fact.data.correction === 'void' && isLiveAsOf(model, c.fact.id, p)).at(-1);
    const withdrawn = void_ ? { factId: void_.fact.id, position: void_.position, recordedAt: void_.recordedAt, recordedBy: void_.recordedBy, reason: void_.fact.data.reason } : null;
    return { factId: entry.fact.id, position: entry.position, recordedAt: entry.recordedAt, recordedBy: entry.recordedBy, live, withdrawn, data: entry.fact.data as CircularIssued['data'] };
  }
}

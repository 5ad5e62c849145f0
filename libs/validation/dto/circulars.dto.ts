import { CIRCULAR_CONTENT_VERSION, CIRCULAR_KINDS, PART_OF_YEAR, type CircularIssued, type CircularKind, type IsoDate } from '../../../events';
import { NestedObject } from '../rules/nested';
import { ListOf, nameElement, paragraphElement } from '../rules/lists';
import { digestOf } from '../../canonical';
import { compose, isJsonObject, Optional, Rule } from '../rules/problem';
import { CalendarDate, Int, Key, Name, OneOf, Shaped } from '../rules/scalars';
import { DocumentNumberDto } from './scheme-parts.dto';
import type { DataOf } from './same-shape';

/** The scheme version a circular was computed under. */
export class SchemeVersionRefDto implements Readonly<CircularIssued['data']['scheme']> {
  @Key() id!: string;
  @Int({ min: 1, max: 10_000, reason: 'must be a positive integer' }) version!: number;
}

/** A monthly circular covers a month; the others a year. */
function periodProblem(value: unknown, kind: unknown): string | null {
  const text = value as string;
  if (kind === 'monthly') return PART_OF_YEAR.test(text) ? null : 'must be a month (YYYY-MM), a quarter (YYYY-Q1) or merged months (YYYY-01/02) for a monthly circular';
  return /^\d{4}$/.test(text) ? null : `must be a year written YYYY (a circular of kind ${String(kind)} covers a year)`;
}

/** A part of the content that circulars carry from a content version on. */
function sinceVersion(name: string, version: number, reason: string): PropertyDecorator {
  return Rule(name, (_, args) => (((args.object as CircularIssuedDto).contentVersion ?? 1) >= version ? null : reason));
}

/** 通报: enough to recompute it at the same ledger position and compare digests byte for byte. */
export class CircularIssuedDto implements DataOf<'CircularIssued'> {
  @Key() circularId!: string;
  @OneOf(CIRCULAR_KINDS) kind!: CircularKind;
  @compose(
    Shaped(/^\d{4}(-(\d{2}(\/\d{2})?|Q\d))?$/, 'must be a year (2017), a month (2017-03), a quarter (2017-Q1) or merged months (2017-01/02)'),
    Rule('periodOfKind', (value, args) => {
      const kind = (args.object as CircularIssuedDto).kind;
      return (CIRCULAR_KINDS as readonly unknown[]).includes(kind) ? periodProblem(value, kind) : null;
    }),
  )
  period!: string;
  /** 文号, printed 玉政办发〔2018〕50号 */
  @NestedObject(() => DocumentNumberDto) document!: DocumentNumberDto;
  @CalendarDate() issueDate!: IsoDate;
  /** The office's own paragraphs of a failing circular (content version 3). */
  @Optional(
    compose(
      ListOf(paragraphElement, { minSize: 1 }),
      sinceVersion('paragraphsVersion', 3, 'a circular carries paragraphs of its own from content version 3 on'),
    ),
  )
  paragraphs?: string[];
  /** The titles of the documents the office attaches (content version 4). */
  @Optional(compose(ListOf(nameElement, { minSize: 1 }), sinceVersion('attachmentsVersion', 4, 'a circular carries attachments of its own from content version 4 on')))
  attachments?: string[];
  /** The disclosure note under the date (content version 4), e.g. 此件公开发布. */
  @Optional(compose(Name(100), sinceVersion('disclosureVersion', 4, 'a circular carries a disclosure note from content version 4 on')))
  disclosure?: string;
  /** The ledger position the content was computed at (1-based). */
  @Int({ min: 1, max: Number.MAX_SAFE_INTEGER, reason: 'must be a positive integer' }) position!: number;
  /** The chain's head hash at that position: 64 lower-case hex digits. */
  @Shaped(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits') headHash!: string;
  @NestedObject(() => SchemeVersionRefDto) scheme!: SchemeVersionRefDto;
  /** 'sha256:' and the hex digest of the RFC 8785 canonical JSON of the content. */
  @Shaped(/^sha256:[0-9a-f]{64}$/, "must be 'sha256:' followed by 64 lower-case hex digits") digest!: string;
  @CalendarDate() validDate!: IsoDate;
  /** The shape of the content: 1 (absent) or a later version this product can re-derive. */
  @Optional(Int({ min: 1, max: CIRCULAR_CONTENT_VERSION, reason: `must be a circular content version from 1 to ${CIRCULAR_CONTENT_VERSION}` })) contentVersion?: number;
  /** The content as published; when present its digest must be `digest` (lets verify name the cells that differ). */
  @Optional(
    Rule('publishedContent', (value, args) => {
      if (!isJsonObject(value)) return 'must be an object: the circular content as published';
      return digestOf(value) === (args.object as CircularIssuedDto).digest ? null : 'its sha256 digest (RFC 8785) is not the circular digest';
    }),
  )
  content?: Record<string, unknown>;
}

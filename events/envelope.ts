/**
 * The envelope every fact travels in: the shape EventStoreDB's `jsonEvent` takes
 * (`{ id, type, data, metadata }`), in NDJSON files and in the API alike.
 */
export type IsoDate = string; // YYYY-MM-DD, a calendar day in the office's time zone
export type IsoTime = string; // RFC 3339 instant, UTC, e.g. 2017-03-02T08:15:00.000Z

export interface FactMetadata {
  /** Shape version of `data` for this kind; folds only ever see the current one (see upcasting.ts). */
  schemaVersion?: number;
  /** Added by the ledger on append: when it was recorded (from the injected clock, or kept from an export). */
  recordedAt?: IsoTime;
  /** Added by the ledger on append: the authenticated actor, never taken from an API body. */
  recordedBy?: string;
  /** Added on read: 1-based position of the fact in the ledger's total order. */
  position?: number;
  /** Free-form provenance a caller may add (source document, batch, note). */
  source?: string;
  note?: string;
}

export interface Fact<Type extends string = string, Data = Record<string, unknown>> {
  readonly id: string;
  readonly type: Type;
  readonly data: Readonly<Data>;
  readonly metadata: Readonly<FactMetadata>;
}

/** Metadata keys the ledger owns; they are not part of a fact's content. */
export const LEDGER_METADATA_KEYS = ['recordedAt', 'recordedBy', 'position'] as const;

/** A fact as read back from the ledger: the store-added metadata is always present. */
export type RecordedFact<F extends Fact = Fact> = F & {
  readonly metadata: Readonly<FactMetadata & { recordedAt: IsoTime; recordedBy: string; position: number; schemaVersion: number }>;
};

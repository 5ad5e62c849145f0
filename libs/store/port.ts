import type { Observable } from 'rxjs';

/**
 * The one port every store adapter implements (SQLite, EventStoreDB, memory). Positions are one
 * total order over all streams; revisions count the facts of one stream from 0.
 */

export interface NewFact {
  readonly id: string; // UUID, idempotency key
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly metadata: Record<string, unknown>;
}

export interface StoredFact extends NewFact {
  readonly streamId: string;
  readonly revision: bigint;
  /** Global position: strictly increasing in append order across all streams. */
  readonly position: bigint;
  /**
   * The JSON text the store holds for `data` and `metadata`, where it keeps text (SQLite): lets a
   * reader that stores facts encoded keep these bytes instead of serialising the parsed objects again.
   */
  readonly json?: { readonly data: string; readonly metadata: string };
}

/**
 * `'any'`: no check; `'no_stream'`: the stream must not exist; `'stream_exists'`: it must;
 * a bigint: the stream's last revision must be exactly this.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export interface AppendResult {
  /** Revision of the last fact of the batch in its stream. */
  readonly nextExpectedRevision: bigint;
  /** Global position of the last fact of the batch. */
  readonly position: bigint;
}

export interface ReadAllOptions {
  /** Exclusive: start after this position. Default: from the beginning. */
  readonly after?: bigint;
  readonly maxCount?: number;
}

export interface ReadStreamOptions {
  /** Inclusive. Default 0. */
  readonly fromRevision?: bigint;
  readonly maxCount?: number;
}

export type SubscriptionMessage =
  | { readonly kind: 'fact'; readonly fact: StoredFact }
  /** Sent once, when the subscription has delivered everything stored when it started. */
  | { readonly kind: 'caughtUp' };

/** Result of checking the tamper-evident hash chain end to end. */
export type ChainReport =
  | {
      readonly ok: true;
      readonly checked: number;
      /** the hash of the last fact checked, whatever its stream */
      readonly headHash: string | null;
      /** per stream (each is its own chain): how many facts it holds and its last hash */
      readonly streams: Readonly<Record<string, { readonly facts: number; readonly headHash: string }>>;
    }
  | {
      readonly ok: false;
      readonly checked: number;
      /** The store's global position where the chain breaks. */
      readonly position: bigint;
      readonly reason: string;
      /** Where the store's positions are not the ledger's (EventStoreDB): the stream and revision that break (or are missing). */
      readonly at?: { readonly streamId: string; readonly revision: bigint };
    };

export interface EventStorePort {
  /**
   * Appends all facts to one stream atomically, or none. Re-appending facts whose ids are all
   * already stored in this stream, in the same order, is a no-op that returns their result
   * (idempotent by fact id); a batch that mixes stored and new ids is refused.
   */
  appendToStream(streamId: string, facts: readonly NewFact[], options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult>;

  /** Throws StreamNotFoundError when the stream has no fact. */
  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<StoredFact>;

  readAll(options?: ReadAllOptions): AsyncIterable<StoredFact>;

  /**
   * Catch-up subscription to all streams: every fact after `after`, then `caughtUp`, then live
   * facts as they are appended, in position order. Unsubscribing stops it.
   */
  subscribeToAll(options?: { after?: bigint }): Observable<SubscriptionMessage>;

  /** Position of the last fact stored, or null when the store is empty. */
  headPosition(): Promise<bigint | null>;

  /**
   * The chain hash stored with a fact (null when there is none): a circular records the ledger's
   * head hash at the position it was computed at.
   */
  chainHashAt(streamId: string, revision: bigint): Promise<string | null>;

  /** Checks the tamper-evident chain end to end and names the first bad position. */
  verifyChain(): Promise<ChainReport>;

  close(): Promise<void>;
}

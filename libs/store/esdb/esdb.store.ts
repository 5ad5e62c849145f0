import {
  BACKWARDS,
  CancelledError,
  DeadlineExceededError,
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  FORWARDS,
  jsonEvent,
  MaxAppendSizeExceededError,
  NO_STREAM,
  NotLeaderError,
  START,
  StreamNotFoundError as EsdbStreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type ResolvedEvent,
} from '@eventstore/db-client';
import type { Observable } from 'rxjs';
import { GENESIS_HASH } from '../chain';
import { AppendTooLargeError, ExpectedRevisionConflictError, StoreUnavailableError, StreamNotFoundError } from '../errors';
import { checkExpectedRevision } from '../expected-revision';
import { idempotentRetry } from '../idempotency';
import type { AppendResult, ChainReport, EventStorePort, ExpectedRevision, NewFact, ReadAllOptions, ReadStreamOptions, StoredFact, SubscriptionMessage } from '../port';
import { portSubscription } from './catch-up-subscription';
import { verifyStreamChains } from './chain-verifier';
import { assertAppendable, chainedEvents, chainOf, isSystemEvent, toStoredFact, type RecordedLedgerEvent } from './ledger-event';
import { StreamQueue } from './stream-queue';

/**
 * The EventStoreDB adapter (production store, SPEC.md section 9); the only file that imports the
 * client. Needs EventStoreDB 23.10 or later: stream reads must carry $all positions (added in
 * 22.x) and catch-up subscriptions must say `caughtUp` (23.10). The database is the ledger's:
 * events in non-system streams that this adapter did not write fail reads and verification.
 *
 * Tamper evidence. Every stream carries its own hash chain: a fact's hash covers the previous
 * hash of its stream and the fact with its stream and revision (not its position, which is
 * unknown before the write), and is stored in the event's metadata under `$chain`. One global
 * chain would need every writer to know the global head, i.e. a global lock; per-stream chains
 * need only the stream's head, which the append reads (backwards, the last n events) and then
 * writes at exactly the next revision, so the chain stays linear even with several writers (a
 * writer that loses the race re-reads and retries, bounded; within one process appends to a
 * stream are queued so they do not race each other). The head is read on every append, not
 * cached: EventStoreDB answers an append of ids it already holds at those revisions with success
 * without writing, and a cached hash of what we meant to write would then not be the stored one.
 * Removing, changing or reordering facts within a stream is detected; the order of facts of
 * DIFFERENT streams relative to each other is not chained. The product writes every fact to the
 * one ledger stream, so there the chain is total. Like any hash chain without an anchor, a
 * truncated tail is only detected against a head hash kept elsewhere.
 *
 * Idempotency. EventStoreDB remembers recent event ids only in a cache, so the adapter detects
 * retries itself from the stream's tail: a batch whose ids are the stream's last n events, in
 * order, returns their result without writing; a batch that shares some ids with the tail is
 * refused (DuplicateFactIdError). A stored id further back than the batch length is not seen, and
 * such a batch is written again; writers that append with the exact expected revision they
 * decided on get a conflict instead. The SQLite store has a unique index on the fact id and is
 * idempotent for any earlier fact and across restarts.
 */

const DEFAULT_MAX_APPEND_ATTEMPTS = 8;
/** What gRPC says when the server cannot be reached or answer in time, or cancelled the call (a node shutting down, 24.4 on). */
const UNREACHABLE_GRPC_CODES = new Set([1, 4, 14]);

export interface EsdbStoreOptions {
  /** Re-reads of the stream head when other writers keep moving it ('any' / 'stream_exists'). */
  readonly maxAppendAttempts?: number;
}

function translate(error: unknown, streamId?: string): unknown {
  if (error instanceof WrongExpectedVersionError) {
    return new ExpectedRevisionConflictError(error.streamName ?? streamId ?? '', String(error.expectedVersion), String(error.actualVersion));
  }
  if (error instanceof EsdbStreamNotFoundError) return new StreamNotFoundError(streamId ?? error.streamName ?? '');
  if (error instanceof MaxAppendSizeExceededError) {
    return new AppendTooLargeError(`stream ${streamId ?? ''}: the batch is larger than the server's maximum append size of ${error.maxAppendSize} bytes (EVENTSTORE_MAX_APPEND_SIZE); append fewer facts at a time`, { cause: error });
  }
  const grpcCode = (error as { code?: unknown } | null)?.code;
  const unreachable = error instanceof UnavailableError || error instanceof DeadlineExceededError || error instanceof NotLeaderError || error instanceof CancelledError;
  // The client's discovery (several hosts, or esdb+discover://) fails with a plain Error naming no code.
  const undiscovered = error instanceof Error && grpcCode === undefined && /^Failed to discover\b/.test(error.message);
  if (unreachable || undiscovered || (typeof grpcCode === 'number' && UNREACHABLE_GRPC_CODES.has(grpcCode))) {
    return new StoreUnavailableError(`EventStoreDB unavailable: ${(error as Error).message}`, { cause: error });
  }
  return error;
}

function recorded(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedLedgerEvent | null {
  const event = resolved.event;
  if (!event) return null;
  const position = event.position?.commit;
  if (position === undefined || position === 0xffff_ffff_ffff_ffffn) {
    throw new Error(`EventStoreDB sent no $all position for ${event.streamId} revision ${event.revision}; this adapter needs version 23.10 or later`);
  }
  return { streamId: event.streamId, revision: event.revision, position, id: event.id, type: event.type, data: event.data, metadata: event.metadata };
}

/** Iterates a client read; a consumer that stops early cancels the gRPC call instead of leaving it open. */
async function* events(read: AsyncIterable<ResolvedEvent | AllStreamResolvedEvent> & { cancel(): Promise<void> }, streamId?: string): AsyncGenerator<RecordedLedgerEvent> {
  let finished = false;
  try {
    for await (const resolved of read) {
      const event = recorded(resolved);
      if (event) yield event;
    }
    finished = true;
  } catch (error) {
    throw translate(error, streamId);
  } finally {
    if (!finished) await read.cancel();
  }
}

export class EsdbStore implements EventStorePort {
  private readonly client: EventStoreDBClient;
  private readonly queue = new StreamQueue();
  /** Appends not yet answered; close() lets them finish rather than cancelling them mid-write. */
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly maxAppendAttempts: number;

  constructor(connectionString: string, options: EsdbStoreOptions = {}) {
    this.client = EventStoreDBClient.connectionString(connectionString);
    this.maxAppendAttempts = options.maxAppendAttempts ?? DEFAULT_MAX_APPEND_ATTEMPTS;
  }

  async appendToStream(streamId: string, facts: readonly NewFact[], options: { expectedRevision?: ExpectedRevision } = {}): Promise<AppendResult> {
    assertAppendable(facts);
    const appended = this.queue.run(streamId, () => this.appendAtHead(streamId, facts, options.expectedRevision ?? 'any'));
    const forget = (): void => void this.inFlight.delete(settled);
    const settled: Promise<void> = appended.then(forget, forget);
    this.inFlight.add(settled);
    return appended;
  }

  private async appendAtHead(streamId: string, facts: readonly NewFact[], expected: ExpectedRevision): Promise<AppendResult> {
    for (let attempt = 1; ; attempt += 1) {
      const tail = await this.tail(streamId, facts.length);
      // A retry first: re-sending a stored batch must return its result even though the
      // expected revision it carries no longer holds.
      const byId = new Map(tail.map((event) => [event.id, event]));
      const retried = idempotentRetry(streamId, facts, (id) => {
        const event = byId.get(id.toLowerCase());
        return event && toStoredFact(event);
      });
      if (retried) return retried;
      const head = tail.at(-1);
      const headRevision = head?.revision ?? -1n;
      checkExpectedRevision(streamId, expected, headRevision);

      const proposed = chainedEvents(streamId, { revision: headRevision, hash: head ? chainOf(head).hash : GENESIS_HASH }, facts).map((event) => jsonEvent(event));
      try {
        const result = await this.client.appendToStream(streamId, proposed, { expectedRevision: head ? headRevision : NO_STREAM });
        if (!result.position) throw new StoreUnavailableError(`EventStoreDB returned no position for the append to ${streamId}`);
        return { nextExpectedRevision: result.nextExpectedRevision, position: result.position.commit };
      } catch (error) {
        // Another writer moved the head between our read and our write: read it again. A
        // specific expectation of the caller is re-checked against the new head above. A node
        // that is not the leader wrote nothing, and the client reconnects to the leader it names.
        if (!(error instanceof WrongExpectedVersionError) && !(error instanceof NotLeaderError)) throw translate(error, streamId);
        if (attempt >= this.maxAppendAttempts) throw translate(error, streamId);
      }
    }
  }

  /** The last `count` events of a stream, oldest first; empty when the stream does not exist. */
  private async tail(streamId: string, count: number): Promise<RecordedLedgerEvent[]> {
    const found: RecordedLedgerEvent[] = [];
    try {
      for await (const event of events(this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: count }), streamId)) {
        found.unshift(event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return found;
  }

  async chainHashAt(streamId: string, revision: bigint): Promise<string | null> {
    try {
      for await (const event of events(this.client.readStream(streamId, { direction: FORWARDS, fromRevision: revision, maxCount: 1 }), streamId)) {
        return event.revision === revision ? chainOf(event).hash : null;
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return null;
      throw error;
    }
    return null;
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<StoredFact> {
    const read = this.client.readStream(streamId, { direction: FORWARDS, fromRevision: options.fromRevision ?? START, maxCount: options.maxCount });
    for await (const event of events(read, streamId)) yield toStoredFact(event);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<StoredFact> {
    if (options.maxCount === 0) return;
    const { after } = options;
    // A read from a position includes it; the port's `after` excludes it.
    const read = this.client.readAll({ direction: FORWARDS, fromPosition: after === undefined ? START : { commit: after, prepare: after } });
    let yielded = 0;
    for await (const event of events(read)) {
      if (isSystemEvent(event) || (after !== undefined && event.position <= after)) continue;
      yield toStoredFact(event);
      yielded += 1;
      if (yielded === options.maxCount) return;
    }
  }

  subscribeToAll(options: { after?: bigint } = {}): Observable<SubscriptionMessage> {
    const { after } = options;
    const fromPosition = after === undefined ? START : { commit: after, prepare: after };
    return portSubscription(
      // The server leaves system records out ($settings, $metadata, scavenges); the check below stays.
      () => this.client.subscribeToAll({ fromPosition, filter: excludeSystemEvents() }),
      (resolved: AllStreamResolvedEvent) => {
        const event = recorded(resolved);
        // The server already excludes `after`; the check keeps the port's promise explicit.
        return event && !isSystemEvent(event) && (after === undefined || event.position > after) ? toStoredFact(event) : null;
      },
      (error) => translate(error),
    );
  }

  async headPosition(): Promise<bigint | null> {
    for await (const event of events(this.client.readAll({ direction: BACKWARDS, fromPosition: END }))) {
      if (!isSystemEvent(event)) return event.position;
    }
    return null;
  }

  async verifyChain(): Promise<ChainReport> {
    const facts = async function* (all: AsyncIterable<RecordedLedgerEvent>) {
      for await (const event of all) if (!isSystemEvent(event)) yield event;
    };
    return verifyStreamChains(facts(events(this.client.readAll({ direction: FORWARDS, fromPosition: START }))));
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    await this.client.dispose();
  }
}

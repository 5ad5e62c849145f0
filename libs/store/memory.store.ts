import { Observable, Subject } from 'rxjs';
import { chainHash, GENESIS_HASH } from './chain';
import { StreamNotFoundError } from './errors';
import { idempotentRetry } from './idempotency';
import { checkExpectedRevision } from './expected-revision';
import type { AppendResult, ChainReport, EventStorePort, ExpectedRevision, NewFact, ReadAllOptions, ReadStreamOptions, StoredFact, SubscriptionMessage } from './port';

interface Row {
  fact: StoredFact;
  hash: string;
}

/** In-memory adapter for unit tests: the same promises as the durable stores, nothing kept. */
export class MemoryStore implements EventStorePort {
  /** Exposed for tamper tests only. Position n is at index n - 1. */
  readonly rows: Row[] = [];
  private readonly streams = new Map<string, StoredFact[]>();
  /** each stream's last chain hash (every stream is its own chain, as on EventStoreDB) */
  private readonly streamHeads = new Map<string, string>();
  private readonly byId = new Map<string, StoredFact>();
  private readonly live = new Subject<StoredFact>();

  async appendToStream(streamId: string, facts: readonly NewFact[], options: { expectedRevision?: ExpectedRevision } = {}): Promise<AppendResult> {
    if (facts.length === 0) throw new RangeError('append needs at least one fact');
    const retried = idempotentRetry(streamId, facts, (id) => this.byId.get(id));
    if (retried) return retried;
    const stream = this.streams.get(streamId) ?? [];
    checkExpectedRevision(streamId, options.expectedRevision ?? 'any', BigInt(stream.length) - 1n);

    const appended: StoredFact[] = [];
    let previousHash = this.streamHeads.get(streamId) ?? GENESIS_HASH; // each stream its own chain (chain.ts)
    const basePosition = this.rows.length + 1;
    for (const [offset, fact] of facts.entries()) {
      const stored: StoredFact = {
        id: fact.id,
        type: fact.type,
        data: structuredClone(fact.data),
        metadata: structuredClone(fact.metadata),
        streamId,
        revision: BigInt(stream.length + offset),
        position: BigInt(basePosition + offset),
      };
      previousHash = chainHash(previousHash, stored);
      appended.push(stored);
      this.rows.push({ fact: stored, hash: previousHash });
    }
    this.streamHeads.set(streamId, previousHash);
    stream.push(...appended);
    this.streams.set(streamId, stream);
    for (const fact of appended) this.byId.set(fact.id, fact);
    for (const fact of appended) this.live.next(fact);
    const last = appended[appended.length - 1];
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<StoredFact> {
    const stream = this.streams.get(streamId);
    if (!stream) throw new StreamNotFoundError(streamId);
    const from = Number(options.fromRevision ?? 0n);
    yield* stream.slice(from, options.maxCount === undefined ? undefined : from + options.maxCount);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<StoredFact> {
    const from = Number(options.after ?? 0n);
    const rows = this.rows.slice(from, options.maxCount === undefined ? undefined : from + options.maxCount);
    for (const row of rows) yield row.fact;
  }

  subscribeToAll(options: { after?: bigint } = {}): Observable<SubscriptionMessage> {
    return new Observable<SubscriptionMessage>((subscriber) => {
      // Facts appended while the stored prefix is being delivered (even from inside a handler)
      // wait in `pending`, so nothing is lost, repeated or reordered.
      let last = options.after ?? 0n;
      let replaying = true;
      const pending: StoredFact[] = [];
      const deliver = (fact: StoredFact) => {
        if (fact.position <= last) return;
        last = fact.position;
        subscriber.next({ kind: 'fact', fact });
      };
      const live = this.live.subscribe((fact) => (replaying ? pending.push(fact) : deliver(fact)));
      for (const row of this.rows.slice(Number(last))) deliver(row.fact);
      subscriber.next({ kind: 'caughtUp' });
      replaying = false;
      pending.splice(0).forEach(deliver);
      return () => live.unsubscribe();
    });
  }

  async headPosition(): Promise<bigint | null> {
    return this.rows.at(-1)?.fact.position ?? null;
  }

  async chainHashAt(streamId: string, revision: bigint): Promise<string | null> {
    return this.rows.find((row) => row.fact.streamId === streamId && row.fact.revision === revision)?.hash ?? null;
  }

  async verifyChain(): Promise<ChainReport> {
    const heads = new Map<string, string>();
    for (const [index, row] of this.rows.entries()) {
      const expectedPosition = BigInt(index + 1);
      if (row.fact.position !== expectedPosition) {
        return { ok: false, checked: index, position: expectedPosition, reason: `holds the fact of position ${row.fact.position}` };
      }
      if (chainHash(heads.get(row.fact.streamId) ?? GENESIS_HASH, row.fact) !== row.hash) {
        return { ok: false, checked: index, position: expectedPosition, reason: 'hash does not match the fact and the previous hash of its stream' };
      }
      heads.set(row.fact.streamId, row.hash);
    }
    const streams = Object.fromEntries([...this.streams].map(([streamId, facts]) => [streamId, { facts: facts.length, headHash: heads.get(streamId)! }]));
    return { ok: true, checked: this.rows.length, headHash: this.rows.at(-1)?.hash ?? null, streams };
  }

  async close(): Promise<void> {
    this.live.complete();
  }
}

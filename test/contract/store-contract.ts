import { randomUUID } from 'node:crypto';
import { filter, firstValueFrom, lastValueFrom, take, takeWhile, tap, toArray } from 'rxjs';
import { chainHash, DuplicateFactIdError, ExpectedRevisionConflictError, GENESIS_HASH, StreamNotFoundError, type EventStorePort, type NewFact, type StoredFact } from '../../libs/store';

/**
 * The one contract every store adapter passes: atomic multi-fact appends, optimistic concurrency
 * by expected revision, idempotent appends by fact id, one global ordered position, catch-up reads
 * and subscriptions, and a verifiable chain.
 */
export interface StoreUnderTest {
  store: EventStorePort;
  /** Releases the store and anything started for it. */
  dispose(): Promise<void>;
}

export function fact(type = 'InformationSubmitted', data: Record<string, unknown> = {}): NewFact {
  return { id: randomUUID(), type, data: { unitId: '新平县', title: '抚仙湖保护', ...data }, metadata: { schemaVersion: 1 } };
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

function stream(): string {
  return `ledger-${randomUUID()}`;
}

export interface StoreContractOptions {
  /**
   * False for a store that cannot be emptied between tests (a shared EventStoreDB): the tests that
   * read the whole store and expect only their own facts in it are skipped. Default true.
   */
  startsEmpty?: boolean;
}

export function describeStoreContract(name: string, open: () => Promise<StoreUnderTest>, options: StoreContractOptions = {}): void {
  const itOnEmptyStore = options.startsEmpty === false ? it.skip : it;
  describe(`store contract: ${name}`, () => {
    let sut: StoreUnderTest;
    let store: EventStorePort;
    beforeEach(async () => {
      sut = await open();
      store = sut.store;
    });
    afterEach(async () => {
      await sut.dispose();
    });

    itOnEmptyStore('an empty store has no head and an intact chain', async () => {
      expect(await store.headPosition()).toBeNull();
      expect(await collect(store.readAll())).toEqual([]);
      expect(await store.verifyChain()).toMatchObject({ ok: true, checked: 0 });
    });

    it('appends a batch atomically at consecutive revisions and increasing positions', async () => {
      const s = stream();
      const batch = [fact(), fact('InformationAdopted', { level: 'city' }), fact()];
      const result = await store.appendToStream(s, batch, { expectedRevision: 'no_stream' });
      expect(result.nextExpectedRevision).toBe(2n);
      const read = await collect(store.readStream(s));
      expect(read.map((f) => f.id)).toEqual(batch.map((f) => f.id));
      expect(read.map((f) => f.revision)).toEqual([0n, 1n, 2n]);
      expect(read[1].position > read[0].position && read[2].position > read[1].position).toBe(true);
      expect(result.position).toBe(read[2].position);
      expect(await store.headPosition()).toBe(read[2].position);
    });

    it('round-trips type, data and metadata exactly, Chinese text and nested values included', async () => {
      const s = stream();
      const original: NewFact = {
        id: randomUUID(),
        type: 'SchemePublished',
        data: { title: '2017年度全市政府系统政务信息工作目标考核', tiers: [{ key: 'county-700', target: 700, quota: 4 }], rate: 0.5, none: null, flag: false },
        metadata: { schemaVersion: 1, recordedBy: '信息科', recordedAt: '2017-01-05T01:00:00.000Z' },
      };
      await store.appendToStream(s, [original]);
      const [read] = await collect(store.readStream(s));
      expect({ id: read.id, type: read.type, data: read.data, metadata: read.metadata }).toEqual(original);
    });

    it('a conflicting expected revision is refused and appends nothing of the batch', async () => {
      const s = stream();
      await store.appendToStream(s, [fact()], { expectedRevision: 'no_stream' });
      await expect(store.appendToStream(s, [fact(), fact()], { expectedRevision: 5n })).rejects.toBeInstanceOf(ExpectedRevisionConflictError);
      await expect(store.appendToStream(s, [fact()], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(ExpectedRevisionConflictError);
      await expect(store.appendToStream(stream(), [fact()], { expectedRevision: 'stream_exists' })).rejects.toBeInstanceOf(ExpectedRevisionConflictError);
      expect(await collect(store.readStream(s))).toHaveLength(1);
      await store.appendToStream(s, [fact()], { expectedRevision: 0n });
      await store.appendToStream(s, [fact()], { expectedRevision: 'stream_exists' });
      expect(await collect(store.readStream(s))).toHaveLength(3);
    });

    it('of two concurrent appends with the same expected revision exactly one succeeds', async () => {
      const s = stream();
      await store.appendToStream(s, [fact()], { expectedRevision: 'no_stream' });
      const outcomes = await Promise.allSettled([
        store.appendToStream(s, [fact(), fact()], { expectedRevision: 0n }),
        store.appendToStream(s, [fact()], { expectedRevision: 0n }),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(rejected).toHaveLength(1);
      expect(rejected[0].reason).toBeInstanceOf(ExpectedRevisionConflictError);
      const read = await collect(store.readStream(s));
      expect(read.length === 2 || read.length === 3).toBe(true);
    });

    it('re-appending the same facts is idempotent by fact id', async () => {
      const s = stream();
      const batch = [fact(), fact()];
      const first = await store.appendToStream(s, batch, { expectedRevision: 'no_stream' });
      const again = await store.appendToStream(s, batch, { expectedRevision: 'no_stream' });
      expect(again).toEqual(first);
      expect(await collect(store.readStream(s))).toHaveLength(2);
      expect(await store.headPosition()).toBe(first.position);
    });

    it('refuses a batch that repeats an id or mixes a stored id with new ones, appending nothing', async () => {
      const s = stream();
      const stored = fact();
      await store.appendToStream(s, [stored]);
      const repeated = fact();
      await expect(store.appendToStream(s, [repeated, repeated])).rejects.toBeInstanceOf(DuplicateFactIdError);
      await expect(store.appendToStream(s, [fact(), stored])).rejects.toBeInstanceOf(DuplicateFactIdError);
      expect(await collect(store.readStream(s))).toHaveLength(1);
    });

    it('reading a stream that does not exist is a StreamNotFoundError', async () => {
      await expect(collect(store.readStream(stream()))).rejects.toBeInstanceOf(StreamNotFoundError);
    });

    it('reads a stream from a revision with a maximum count', async () => {
      const s = stream();
      const batch = [fact(), fact(), fact(), fact()];
      await store.appendToStream(s, batch);
      const read = await collect(store.readStream(s, { fromRevision: 1n, maxCount: 2 }));
      expect(read.map((f) => f.id)).toEqual([batch[1].id, batch[2].id]);
    });

    itOnEmptyStore('reads all streams in one global order, after an exclusive position', async () => {
      const a = stream();
      const b = stream();
      const first = fact();
      const second = fact();
      const third = fact();
      await store.appendToStream(a, [first]);
      await store.appendToStream(b, [second]);
      await store.appendToStream(a, [third]);
      const all = await collect(store.readAll());
      expect(all.map((f) => f.id)).toEqual([first.id, second.id, third.id]);
      expect(all.map((f) => f.streamId)).toEqual([a, b, a]);
      expect(all.every((f, i) => i === 0 || f.position > all[i - 1].position)).toBe(true);
      expect((await collect(store.readAll({ after: all[0].position }))).map((f) => f.id)).toEqual([second.id, third.id]);
      expect((await collect(store.readAll({ after: all[0].position, maxCount: 1 }))).map((f) => f.id)).toEqual([second.id]);
      expect(await collect(store.readAll({ after: all[2].position }))).toEqual([]);
    });

    itOnEmptyStore('a subscription catches up from a position, says so, then delivers live facts in order', async () => {
      const s = stream();
      const early = [fact(), fact(), fact()];
      await store.appendToStream(s, early);
      const [firstStored] = await collect(store.readAll({ maxCount: 1 }));
      const received: StoredFact[] = [];
      let caughtUpAfter = -1;
      const live = fact();
      const messages = store.subscribeToAll({ after: firstStored.position }).pipe(
        tap((message) => {
          if (message.kind === 'caughtUp') {
            caughtUpAfter = received.length;
            // Appended from inside the handler: the subscription must still deliver it, once, in order.
            void store.appendToStream(s, [live]);
          } else {
            received.push(message.fact);
          }
        }),
        takeWhile((message) => message.kind !== 'fact' || message.fact.id !== live.id),
      );
      const done = lastValueFrom(messages, { defaultValue: null });
      await done;
      expect(received.map((f) => f.id)).toEqual([early[1].id, early[2].id, live.id]);
      expect(caughtUpAfter).toBe(2);
    });

    itOnEmptyStore('a subscription from the start on an empty store says caughtUp first', async () => {
      const first = await firstValueFrom(store.subscribeToAll().pipe(take(1)));
      expect(first).toEqual({ kind: 'caughtUp' });
    });

    it('two subscribers see the same facts in the same order', async () => {
      const s = stream();
      const take3 = () => firstValueFrom(store.subscribeToAll().pipe(filter((m) => m.kind === 'fact'), take(3), toArray()));
      const both = Promise.all([take3(), take3()]);
      await store.appendToStream(s, [fact()]);
      await store.appendToStream(s, [fact(), fact()]);
      const [one, two] = await both;
      expect(one.map((m) => (m.kind === 'fact' ? m.fact.id : ''))).toEqual(two.map((m) => (m.kind === 'fact' ? m.fact.id : '')));
    });

    it('gives the chain hash stored with a fact, the same on every store for the same stream content', async () => {
      const s = stream();
      const fixed: NewFact[] = [
        { id: randomUUID(), type: 'UnitRegistered', data: { unitId: 'xinping', name: '新平县' }, metadata: { schemaVersion: 1 } },
        { id: randomUUID(), type: 'UnitAliasAdded', data: { unitId: 'xinping', alias: '新平' }, metadata: { schemaVersion: 1 } },
      ];
      await store.appendToStream(s, fixed, { expectedRevision: 'no_stream' });
      const first = chainHash(GENESIS_HASH, { streamId: s, revision: 0n, ...fixed[0] });
      expect(await store.chainHashAt(s, 0n)).toBe(first);
      expect(await store.chainHashAt(s, 1n)).toBe(chainHash(first, { streamId: s, revision: 1n, ...fixed[1] }));
      expect(await store.chainHashAt(s, 2n)).toBeNull();
      expect(await store.chainHashAt(stream(), 0n)).toBeNull();
    });

    itOnEmptyStore('a healthy store verifies end to end, and says each stream\'s facts and last hash', async () => {
      const [one, two] = [stream(), stream()];
      await store.appendToStream(one, [fact(), fact()]);
      await store.appendToStream(two, [fact()]);
      const report = await store.verifyChain();
      expect(report).toMatchObject({ ok: true, checked: 3 });
      expect(report.ok && report.streams).toEqual({ [one]: { facts: 2, headHash: await store.chainHashAt(one, 1n) }, [two]: { facts: 1, headHash: await store.chainHashAt(two, 0n) } });
    });
  });
}

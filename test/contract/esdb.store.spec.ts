import { randomUUID } from 'node:crypto';
import { filter, firstValueFrom, lastValueFrom, take, takeWhile, tap, toArray } from 'rxjs';
import { AppendTooLargeError, StoreUnavailableError, StreamNotFoundError, type EventStorePort } from '../../libs/store';
// eslint-disable-next-line no-restricted-imports -- the client's own error class, to stand in for a follower's refusal the stand-in cannot send
import { NotLeaderError } from '@eventstore/db-client';
import { EsdbStore } from '../../libs/store/esdb';
import { startEsdbStandIn, type EsdbStandIn } from '../esdb-standin';
import { collect, describeStoreContract, fact } from './store-contract';

/**
 * The EventStoreDB adapter through the real client: against the wire stand-in in both append
 * modes the client has (BatchAppend when advertised, Append otherwise), and against a real
 * EventStoreDB when ESDB_URL is set (e.g. esdb://localhost:2113?tls=false). A real database is
 * not emptied between tests, so there the contract skips its whole-store tests and the
 * from-the-head tests below stand in for them; use a database that only these tests write to.
 */

const modes = [
  { mode: 'BatchAppend', batchAppend: true },
  { mode: 'Append', batchAppend: false },
] as const;

async function standInStore(batchAppend: boolean, maxAppendSize?: number): Promise<{ standIn: EsdbStandIn; store: EsdbStore; dispose(): Promise<void> }> {
  const standIn = await startEsdbStandIn({ batchAppend, maxAppendSize });
  const store = new EsdbStore(standIn.connectionString);
  return { standIn, store, dispose: async () => (await store.close(), await standIn.stop()) };
}

const ledger = () => `ledger-${randomUUID()}`;

/** Whole-store behaviour that holds on a store already holding facts, measured from its head. */
function describeFromTheHead(name: string, open: () => Promise<{ store: EventStorePort; dispose(): Promise<void> }>): void {
  describe(`esdb store from the current head: ${name}`, () => {
    let sut: { store: EventStorePort; dispose(): Promise<void> };
    beforeEach(async () => {
      sut = await open();
      await sut.store.appendToStream(ledger(), [fact(), fact()]); // what earlier runs left behind
    });
    afterEach(() => sut.dispose());

    it('reads the facts after the head in one global order', async () => {
      const head = (await sut.store.headPosition())!;
      const [a, b] = [ledger(), ledger()];
      const facts = [fact(), fact(), fact()];
      await sut.store.appendToStream(a, [facts[0]]);
      await sut.store.appendToStream(b, [facts[1]]);
      await sut.store.appendToStream(a, [facts[2]]);
      const after = await collect(sut.store.readAll({ after: head }));
      expect(after.map((f) => f.id)).toEqual(facts.map((f) => f.id));
      expect(after.map((f) => f.streamId)).toEqual([a, b, a]);
    });

    it('a subscription from the head catches up, says so in its place, then goes live', async () => {
      const s = ledger();
      const early = [fact(), fact()];
      const head = (await sut.store.headPosition())!;
      await sut.store.appendToStream(s, early);
      const live = fact();
      const seen: string[] = [];
      const messages = sut.store.subscribeToAll({ after: head }).pipe(
        tap((m) => (m.kind === 'caughtUp' ? (seen.push('caughtUp'), void sut.store.appendToStream(s, [live])) : seen.push(m.fact.id))),
        takeWhile((m) => m.kind !== 'fact' || m.fact.id !== live.id),
      );
      await lastValueFrom(messages, { defaultValue: null });
      expect(seen).toEqual([early[0].id, early[1].id, 'caughtUp', live.id]);
    });

    it('the whole store verifies', async () => {
      expect(await sut.store.verifyChain()).toMatchObject({ ok: true });
    });
  });
}

for (const { mode, batchAppend } of modes) {
  describeStoreContract(`esdb stand-in (${mode})`, () => standInStore(batchAppend));
  describeFromTheHead(`esdb stand-in (${mode})`, () => standInStore(batchAppend));

  describe(`esdb store on the stand-in (${mode})`, () => {
    let standIn: EsdbStandIn;
    let store: EsdbStore;
    let dispose: () => Promise<void>;
    beforeEach(async () => ({ standIn, store, dispose } = await standInStore(batchAppend)));
    afterEach(() => dispose());

    /** The $all index and position of each fact of a stream, as stored. */
    const stored = (streamId: string) => standIn.tamper.list().filter((r) => r.streamName === streamId);

    it(`appends through Streams.${mode}`, async () => {
      await store.appendToStream(ledger(), [fact()]);
      expect(standIn.served[batchAppend ? 'batchAppend' : 'append']).toBeGreaterThan(0);
      expect(standIn.served[batchAppend ? 'append' : 'batchAppend']).toBe(0);
    });

    it('a changed byte in a stored fact fails verification at that fact', async () => {
      const s = ledger();
      await store.appendToStream(s, [fact(), fact('InformationSubmitted', { title: 'fuxian lake' }), fact()]);
      const target = stored(s)[1];
      standIn.tamper.changeData(target.index, (data) => {
        data[data.indexOf('fuxian')] = 'g'.charCodeAt(0);
        return data;
      });
      expect(await store.verifyChain()).toMatchObject({ ok: false, checked: 1, position: target.position, reason: expect.stringContaining('content changed') });
    });

    it('a fact whose bytes no longer parse as JSON is reported at its position', async () => {
      const s = ledger();
      await store.appendToStream(s, [fact(), fact()]);
      const target = stored(s)[0];
      standIn.tamper.changeData(target.index, (data) => data.subarray(1));
      expect(await store.verifyChain()).toMatchObject({ ok: false, checked: 0, position: target.position, reason: expect.stringContaining('content changed') });
    });

    it('a deleted fact is reported as missing where its stream goes on', async () => {
      const s = ledger();
      await store.appendToStream(s, [fact(), fact()]);
      await store.appendToStream(ledger(), [fact()]);
      await store.appendToStream(s, [fact()]);
      standIn.tamper.deleteRecord(stored(s)[1].index);
      const report = await store.verifyChain();
      expect(report).toMatchObject({ ok: false, checked: 2, position: stored(s)[1].position, reason: expect.stringContaining('missing') });
    });

    it('two swapped facts of a stream are reported as reordered at the first of them', async () => {
      const s = ledger();
      await store.appendToStream(s, [fact(), fact(), fact(), fact()]);
      const [, second, , fourth] = stored(s);
      standIn.tamper.swapRecords(second.index, fourth.index);
      expect(await store.verifyChain()).toMatchObject({ ok: false, checked: 1, position: second.position, reason: expect.stringContaining('reordered') });
    });

    it('writers in two processes appending to one stream both land on one linear chain', async () => {
      const other = new EsdbStore(standIn.connectionString);
      const s = ledger();
      const batches = Array.from({ length: 6 }, () => [fact(), fact()]);
      await Promise.all(batches.map((batch, i) => (i % 2 === 0 ? store : other).appendToStream(s, batch)));
      await other.close();
      const read = await collect(store.readStream(s));
      expect(read.map((f) => f.revision)).toEqual(Array.from({ length: 12 }, (_, i) => BigInt(i)));
      expect(await store.verifyChain()).toMatchObject({ ok: true, checked: 12 });
    });

    it('keeps the chain key out of the caller metadata and refuses it as input', async () => {
      const s = ledger();
      const original = fact();
      await store.appendToStream(s, [original]);
      const [read] = await collect(store.readStream(s));
      expect(read.metadata).toEqual(original.metadata);
      await expect(store.appendToStream(s, [{ ...fact(), metadata: { $chain: { prev: 'x', hash: 'y' } } }])).rejects.toBeInstanceOf(RangeError);
    });

    it('the server leaves system records out of the subscription: none of them is sent', async () => {
      const s = ledger();
      await store.appendToStream(s, [fact(), fact()]);
      const before = standIn.served.subscribed;
      const messages = await firstValueFrom(store.subscribeToAll().pipe(takeWhile((m) => m.kind !== 'caughtUp'), toArray()));
      expect(messages.map((m) => m.kind === 'fact' && m.fact.streamId)).toEqual([s, s]);
      // the stand-in was seeded with a fresh node's system records ($settings, $$$scavenges)
      expect(standIn.served.subscribed - before).toBe(2);
    });

    it('unsubscribing cancels the subscription on the server', async () => {
      await store.appendToStream(ledger(), [fact()]);
      await firstValueFrom(store.subscribeToAll().pipe(filter((m) => m.kind === 'fact'), take(1), toArray()));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(standIn.liveSubscriptions()).toBe(0);
    });

    it("a batch over the server's maximum append size is AppendTooLargeError naming the limit, and nothing is written", async () => {
      const small = await standInStore(batchAppend, 4096);
      try {
        const s = ledger();
        const big = Array.from({ length: 40 }, () => ({ ...fact(), data: { text: '政务信息'.repeat(20) } }));
        const refused = small.store.appendToStream(s, big);
        await expect(refused).rejects.toBeInstanceOf(AppendTooLargeError);
        await expect(refused).rejects.toThrow(`stream ${s}: the batch is larger than the server's maximum append size of 4096 bytes (EVENTSTORE_MAX_APPEND_SIZE); append fewer facts at a time`);
        await expect(collect(small.store.readStream(s))).rejects.toBeInstanceOf(StreamNotFoundError);
        await small.store.appendToStream(s, big.slice(0, 2)); // a smaller one goes through
        expect(await collect(small.store.readStream(s))).toHaveLength(2);
      } finally {
        await small.dispose();
      }
    });

    it("a follower's NotLeader refusal (it wrote nothing) is retried, and the batch lands once", async () => {
      const client = (store as unknown as { client: { appendToStream: (...args: unknown[]) => Promise<unknown> } }).client;
      const notLeader = Object.assign(Object.create(NotLeaderError.prototype) as NotLeaderError, { message: 'Not leader', leader: { address: '127.0.0.1', port: 2113 } });
      const append = jest.spyOn(client, 'appendToStream').mockRejectedValueOnce(notLeader);
      const s = ledger();
      await store.appendToStream(s, [fact(), fact()]);
      expect(append).toHaveBeenCalledTimes(2);
      expect(await collect(store.readStream(s))).toHaveLength(2);
    });

    it('a server that cannot be reached is StoreUnavailableError', async () => {
      await standIn.stop();
      await expect(store.appendToStream(ledger(), [fact()])).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(collect(store.readAll())).rejects.toBeInstanceOf(StoreUnavailableError);
    });

    it('a live subscription the server ends (a node shutting down cancels it) errors with StoreUnavailableError, for the views to resubscribe', async () => {
      const messages = store.subscribeToAll({});
      const ended = new Promise<unknown>((resolve) => {
        const subscription = messages.subscribe({ next: (m) => m.kind === 'caughtUp' && void standIn.stop(), error: (error: unknown) => (resolve(error), subscription?.unsubscribe()) });
      });
      await expect(ended).resolves.toBeInstanceOf(StoreUnavailableError);
    });
  });
}

const esdbUrl = process.env.ESDB_URL;
if (esdbUrl) {
  const open = async () => {
    const store = new EsdbStore(esdbUrl);
    return { store, dispose: () => store.close() };
  };
  describeStoreContract(`EventStoreDB at ${esdbUrl}`, open, { startsEmpty: false });
  describeFromTheHead(`EventStoreDB at ${esdbUrl}`, open);
}

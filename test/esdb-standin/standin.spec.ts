import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  FORWARDS,
  jsonEvent,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { startEsdbStandIn, type EsdbStandIn } from './index';

/** Drives the stand-in with the real client, so what passes here is what the client accepts on the wire. */

async function collect(events: AsyncIterable<ResolvedEvent>): Promise<ResolvedEvent[]> {
  const out: ResolvedEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

const submitted = (n: number) => jsonEvent({ id: randomUUID(), type: 'InformationSubmitted', data: { n, title: '抚仙湖保护' }, metadata: { schemaVersion: 1 } });

describe.each([
  { mode: 'BatchAppend', batchAppend: true },
  { mode: 'Append', batchAppend: false },
])('EventStoreDB stand-in, appends through Streams.$mode', ({ mode, batchAppend }) => {
  let standIn: EsdbStandIn;
  let client: EventStoreDBClient;
  beforeEach(async () => {
    standIn = await startEsdbStandIn({ batchAppend });
    client = EventStoreDBClient.connectionString(standIn.connectionString);
  });
  afterEach(async () => {
    await client.dispose();
    await standIn.stop();
  });

  it(`asks for the server features once and appends through ${mode} only`, async () => {
    await client.appendToStream('ledger', [submitted(1)], { expectedRevision: NO_STREAM });
    await client.appendToStream('ledger', [submitted(2), submitted(3)], { expectedRevision: 0n });
    expect(standIn.served.getSupportedMethods).toBe(1);
    expect(batchAppend ? standIn.served.batchAppend : standIn.served.append).toBe(2);
    expect(batchAppend ? standIn.served.append : standIn.served.batchAppend).toBe(0);
  });

  it('stores a batch at consecutive revisions and reads it back exactly, forwards and backwards', async () => {
    const before = Date.now();
    const batch = [submitted(1), submitted(2), submitted(3)];
    const result = await client.appendToStream('ledger', batch, { expectedRevision: NO_STREAM });
    expect(result).toMatchObject({ success: true, nextExpectedRevision: 2n });
    const read = await collect(client.readStream('ledger'));
    expect(read.map((r) => r.event?.id)).toEqual(batch.map((e) => e.id));
    expect(read.map((r) => r.event?.revision)).toEqual([0n, 1n, 2n]);
    const first = read[0].event!;
    expect(first).toMatchObject({ streamId: 'ledger', type: 'InformationSubmitted', isJson: true, data: { n: 1, title: '抚仙湖保护' }, metadata: { schemaVersion: 1 } });
    expect(first.created.getTime()).toBeGreaterThanOrEqual(before - 1);
    const positions = read.map((r) => r.event!.position!);
    expect(positions.every((p) => p.commit === p.prepare)).toBe(true);
    expect(positions[1].commit > positions[0].commit && positions[2].commit > positions[1].commit).toBe(true);
    expect(result.position?.commit).toBe(positions[2].commit);
    const backwards = await collect(client.readStream('ledger', { direction: BACKWARDS, fromRevision: END, maxCount: 2 }));
    expect(backwards.map((r) => r.event?.revision)).toEqual([2n, 1n]);
    const middle = await collect(client.readStream('ledger', { fromRevision: 1n, maxCount: 1 }));
    expect(middle.map((r) => r.event?.id)).toEqual([batch[1].id]);
  });

  it('stores a batch whole when the client splits it over several requests', async () => {
    const batch = Array.from({ length: 5 }, (_, n) => submitted(n));
    await client.appendToStream('ledger', batch, { expectedRevision: NO_STREAM, batchAppendSize: 100 });
    expect((await collect(client.readStream('ledger'))).map((r) => r.event?.id)).toEqual(batch.map((e) => e.id));
    expect(standIn.served.batchAppend + standIn.served.append).toBe(1);
  });

  it('refuses a wrong expected revision with WrongExpectedVersionError and writes nothing', async () => {
    await client.appendToStream('ledger', [submitted(1)], { expectedRevision: NO_STREAM });
    await expect(client.appendToStream('ledger', [submitted(2)], { expectedRevision: 5n })).rejects.toMatchObject({
      constructor: WrongExpectedVersionError,
      streamName: 'ledger',
      expectedVersion: 5n,
      actualVersion: 0n,
    });
    await expect(client.appendToStream('ledger', [submitted(2)], { expectedRevision: NO_STREAM })).rejects.toBeInstanceOf(WrongExpectedVersionError);
    await expect(client.appendToStream('elsewhere', [submitted(2)], { expectedRevision: STREAM_EXISTS })).rejects.toMatchObject({
      constructor: WrongExpectedVersionError,
      actualVersion: 'no_stream',
    });
    expect(await collect(client.readStream('ledger'))).toHaveLength(1);
  });

  it('treats a retried append with the same ids at the same revision as already done', async () => {
    const batch = [submitted(1), submitted(2)];
    const first = await client.appendToStream('ledger', batch, { expectedRevision: NO_STREAM });
    const again = await client.appendToStream('ledger', batch, { expectedRevision: NO_STREAM });
    expect(again).toEqual(first);
    const anyRetry = await client.appendToStream('ledger', batch);
    expect(anyRetry.nextExpectedRevision).toBe(1n);
    expect(await collect(client.readStream('ledger'))).toHaveLength(2);
  });

  it('answers a read of a missing stream with StreamNotFoundError', async () => {
    await expect(collect(client.readStream('nowhere'))).rejects.toBeInstanceOf(StreamNotFoundError);
  });

  it('reads $all in log order from a position (inclusive), backwards from the end, with a count', async () => {
    await client.appendToStream('a', [submitted(1)]);
    await client.appendToStream('b', [submitted(2)]);
    await client.appendToStream('a', [submitted(3)]);
    const all = await collect(client.readAll());
    expect(all.map((r) => r.event?.streamId)).toEqual(['$settings', '$$$scavenges', 'a', 'b', 'a']);
    expect(all.every((r, i) => i === 0 || r.event!.position!.commit > all[i - 1].event!.position!.commit)).toBe(true);
    const fromB = await collect(client.readAll({ fromPosition: all[3].event!.position!, maxCount: 1 }));
    expect(fromB.map((r) => r.event?.streamId)).toEqual(['b']);
    const lastTwo = await collect(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 2 }));
    expect(lastTwo.map((r) => r.event?.streamId)).toEqual(['a', 'b']);
    const beforeB = await collect(client.readAll({ direction: BACKWARDS, fromPosition: all[3].event!.position! }));
    expect(beforeB.map((r) => r.event?.streamId)).toEqual(['a', '$$$scavenges', '$settings']);
    expect(await collect(client.readAll({ direction: FORWARDS, fromPosition: END }))).toEqual([]);
  });

  it('a $all subscription confirms, catches up after an exclusive position, says caughtUp, goes live, and stops on unsubscribe', async () => {
    await client.appendToStream('ledger', [submitted(1), submitted(2)]);
    const [first] = (await collect(client.readAll())).filter((r) => r.event?.streamId === 'ledger');
    const subscription = client.subscribeToAll({ fromPosition: first.event!.position!, filter: excludeSystemEvents() });
    const seen: string[] = [];
    const confirmed = new Promise<void>((resolve) => subscription.once('confirmation', resolve));
    const live = submitted(3);
    subscription.on('caughtUp', () => {
      seen.push('caughtUp');
      void client.appendToStream('ledger', [live]);
    });
    for await (const resolved of subscription) {
      seen.push(String((resolved.event?.data as { n: number }).n));
      if (resolved.event?.id === live.id) break;
    }
    await confirmed;
    expect(seen).toEqual(['2', 'caughtUp', '3']);
    await subscription.unsubscribe();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(standIn.liveSubscriptions()).toBe(0);
  });

  it('a stream subscription from the start delivers only that stream', async () => {
    await client.appendToStream('other', [submitted(0)]);
    await client.appendToStream('ledger', [submitted(1)]);
    const subscription = client.subscribeToStream('ledger', { fromRevision: START });
    const later = submitted(2);
    subscription.once('caughtUp', () => void client.appendToStream('other', [submitted(9)]).then(() => client.appendToStream('ledger', [later])));
    const ids: string[] = [];
    for await (const resolved of subscription) {
      ids.push(resolved.event!.id);
      if (ids.length === 2) break;
    }
    await subscription.unsubscribe();
    expect(ids[1]).toBe(later.id);
  });

  it('tampering changes what the client reads, bypassing revisions and subscribers', async () => {
    await client.appendToStream('ledger', [submitted(1), submitted(2), submitted(3)]);
    const [, , a, b, c] = standIn.tamper.list();
    standIn.tamper.changeData(a.index, () => Buffer.from(JSON.stringify({ n: 10 })));
    expect((await collect(client.readStream('ledger')))[0].event?.data).toEqual({ n: 10 });
    standIn.tamper.swapRecords(b.index, c.index);
    expect((await collect(client.readStream('ledger'))).map((r) => r.event?.revision)).toEqual([0n, 2n, 1n]);
    standIn.tamper.deleteRecord(a.index);
    expect((await collect(client.readStream('ledger'))).map((r) => r.event?.revision)).toEqual([2n, 1n]);
    expect(standIn.tamper.list()[2].position).toBe(a.position);
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCheckpoint } from '../../apps/projections/checkpoint-file';
import { ProjectionBehindError, ScoringProjection } from '../../apps/projections/scoring-projection';
import { encodedRecordedFact, Ledger, LEDGER_STREAM, toNewFact, toRecordedFact } from '../../libs/ledger';
import { yuxi2017YearFacts } from '../../libs/fixtures/yuxi-2017';
import { MemoryStore, SqliteStore, StoreUnavailableError, type StoredFact, type SubscriptionMessage } from '../../libs/store';
import { Observable, Subject } from 'rxjs';
import { annualTable } from '../../projections';
import { adoption, factOf, smallLedger } from '../support/builders';
import { modelOf } from '../support/model';
import type { LedgerFact } from '../../events';

const clock = { now: () => new Date('2017-03-05T08:00:00.000Z') };
const staff = { actor: 'staff:test' };

async function freshProjection(store: MemoryStore): Promise<ScoringProjection> {
  const projection = new ScoringProjection(store);
  await projection.start();
  projection.stop();
  return projection;
}

async function givenLedger() {
  const store = new MemoryStore();
  const ledger = new Ledger(store, clock);
  await ledger.append([...smallLedger(), adoption('xinping')].map((fact) => ({ fact })), staff);
  return { store, ledger };
}

describe('the scoring projection runner', () => {
  it('catches up, then folds live appends as they happen', async () => {
    const { store, ledger } = await givenLedger();
    const projection = new ScoringProjection(store);
    await projection.start();
    expect(projection.model.position).toBe(6);
    await ledger.append([{ fact: adoption('hbj') }], staff);
    await projection.waitFor(7);
    expect(annualTable(projection.model, 2017, 7).groups[1].rows[0].total).toBe(10);
    projection.stop();
  });

  /** The store's subscriptions, each of which a test can end with an error, as a store restart or a leader change does. */
  function droppable(store: MemoryStore) {
    const drops: Array<Subject<never>> = [];
    let open = 0;
    const original = store.subscribeToAll.bind(store);
    const subscribe = jest.spyOn(store, 'subscribeToAll').mockImplementation((options) => {
      const drop = new Subject<never>();
      drops.push(drop);
      return new Observable<SubscriptionMessage>((subscriber) => {
        open += 1;
        const inner = original(options).subscribe(subscriber);
        const dropped = drop.subscribe({ error: (error: unknown) => subscriber.error(error) });
        return () => {
          open -= 1;
          [inner, dropped].forEach((s) => s.unsubscribe());
        };
      });
    });
    return { subscribe, drop: (error: Error) => drops.at(-1)!.error(error), open: () => open };
  }
  const until = async (condition: () => boolean) => {
    for (let i = 0; i < 400 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  };

  it('when its live subscription drops, opens a new one after the last fact folded and folds what was appended meanwhile', async () => {
    const { store, ledger } = await givenLedger();
    const { subscribe, drop } = droppable(store);
    const projection = new ScoringProjection(store, { resubscribeDelayMs: 20 });
    await projection.start();
    expect(projection.state).toEqual({ live: true });
    drop(new StoreUnavailableError('EventStoreDB unavailable: 1 CANCELLED: Call cancelled'));
    expect(projection.state).toMatchObject({ live: false, reason: 'EventStoreDB unavailable: 1 CANCELLED: Call cancelled', attempts: 1 });
    await ledger.append([{ fact: adoption('hbj') }], staff); // recorded while the views are not following
    await projection.waitFor(7);
    expect(subscribe).toHaveBeenLastCalledWith({ after: 6n });
    expect(projection.state).toEqual({ live: true });
    expect(annualTable(projection.model, 2017, 7).groups[1].rows[0].total).toBe(10);
    projection.stop();
  });

  it('keeps trying while the store cannot be read, doubling the delay, and a wait for a position gives up with a clear error', async () => {
    const { store, ledger } = await givenLedger();
    const { subscribe, drop } = droppable(store);
    const projection = new ScoringProjection(store, { resubscribeDelayMs: 5, waitTimeoutMs: 60 });
    await projection.start();
    const down = jest.spyOn(store, 'readStream').mockImplementation(() => {
      throw new StoreUnavailableError('EventStoreDB unavailable: 14 UNAVAILABLE: No connection established');
    });
    drop(new StoreUnavailableError('EventStoreDB unavailable: 1 CANCELLED: Call cancelled'));
    await until(() => projection.state.live === false && (projection.state as { attempts: number }).attempts >= 3);
    expect(projection.state).toMatchObject({ live: false, reason: 'EventStoreDB unavailable: 14 UNAVAILABLE: No connection established' });
    const calls = subscribe.mock.calls.length;
    down.mockRestore();
    await ledger.append([{ fact: adoption('hbj') }], staff);
    const waited = projection.waitFor(8);
    await expect(waited).rejects.toBeInstanceOf(ProjectionBehindError);
    await expect(waited).rejects.toThrow(/^the views did not reach ledger position 8 within 60 ms \(they are at [67]\)/);
    await until(() => projection.state.live); // it comes back once the store answers
    expect(subscribe.mock.calls.length).toBeGreaterThan(calls);
    expect(projection.state).toEqual({ live: true });
    expect(projection.model.position).toBe(7);
    projection.stop();
  });

  it('stopped and started again while a resubscription is opening, keeps one subscription, and a stop releases whoever waits', async () => {
    const { store, ledger } = await givenLedger();
    const { drop, open } = droppable(store);
    const projection = new ScoringProjection(store, { resubscribeDelayMs: 1 });
    await projection.start();
    const read = store.readStream.bind(store);
    jest.spyOn(store, 'readStream').mockImplementation((...args) =>
      (async function* slowly() {
        await new Promise((resolve) => setTimeout(resolve, 30)); // the store answers slowly
        yield* read(...args);
      })(),
    );
    drop(new StoreUnavailableError('EventStoreDB unavailable: 1 CANCELLED: Call cancelled'));
    await new Promise((resolve) => setTimeout(resolve, 10)); // the resubscription is reading where to start
    projection.stop();
    await projection.start();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(open()).toBe(1);
    await ledger.append([{ fact: adoption('hbj') }], staff);
    await projection.waitFor(7);
    expect(projection.model.position).toBe(7);
    const waiting = projection.waitFor(8);
    projection.stop();
    await expect(waiting).rejects.toThrow('the views were stopped at ledger position 7, before position 8');
    expect(open()).toBe(0);
    await expect(projection.waitFor(9)).rejects.toThrow('the views are stopped at ledger position 7, before position 9'); // at once, no timer left behind
  });

  it('once stopped, does not open a subscription again', async () => {
    const { store } = await givenLedger();
    const { subscribe, drop } = droppable(store);
    const projection = new ScoringProjection(store, { resubscribeDelayMs: 1 });
    await projection.start();
    projection.stop();
    drop(new StoreUnavailableError('gone'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(subscribe).toHaveBeenCalledTimes(1);
  });

  it('starts from its checkpoint, reading only the facts after it, and gives the same views', async () => {
    const { store, ledger } = await givenLedger();
    const checkpointPath = join(mkdtempSync(join(tmpdir(), 'ckpt-')), 'scoring.ckpt');
    const first = new ScoringProjection(store, { checkpointPath });
    await first.start();
    await first.checkpoint(true);
    first.stop();
    await ledger.append([{ fact: adoption('hbj') }], staff);

    const subscribe = jest.spyOn(store, 'subscribeToAll');
    const second = new ScoringProjection(store, { checkpointPath });
    await second.start();
    expect(subscribe).toHaveBeenCalledWith({ after: 6n });
    const fresh = new ScoringProjection(store);
    await fresh.start();
    expect(annualTable(second.model, 2017, 7)).toEqual(annualTable(fresh.model, 2017, 7));
    second.stop();
  });

  it('writes a due checkpoint by itself after live appends, outside the append', async () => {
    const { store, ledger } = await givenLedger();
    const checkpointPath = join(mkdtempSync(join(tmpdir(), 'ckpt-')), 'scoring.ckpt');
    const projection = new ScoringProjection(store, { checkpointPath, checkpointEvery: 3, checkpointDelayMs: 5 });
    await projection.start();
    await projection.checkpoint(true);
    const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
    await ledger.append([{ fact: adoption('hbj') }, { fact: adoption('hbj') }], staff);
    await projection.waitFor(8);
    await settle();
    expect(readCheckpoint(checkpointPath)?.position).toBe(6); // 2 facts since: not due
    await ledger.append([{ fact: adoption('hbj') }], staff);
    await projection.waitFor(9);
    expect(readCheckpoint(checkpointPath)?.position).toBe(6); // due, but not written inside the append
    await until(() => readCheckpoint(checkpointPath)?.position === 9); // by the timer, soon after
    expect(readCheckpoint(checkpointPath)?.position).toBe(9);
    projection.stop();
  });

  it('writes the model at the position of the chain hash it read, though facts were folded while it read it', async () => {
    const { store, ledger } = await givenLedger();
    const checkpointPath = join(mkdtempSync(join(tmpdir(), 'ckpt-')), 'scoring.ckpt');
    const projection = new ScoringProjection(store, { checkpointPath });
    await projection.start();
    const read = store.chainHashAt.bind(store);
    const hashes = jest.spyOn(store, 'chainHashAt').mockImplementation(async (...args) => (await new Promise((resolve) => setTimeout(resolve, 30)), read(...args))); // a round trip to a server
    const adopted = projection.model.facts.at(6)!.fact;
    const writing = projection.checkpoint(true);
    await ledger.append([{ fact: factOf('FactCorrected', { correctedFactId: adopted.id, correction: 'void', replacement: null, reason: '重复', validDate: '2017-03-06' }) }], staff);
    await projection.waitFor(7);
    await writing;
    hashes.mockRestore();
    projection.stop();
    expect(readCheckpoint(checkpointPath)).toMatchObject({ position: 7, headHash: await store.chainHashAt(LEDGER_STREAM, 6n) });
    // restarted from it, the void is there once, as in a fold from the start
    const restarted = new ScoringProjection(store, { checkpointPath });
    await restarted.start();
    expect(restarted.model.corrections.get(adopted.id)).toHaveLength(1);
    expect(annualTable(restarted.model, 2017, 7)).toEqual(annualTable((await freshProjection(store)).model, 2017, 7));
    restarted.stop();
  });

  it('ignores a checkpoint taken from another ledger', async () => {
    const one = await givenLedger();
    const checkpointPath = join(mkdtempSync(join(tmpdir(), 'ckpt-')), 'scoring.ckpt');
    const first = new ScoringProjection(one.store, { checkpointPath });
    await first.start();
    await first.checkpoint(true);
    first.stop();

    const other = await givenLedger(); // same shape, different fact ids
    const subscribe = jest.spyOn(other.store, 'subscribeToAll');
    const second = new ScoringProjection(other.store, { checkpointPath });
    await second.start();
    expect(subscribe).toHaveBeenCalledWith({ after: undefined });
    expect([...second.model.facts.keys()]).toEqual((await collectIds(other.ledger)));
    second.stop();
  });

  it('ignores a checkpoint of a ledger whose facts before its position differ, though the fact at its position has the same id, and gives the views of its own facts', async () => {
    const facts = [...smallLedger(), adoption('xinping'), adoption('xinping')];
    const one = new MemoryStore();
    await new Ledger(one, clock).append(facts.map((fact) => ({ fact })), staff);
    const checkpointPath = join(mkdtempSync(join(tmpdir(), 'ckpt-')), 'scoring.ckpt');
    const first = new ScoringProjection(one, { checkpointPath });
    await first.start();
    await first.checkpoint(true);
    first.stop();

    // The same ids in the same order, but the first adoption moved to 市环保局 (an edited export restored).
    const edited = facts.map((fact, i) => (i === facts.length - 2 ? { ...fact, data: { ...fact.data, unitId: 'hbj' } } : fact)) as LedgerFact[];
    const other = new MemoryStore();
    await new Ledger(other, clock).append(edited.map((fact) => ({ fact })), staff);
    const subscribe = jest.spyOn(other, 'subscribeToAll');
    const second = new ScoringProjection(other, { checkpointPath });
    await second.start();
    expect(subscribe).toHaveBeenCalledWith({ after: undefined }); // folded from the start
    expect(annualTable(second.model, 2017, 7).groups).toEqual(annualTable(modelOf(edited), 2017, 7).groups);
    expect(annualTable(second.model, 2017, 7).groups[1].rows[0]).toMatchObject({ unitId: 'hbj', total: 10 });
    second.stop();
  });

  it('answers --as-of by position or recorded time, and refuses a position beyond the head', async () => {
    const { store } = await givenLedger();
    const projection = new ScoringProjection(store);
    await projection.start();
    expect(projection.positionFor(undefined)).toBe(6);
    expect(projection.positionFor('3')).toBe(3);
    expect(projection.positionFor('2017-03-05T08:00:00Z')).toBe(6);
    expect(projection.positionFor('2017-03-05T07:59:59Z')).toBe(0);
    expect(() => projection.positionFor('7')).toThrow('--as-of: position 7 is beyond the ledger head 6');
    expect(() => projection.positionFor('yesterday')).toThrow('--as-of: yesterday is neither a ledger position nor an ISO time');
    projection.stop();
  });

  it('reads an --as-of time by its offset: the instant of 2017-03-05T08:00:00.000Z written in any zone is the head, a moment before it position 0', async () => {
    const { store } = await givenLedger(); // every fact recorded at 2017-03-05T08:00:00.000Z
    const projection = new ScoringProjection(store);
    await projection.start();
    const at = (asOf: string) => ({ asOf, position: projection.positionFor(asOf) });
    // a parser that dropped the offset would take 15:59:59+08:00 for 15:59:59Z (after the facts: 6) and 03:00-05:00 for 03:00Z (before them: 0)
    for (const [asOf, position] of [
      ['2017-03-05T16:00:00+08:00', 6],
      ['2017-03-05T16:00:00.000+08:00', 6],
      ['2017-03-05T15:59:59.999+08:00', 0],
      ['2017-03-05T15:59:59+08:00', 0],
      ['2017-03-05T03:00:00-05:00', 6],
      ['2017-03-05T03:00:00.001-05:00', 6],
      ['2017-03-05T02:59:59.999-05:00', 0],
      ['2017-03-05T13:45:00+05:45', 6], // an offset of hours and minutes
      ['2017-03-05T13:44:59+05:45', 0],
      ['2017-03-05T00:00:00-08:00', 6], // the same instant, on the wall clock of a zone where it is the start of the day
      ['2017-03-04T23:59:59.999-08:00', 0], // and a moment before it, the day before there
      ['2017-03-05T08:00:00+00:00', 6],
      ['2017-03-05T07:59:59.999+00:00', 0],
    ] as const) {
      expect(at(asOf)).toEqual({ asOf, position });
    }
    projection.stop();
  });
});

async function collectIds(ledger: Ledger): Promise<string[]> {
  const ids: string[] = [];
  for await (const fact of ledger.read()) ids.push(fact.id);
  return ids;
}

describe('the stored JSON text as the fact table entries', () => {
  it('gives the model, byte for byte, that re-serialising the parsed facts gives', async () => {
    const facts = yuxi2017YearFacts().map(toNewFact);
    const sqlite = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'encoded-')), 'ledger.db'));
    const memory = new MemoryStore(); // keeps no text: the fact table serialises every fact
    for (const store of [sqlite, memory]) await store.appendToStream(LEDGER_STREAM, facts);
    const [fromText, fromObjects] = [new ScoringProjection(sqlite), new ScoringProjection(memory)];
    await Promise.all([fromText.start(), fromObjects.start()]);
    expect(fromText.model.position).toBe(facts.length);
    const bytes = (projection: ScoringProjection) => Buffer.concat(projection.model.facts.snapshot().chunks);
    expect(bytes(fromText).equals(bytes(fromObjects))).toBe(true);
    expect(annualTable(fromText.model, 2017, facts.length, fromText.index)).toEqual(annualTable(fromObjects.model, 2017, facts.length, fromObjects.index));
    [fromText, fromObjects].forEach((p) => p.stop());
    await sqlite.close();
  });

  it('is used only when reading changed nothing', () => {
    const stored: StoredFact = {
      id: 'f-1',
      type: 'UnitAliasAdded',
      data: { unitId: 'hbj', alias: '市环保局', validDate: '2017-01-01' },
      metadata: { schemaVersion: 1, recordedAt: '2017-01-05T01:00:00.000Z', recordedBy: 'x' },
      streamId: LEDGER_STREAM,
      revision: 4n,
      position: 5n,
    };
    const withText = (s: StoredFact): StoredFact => ({ ...s, json: { data: JSON.stringify(s.data), metadata: JSON.stringify(s.metadata) } });
    expect(encodedRecordedFact(withText(stored), toRecordedFact(withText(stored)))).toBe(JSON.stringify([stored.id, stored.data, stored.metadata]));
    expect(encodedRecordedFact(stored, toRecordedFact(stored))).toBeUndefined(); // no text kept
    const unversioned = withText({ ...stored, metadata: { recordedAt: '2017-01-05T01:00:00.000Z', recordedBy: 'x' } });
    expect(encodedRecordedFact(unversioned, toRecordedFact(unversioned))).toBeUndefined(); // the schema version is added on read
    const positioned = withText({ ...stored, metadata: { ...stored.metadata, position: 99 } });
    expect(encodedRecordedFact(positioned, toRecordedFact(positioned))).toBeUndefined();
    const upcast = withText(stored);
    expect(encodedRecordedFact(upcast, { ...toRecordedFact(upcast), data: { ...upcast.data } } as ReturnType<typeof toRecordedFact>)).toBeUndefined();
  });
});

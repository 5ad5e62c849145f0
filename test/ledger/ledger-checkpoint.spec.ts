import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ledger, type Clock } from '../../libs/ledger';
import { MemoryStore, SqliteStore, StoreUnavailableError, type EventStorePort } from '../../libs/store';
import { adoption, factOf, smallLedger } from '../support/builders';

const clock: Clock = { now: () => new Date('2017-03-05T08:00:00.000Z') };
const staff = { actor: 'staff:张三' };
const pathIn = () => join(mkdtempSync(join(tmpdir(), 'ledger-ckpt-')), 'ledger.ckpt');
const voidOf = (factId: string) => factOf('FactCorrected', { correctedFactId: factId, correction: 'void', replacement: null, reason: '重复登记', validDate: '2017-03-06' });

/** From now on, the ledger positions the store's reads start at (what a catch-up folded). */
function readsFrom(store: EventStorePort): () => number[] {
  const spy = jest.spyOn(store, 'readStream');
  return () => spy.mock.calls.map(([, options]) => Number(options?.fromRevision ?? 0n) + 1);
}

describe("the ledger's decision state checkpoint", () => {
  it('lets a new process decide from the checkpoint, reading only the facts after it, exactly as one that folded everything', async () => {
    const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'ledger-ckpt-')), 'ledger.db'));
    const checkpointPath = pathIn();
    const first = new Ledger(store, clock, { checkpointPath });
    const adopted = adoption('xinping');
    await first.append([...smallLedger(), adopted].map((fact) => ({ fact })), staff);
    await first.checkpoint(true);
    await first.append([{ fact: voidOf(adopted.id) }], staff); // after the checkpoint
    first.close();

    const reads = readsFrom(store);
    const second = new Ledger(store, clock, { checkpointPath });
    expect(await second.head()).toBe(7);
    expect(reads()).toEqual([6, 7]); // the checkpoint's own fact, checked; then the fold from 7
    // It knows the registry, aliases, the void after the checkpoint, and every id.
    await expect(second.append([{ fact: voidOf(adopted.id), line: 3 }], staff)).rejects.toThrow(/line 3: data.correctedFactId: .*already void/);
    expect(await second.append([{ fact: adopted }], staff)).toEqual({ appended: 0, skipped: 1, head: 7 });
    expect(await second.append([{ fact: adoption('市环保局') }], staff)).toMatchObject({ appended: 1, head: 8 });
    await store.close();
  });

  it('ignores a checkpoint of another ledger (its fact is not at its position) and folds from the start', async () => {
    const checkpointPath = pathIn();
    const other = new MemoryStore();
    const writer = new Ledger(other, clock, { checkpointPath });
    await writer.append(smallLedger().map((fact) => ({ fact })), staff);
    await writer.checkpoint(true);

    const store = new MemoryStore();
    await new Ledger(store, clock).append([...smallLedger(), adoption('xinping')].map((fact) => ({ fact })), staff);
    const reads = readsFrom(store);
    const ledger = new Ledger(store, clock, { checkpointPath });
    expect(await ledger.head()).toBe(6);
    expect(reads()).toEqual([5, 1]); // the checkpoint's fact is not this ledger's: folded from 1
  });

  it('ignores a checkpoint of a ledger whose facts before its position differ, though the fact at its position has the same id', async () => {
    const checkpointPath = pathIn();
    const facts = [...smallLedger(), adoption('xinping')];
    const writer = new Ledger(new MemoryStore(), clock, { checkpointPath });
    await writer.append(facts.map((fact) => ({ fact })), staff);
    await writer.checkpoint(true);

    // The same ids in the same order, but 新平县 registered under another alias (an edited export restored).
    const edited = facts.map((fact) => (fact.type === 'UnitRegistered' && fact.data.unitId === 'xinping' ? { ...fact, data: { ...fact.data, aliases: ['新平'] } } : fact));
    const store = new MemoryStore();
    await new Ledger(store, clock).append(edited.map((fact) => ({ fact })), staff);
    const reads = readsFrom(store);
    const ledger = new Ledger(store, clock, { checkpointPath });
    expect(await ledger.head()).toBe(6);
    expect(reads()).toEqual([6, 1]); // its fact is there, its chain hash is not: folded from 1
    expect(await ledger.append([{ fact: adoption('新平') }], staff)).toMatchObject({ appended: 1 }); // the edited registry, not the checkpoint's
  });

  it('is not written from a state an append decided into while the chain hash was being read, if the store then refused it', async () => {
    const checkpointPath = pathIn();
    const store = new MemoryStore();
    const ledger = new Ledger(store, clock, { checkpointPath });
    await ledger.append(smallLedger().map((fact) => ({ fact })), staff);
    const read = store.chainHashAt.bind(store);
    jest.spyOn(store, 'chainHashAt').mockImplementation(async (...args) => (await new Promise((resolve) => setTimeout(resolve, 30)), read(...args))); // a round trip to a server
    jest.spyOn(store, 'appendToStream').mockRejectedValueOnce(new StoreUnavailableError('EventStoreDB unavailable'));
    const ghost = factOf('UnitRegistered', { unitId: 'ghost', name: '幽灵单位', aliases: [], validDate: '2017-01-01' });
    const writing = ledger.checkpoint(true);
    await expect(ledger.append([{ fact: ghost }], staff)).rejects.toBeInstanceOf(StoreUnavailableError);
    await writing;
    jest.restoreAllMocks();
    // Whatever was written, the next process knows no 幽灵单位: the store never recorded it.
    const next = new Ledger(store, clock, { checkpointPath });
    expect(await next.append([{ fact: ghost }], staff)).toMatchObject({ appended: 1, head: 6 });
  });

  it('is not written from a state that took part of a rejected batch, nor before one is due', async () => {
    const checkpointPath = pathIn();
    const ledger = new Ledger(new MemoryStore(), clock, { checkpointPath, checkpointEvery: 3 });
    await ledger.append(smallLedger().map((fact) => ({ fact })), staff);
    await expect(ledger.append([{ fact: adoption('xinping') }, { fact: adoption('市金融办') }], staff)).rejects.toThrow(/市金融办/);
    await ledger.checkpoint(true);
    expect(existsSync(checkpointPath)).toBe(false);
    expect(await ledger.head()).toBe(5); // rebuilt from the store
    await ledger.checkpoint();
    expect(existsSync(checkpointPath)).toBe(true);
    const written = statSync(checkpointPath).mtimeMs;
    await ledger.append([{ fact: adoption('xinping') }], staff); // one fact since: not due
    await ledger.checkpoint();
    expect(statSync(checkpointPath).mtimeMs).toBe(written);
    ledger.close();
  });

  it('is written by a timer after the appends that made it due, not inside them', async () => {
    const checkpointPath = pathIn();
    const ledger = new Ledger(new MemoryStore(), clock, { checkpointPath, checkpointEvery: 3, checkpointDelayMs: 5 });
    await ledger.append(smallLedger().map((fact) => ({ fact })), staff);
    expect(existsSync(checkpointPath)).toBe(false); // due, but not written inside the append
    for (let i = 0; i < 400 && !existsSync(checkpointPath); i++) await new Promise((resolve) => setTimeout(resolve, 5)); // by the timer, soon after
    expect(existsSync(checkpointPath)).toBe(true);
    const restored = new Ledger(new MemoryStore(), clock, { checkpointPath });
    expect(await restored.head()).toBe(0); // another (empty) store: the checkpoint is not its own
    ledger.close();
  });
});

import { MemoryStore } from '../../libs/store';
import { describeStoreContract, fact } from './store-contract';

describeStoreContract('memory', async () => {
  const store = new MemoryStore();
  return { store, dispose: () => store.close() };
});

describe('memory store tamper evidence', () => {
  it('a changed fact breaks the chain at its position', async () => {
    const store = new MemoryStore();
    await store.appendToStream('ledger', [fact(), fact(), fact()]);
    (store.rows[1].fact.data as Record<string, unknown>).title = '改过的标题';
    expect(await store.verifyChain()).toMatchObject({ ok: false, position: 2n });
  });
});

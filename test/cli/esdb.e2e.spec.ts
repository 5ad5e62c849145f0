import { join } from 'node:path';
import { startEsdbStandIn, type EsdbStandIn } from '../esdb-standin';
import { ledgerAsync, ROOT, tempStore } from './run-ledger';

const SAMPLE = join(ROOT, 'examples/facts-sample.ndjson');

describe('the ledger command on EventStoreDB (through the wire-level stand-in)', () => {
  let server: EsdbStandIn;
  beforeEach(async () => {
    server = await startEsdbStandIn({ batchAppend: true });
  });
  afterEach(() => server.stop());

  it('imports idempotently, exports the same bytes as SQLite would read back, and verifies', async () => {
    const store = server.connectionString;
    const first = await ledgerAsync(['import', SAMPLE], { store });
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/^appended 65, skipped 0 \(head 65\)\n$/);
    expect((await ledgerAsync(['import', SAMPLE], { store })).stdout).toMatch(/^appended 0, skipped 65/);
    expect((await ledgerAsync(['head'], { store })).stdout).toBe('65\n');
    expect(await ledgerAsync(['verify'], { store })).toMatchObject({ status: 0 });

    // The export from EventStoreDB is the export the same facts give on SQLite, byte for byte.
    const exported = (await ledgerAsync(['export'], { store })).stdout;
    const sqlite = tempStore().url;
    expect((await ledgerAsync(['import', '-'], { store: sqlite, input: exported })).stdout).toBe('appended 65, skipped 0 (head 65)\n');
    expect((await ledgerAsync(['export'], { store: sqlite })).stdout).toBe(exported);
    expect(exported.trim().split('\n')).toHaveLength(65);
  });

  it('verify names the position of a fact changed in the server', async () => {
    const store = server.connectionString;
    await ledgerAsync(['import', SAMPLE], { store });
    const stored = server.tamper.list().filter((r) => r.streamName === 'ledger');
    server.tamper.changeData(stored[9].index, (data) => Buffer.from(data.toString('utf8').replace('2017', '2016')));
    const run = await ledgerAsync(['verify'], { store });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^position 10 \\(\\$all position ${stored[9].position}\\): content changed`));
  });
});

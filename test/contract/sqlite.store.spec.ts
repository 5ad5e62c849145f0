import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { filter, firstValueFrom, take, toArray } from 'rxjs';
import { chainHash, ExpectedRevisionConflictError, SqliteStore } from '../../libs/store';
import { collect, describeStoreContract, fact } from './store-contract';

function tempLedgerPath(): string {
  return join(tmpdir(), `ledger-test-${randomUUID()}`, 'ledger.db');
}

function removeLedger(path: string): void {
  rmSync(join(path, '..'), { recursive: true, force: true });
}

/** A plain connection to the file, beside the store: how the tests tamper with it or look at it. */
function onRawFile(path: string, edit: (db: Database.Database) => void): void {
  const db = new Database(path);
  try {
    edit(db);
  } finally {
    db.close();
  }
}

/** A second process that takes the file's write lock, says so, holds it for argv[3] ms and commits. */
const HOLD_WRITE_LOCK = `
  const Database = require(process.argv[1]);
  const db = new Database(process.argv[2]);
  db.exec('BEGIN IMMEDIATE');
  process.stdout.write('locked;');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.argv[3]));
  const releasing = Date.now();
  db.exec('COMMIT');
  db.close();
  process.stdout.write(String(releasing));
`;

describeStoreContract('sqlite', async () => {
  const path = tempLedgerPath();
  const store = new SqliteStore(path);
  return {
    store,
    dispose: async () => {
      await store.close();
      removeLedger(path);
    },
  };
});

describe('sqlite store', () => {
  let path: string;
  const opened: SqliteStore[] = [];
  const open = () => {
    const store = new SqliteStore(path);
    opened.push(store);
    return store;
  };

  beforeEach(() => {
    path = tempLedgerPath();
  });
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    removeLedger(path);
  });

  /** Five facts at positions 1..5 over two streams, then the store is closed. */
  async function ledgerOfFive(): Promise<void> {
    const store = open();
    await store.appendToStream('ledger-a', [fact(), fact(), fact()]);
    await store.appendToStream('ledger-b', [fact(), fact()]);
    await store.close();
  }

  describe('one chain per stream', () => {
    it("gives a stream's facts the same hashes whatever other streams the file holds (a credential before the ledger)", async () => {
      const facts = [fact(), fact(), fact()];
      const alone = open();
      await alone.appendToStream('ledger', facts);
      const expected = await alone.chainHashAt('ledger', 2n);
      path = tempLedgerPath();
      const beside = open();
      await beside.appendToStream('credentials', [fact()]);
      await beside.appendToStream('ledger', facts.map((f) => ({ ...f })));
      expect(await beside.chainHashAt('ledger', 2n)).toBe(expected);
      expect(await beside.verifyChain()).toMatchObject({ ok: true, checked: 4 });
    });

    /** A file as the earlier format wrote it, of so many facts of each stream in turn: every hash chained to the row before, whatever its stream. */
    async function format0File(streams: Array<[streamId: string, facts: number]>): Promise<void> {
      const store = open();
      for (const [streamId, count] of streams) await store.appendToStream(streamId, Array.from({ length: count }, () => fact()));
      await store.close();
      onRawFile(path, (db) => {
        db.pragma('user_version = 0');
        const rows = db.prepare('SELECT position, stream_id, revision, id, type, data, metadata FROM facts ORDER BY position').all() as Array<Record<string, never>>;
        let previous = '0'.repeat(64);
        for (const row of rows) {
          previous = chainHash(previous, { streamId: row.stream_id, revision: BigInt(row.revision), id: row.id, type: row.type, data: JSON.parse(row.data), metadata: JSON.parse(row.metadata) });
          db.prepare('UPDATE facts SET hash = ? WHERE position = ?').run(previous, row.position);
        }
      });
    }
    const userVersion = () => {
      let version: unknown;
      onRawFile(path, (db) => (version = db.pragma('user_version', { simple: true })));
      return version;
    };

    it('keeps a file of several streams written in the global chain (format 0) as it is: its recorded hashes stay, it verifies, appends continue it', async () => {
      await format0File([['credentials', 1], ['ledger', 2]]);
      let recorded = '';
      onRawFile(path, (db) => (recorded = db.prepare("SELECT hash FROM facts WHERE stream_id = 'ledger' AND revision = 1").pluck().get() as string));
      const reopened = open();
      expect(await reopened.chainHashAt('ledger', 1n)).toBe(recorded); // what a circular issued on it recorded
      await reopened.appendToStream('ledger', [fact()]);
      expect(await reopened.verifyChain()).toMatchObject({ ok: true, checked: 4 });
      await reopened.close();
      expect(userVersion()).toBe(0);
    });

    it('marks a file of one stream format 1 when opened: its hashes are the same either way', async () => {
      await format0File([['ledger', 2]]);
      let recorded = '';
      onRawFile(path, (db) => (recorded = db.prepare("SELECT hash FROM facts WHERE stream_id = 'ledger' AND revision = 1").pluck().get() as string));
      const reopened = open();
      expect(await reopened.chainHashAt('ledger', 1n)).toBe(recorded);
      await reopened.appendToStream('credentials', [fact()]);
      expect(await reopened.verifyChain()).toMatchObject({ ok: true, checked: 3 });
      await reopened.close();
      expect(userVersion()).toBe(1);
    });

    it('names a break in a file of the global chain', async () => {
      await format0File([['credentials', 1], ['ledger', 2]]);
      onRawFile(path, (db) => db.prepare(`UPDATE facts SET data = replace(data, '"unitId"', '"unitID"') WHERE position = 3`).run());
      expect(await open().verifyChain()).toMatchObject({ ok: false, position: 3n, at: { streamId: 'ledger', revision: 1n } });
    });
  });

  describe('tamper evidence', () => {
    it('changing one byte of a stored fact names its position', async () => {
      await ledgerOfFive();
      onRawFile(path, (db) => db.prepare(`UPDATE facts SET data = replace(data, '"unitId"', '"unitID"') WHERE position = 3`).run());
      expect(await open().verifyChain()).toMatchObject({ ok: false, position: 3n, checked: 2, reason: expect.stringContaining('hash does not match') });
    });

    it('a byte change that breaks the JSON is named as such', async () => {
      await ledgerOfFive();
      onRawFile(path, (db) => db.prepare(`UPDATE facts SET metadata = substr(metadata, 2) WHERE position = 4`).run());
      expect(await open().verifyChain()).toMatchObject({ ok: false, position: 4n, reason: expect.stringContaining('not valid JSON') });
    });

    it('deleting a row is found as a gap at its position', async () => {
      await ledgerOfFive();
      onRawFile(path, (db) => db.prepare('DELETE FROM facts WHERE position = 2').run());
      expect(await open().verifyChain()).toMatchObject({ ok: false, position: 2n, reason: expect.stringContaining('missing') });
    });

    it('deleting the last rows is not detectable from the file alone, and the head hash shows it', async () => {
      // Truncation leaves a valid shorter chain; the head hash is what a circular or export pins.
      await ledgerOfFive();
      const intact = await open().verifyChain();
      onRawFile(path, (db) => db.prepare('DELETE FROM facts WHERE position = 5').run());
      const truncated = await open().verifyChain();
      expect(truncated).toMatchObject({ ok: true, checked: 4 });
      expect(intact.ok && truncated.ok && intact.headHash !== truncated.headHash).toBe(true);
    });

    it('swapping the contents of two rows of different streams is found where the first stream\'s chain breaks', async () => {
      await ledgerOfFive();
      onRawFile(path, (db) => {
        const cols = 'stream_id, revision, id, type, data, metadata, hash';
        db.transaction(() => {
          db.exec(`CREATE TEMP TABLE swap AS SELECT position, ${cols} FROM facts WHERE position IN (2, 4)`);
          db.exec('DELETE FROM facts WHERE position IN (2, 4)');
          db.exec(`INSERT INTO facts (position, ${cols}) SELECT CASE position WHEN 2 THEN 4 ELSE 2 END, ${cols} FROM swap`);
        })();
      });
      // Position 2 now holds ledger-b's first fact, a sound start of its own chain; ledger-a's chain
      // then breaks at position 3, whose fact was chained to the one moved away.
      expect(await open().verifyChain()).toMatchObject({ ok: false, position: 3n, checked: 2 });
    });

    it('a forged row inserted in the middle is found at its position', async () => {
      await ledgerOfFive();
      onRawFile(path, (db) => {
        db.transaction(() => {
          // Shift positions 3..5 up by one (through negatives, to keep the primary key unique on the way).
          db.exec('UPDATE facts SET position = -(position + 1) WHERE position >= 3');
          db.exec('UPDATE facts SET position = -position WHERE position < 0');
          const previousHash = db.prepare('SELECT hash FROM facts WHERE position = 2').pluck().get() as string;
          db.prepare('INSERT INTO facts VALUES (3, ?, 0, ?, ?, ?, ?, ?)').run('ledger-forged', randomUUID(), 'InformationAdopted', '{"unitId":"新平县"}', '{}', previousHash);
        })();
      });
      expect(await open().verifyChain()).toMatchObject({ ok: false, position: 3n, checked: 2 });
    });

    it('a forged row appended at the end is found at its position', async () => {
      await ledgerOfFive();
      onRawFile(path, (db) => db.prepare('INSERT INTO facts VALUES (6, ?, 0, ?, ?, ?, ?, ?)').run('ledger-c', randomUUID(), 'InformationAdopted', '{}', '{}', '0'.repeat(64)));
      expect(await open().verifyChain()).toMatchObject({ ok: false, position: 6n, checked: 5 });
    });
  });

  describe('durability and idempotency across restarts', () => {
    it('facts survive closing and reopening the file, and re-appending the same batch appends nothing', async () => {
      const batch = [fact(), fact('InformationAdopted', { level: 'city' })];
      const first = open();
      const result = await first.appendToStream('ledger-a', batch, { expectedRevision: 'no_stream' });
      await first.close();

      const reopened = open();
      expect((await collect(reopened.readStream('ledger-a'))).map((f) => f.id)).toEqual(batch.map((f) => f.id));
      expect(await reopened.appendToStream('ledger-a', batch, { expectedRevision: 'no_stream' })).toEqual(result);
      expect(await reopened.headPosition()).toBe(2n);
      expect(await reopened.verifyChain()).toMatchObject({ ok: true, checked: 2 });
    });

    it('the file is in WAL mode and every commit is synced (synchronous FULL = 2), with a busy timeout', () => {
      const { journalMode, synchronous, busyTimeoutMs } = open().durability();
      expect({ journalMode, synchronous }).toEqual({ journalMode: 'wal', synchronous: 2 });
      expect(busyTimeoutMs).toBeGreaterThanOrEqual(1000);
      // journal_mode is a property of the file: another connection sees it too.
      onRawFile(path, (db) => expect(db.pragma('journal_mode', { simple: true })).toBe('wal'));
    });

    it('positions are 1, 2, 3, ... with no gap across streams and instances', async () => {
      const one = open();
      const two = open();
      await one.appendToStream('ledger-a', [fact(), fact()]);
      await two.appendToStream('ledger-b', [fact()]);
      await one.appendToStream('ledger-b', [fact()]);
      expect((await collect(two.readAll())).map((f) => f.position)).toEqual([1n, 2n, 3n, 4n]);
      expect(await two.verifyChain()).toMatchObject({ ok: true, checked: 4 });
    });
  });

  it('reads, subscriptions and verification page through more facts than one query returns', async () => {
    const store = open();
    const batch = () => Array.from({ length: 1250 }, () => fact());
    await store.appendToStream('ledger-a', batch());
    await store.appendToStream('ledger-b', batch());
    const positions = (await collect(store.readAll())).map((f) => Number(f.position));
    expect(positions).toEqual(Array.from({ length: 2500 }, (_, i) => i + 1));
    expect((await collect(store.readAll({ after: 10n, maxCount: 1500 }))).map((f) => Number(f.position))).toEqual(positions.slice(10, 1510));
    expect((await collect(store.readStream('ledger-b', { fromRevision: 999n, maxCount: 1002 }))).map((f) => Number(f.revision))).toEqual(
      Array.from({ length: 251 }, (_, i) => 999 + i),
    );
    const messages = await firstValueFrom(store.subscribeToAll({ after: 5n }).pipe(take(2496), toArray()));
    expect(messages.filter((m) => m.kind === 'fact').map((m) => (m.kind === 'fact' ? Number(m.fact.position) : 0))).toEqual(positions.slice(5));
    expect(messages.at(-1)).toEqual({ kind: 'caughtUp' });
    expect(await store.verifyChain()).toMatchObject({ ok: true, checked: 2500 });
  });

  it('an in-memory database works for throwaway ledgers', async () => {
    const store = new SqliteStore(':memory:');
    opened.push(store);
    await store.appendToStream('ledger-a', [fact(), fact()]);
    expect(await store.verifyChain()).toMatchObject({ ok: true, checked: 2 });
  });

  it('closing the store completes its live subscriptions', async () => {
    const store = open();
    const kinds: string[] = [];
    let completed = false;
    store.subscribeToAll().subscribe({ next: (m) => kinds.push(m.kind), complete: () => (completed = true) });
    await store.appendToStream('ledger-a', [fact()]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await store.close();
    expect(kinds).toEqual(['caughtUp', 'fact']);
    expect(completed).toBe(true);
  });

  describe('two writers on one file', () => {
    it('an append waits for another process holding the write lock instead of failing', async () => {
      const store = open();
      await store.appendToStream('ledger-a', [fact()]);
      const holder = spawn(process.execPath, ['-e', HOLD_WRITE_LOCK, require.resolve('better-sqlite3'), path, '500']);
      let output = '';
      holder.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = once(holder, 'exit');
      while (!output.startsWith('locked;')) await once(holder.stdout, 'data');
      await store.appendToStream('ledger-a', [fact()], { expectedRevision: 0n });
      const appended = Date.now();
      await exited;
      // It went through only once the other process let go of the lock, however late either ran.
      const released = Number(output.slice('locked;'.length));
      expect(released).toBeGreaterThan(0);
      expect(appended).toBeGreaterThanOrEqual(released);
      expect(await store.headPosition()).toBe(2n);
    });

    it('with the same expected revision exactly one append succeeds, the other conflicts', async () => {
      const one = open();
      const two = open();
      await one.appendToStream('ledger-a', [fact()], { expectedRevision: 'no_stream' });
      const outcomes = await Promise.allSettled([
        one.appendToStream('ledger-a', [fact()], { expectedRevision: 0n }),
        two.appendToStream('ledger-a', [fact(), fact()], { expectedRevision: 0n }),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected']);
      expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(ExpectedRevisionConflictError);
      expect(await collect(two.readStream('ledger-a'))).toHaveLength(2);
    });

    it('a subscription on one instance receives facts appended through the other', async () => {
      const reader = open();
      const writer = open();
      const early = fact();
      await writer.appendToStream('ledger-a', [early]);
      const later = [fact(), fact()];
      const received = firstValueFrom(
        reader.subscribeToAll().pipe(
          filter((m) => m.kind === 'fact'),
          take(3),
          toArray(),
        ),
      );
      await writer.appendToStream('ledger-a', [later[0]]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await writer.appendToStream('ledger-b', [later[1]]);
      const ids = (await received).map((m) => (m.kind === 'fact' ? m.fact.id : ''));
      expect(ids).toEqual([early.id, later[0].id, later[1].id]);
    });
  });
});

import Database from 'better-sqlite3';
import { join } from 'node:path';
import { ledger, ROOT, tempStore } from './run-ledger';

const SAMPLE = join(ROOT, 'examples/facts-sample.ndjson');

/** Given a stored sample ledger, tamper with the file directly (as an attacker with disk access would). */
function tampered(change: (db: Database.Database) => void): string {
  const { url, path } = tempStore();
  expect(ledger(['import', SAMPLE], { store: url }).status).toBe(0);
  const db = new Database(path);
  change(db);
  db.close();
  return url;
}

describe('ledger verify', () => {
  it('passes on an untouched ledger', () => {
    const run = ledger(['verify'], { store: tampered(() => undefined) });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^ok: \d+ ledger facts, chain head [0-9a-f]{64}\n$/);
  });

  it("counts and names the ledger's facts, not the credentials beside them, and a break by its ledger position", () => {
    const url = tampered(() => undefined);
    expect(ledger(['token', 'create', '--role', 'auditor', '--name', '审计'], { store: url }).status).toBe(0);
    const head = Number(ledger(['head'], { store: url }).stdout);
    const ok = ledger(['verify'], { store: url });
    expect(ok.stdout).toMatch(new RegExp(`^ok: ${head} ledger facts, chain head [0-9a-f]{64} \\(and 1 in credentials\\)\\n$`));
    // a ledger fact after the credential: its ledger position, with the file's row beside it
    expect(ledger(['import', '-'], { store: url, input: `${JSON.stringify({ id: '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', type: 'InformationSubmitted', data: { itemId: 'x-1', unitId: 'hbj', title: '测试', validDate: '2017-12-01' }, metadata: { schemaVersion: 1 } })}\n` }).status).toBe(0);
    const path = url.slice('sqlite:'.length);
    const db = new Database(path);
    db.prepare(`UPDATE facts SET data = replace(data, '测试', '改过') WHERE stream_id = 'ledger' AND revision = ?`).run(head);
    db.close();
    const broken = ledger(['verify'], { store: url });
    expect(broken.status).toBe(1);
    expect(broken.stderr).toBe(`position ${head + 1} ($all position ${head + 2}): stored hash does not match the fact and the previous hash (the fact was altered, moved or inserted)\n`);
  });

  it('names the position of a fact with one byte changed', () => {
    const url = tampered((db) => {
      const { data } = db.prepare('SELECT data FROM facts WHERE position = 7').get() as { data: string };
      const i = data.indexOf('"', 2) + 1;
      db.prepare('UPDATE facts SET data = ? WHERE position = 7').run(data.slice(0, i) + String.fromCharCode(data.charCodeAt(i) ^ 1) + data.slice(i + 1));
    });
    const run = ledger(['verify'], { store: url });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('position 7: stored data or metadata is not valid JSON (the fact was altered)\n');
  });

  it('names the position where a row was deleted', () => {
    const run = ledger(['verify'], { store: tampered((db) => db.prepare('DELETE FROM facts WHERE position = 12').run()) });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^position 12: /);
  });

  it('names the first of two swapped rows', () => {
    const url = tampered((db) => {
      const swap = db.transaction(() => {
        db.prepare('UPDATE facts SET position = -1 WHERE position = 20').run();
        db.prepare('UPDATE facts SET position = 20 WHERE position = 21').run();
        db.prepare('UPDATE facts SET position = 21 WHERE position = -1').run();
      });
      swap();
    });
    const run = ledger(['verify'], { store: url });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^position 20: [^\n]*\n$/);
    expect(run.stderr).not.toMatch(/position 20: position/);
  });
});

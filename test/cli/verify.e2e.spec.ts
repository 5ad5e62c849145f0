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
    expect(run.stdout).toMatch(/^ok: \d+ facts, chain head [0-9a-f]{64}\n$/);
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

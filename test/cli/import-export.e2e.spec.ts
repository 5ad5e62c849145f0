import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ledger, ledgerClosedEarly, ROOT, tempStore } from './run-ledger';

const SAMPLE = join(ROOT, 'examples/facts-sample.ndjson');
const sampleLines = readFileSync(SAMPLE, 'utf8').trim().split('\n');

describe('ledger import / export / head', () => {
  it('importing the sample twice appends nothing the second time', () => {
    const { url } = tempStore();
    const first = ledger(['import', SAMPLE], { store: url });
    expect(first).toMatchObject({ status: 0, stdout: `appended ${sampleLines.length}, skipped 0 (head ${sampleLines.length})\n` });
    const second = ledger(['import', SAMPLE], { store: url });
    expect(second).toMatchObject({ status: 0, stdout: `appended 0, skipped ${sampleLines.length} (head ${sampleLines.length})\n` });
    expect(ledger(['head'], { store: url }).stdout).toBe(`${sampleLines.length}\n`);
  });

  it('export, import into an empty store and export again gives identical bytes', () => {
    const one = tempStore();
    const two = tempStore();
    ledger(['import', SAMPLE], { store: one.url });
    const exported = ledger(['export'], { store: one.url });
    expect(exported.status).toBe(0);
    expect(exported.stdout.trim().split('\n')).toHaveLength(sampleLines.length);
    expect(ledger(['import', '-'], { store: two.url, input: exported.stdout }).status).toBe(0);
    expect(ledger(['export'], { store: two.url }).stdout).toBe(exported.stdout);
  });

  it('export --until stops at that position, and keeps who recorded each fact and when', () => {
    const { url } = tempStore();
    ledger(['import', SAMPLE, '--actor', 'staff:王五'], { store: url });
    const lines = ledger(['export', '--until', '3'], { store: url }).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((f) => f.metadata.position)).toEqual([1, 2, 3]);
    // the operating-system user who ran it, and whom it was recorded for (--actor names no one on its own)
    expect(lines.every((f) => /^cli:\S+ for staff:王五$/.test(f.metadata.recordedBy) && /^\d{4}-\d\d-\d\dT/.test(f.metadata.recordedAt))).toBe(true);
    const head = Number(ledger(['head'], { store: url }).stdout);
    expect(ledger(['export', '--until', String(head + 1)], { store: url })).toMatchObject({ status: 2, stdout: '', stderr: `--until: position ${head + 1} is beyond the ledger head ${head}\n` });
  });

  it('stops quietly with exit 0 when its reader closes the pipe early (ledger fixture 2017 | head -1)', async () => {
    const run = await ledgerClosedEarly(['fixture', '2017']); // about 4 MB: far more than one pipe buffer
    expect(run.first).toMatch(/^\{.*"type":"SchemePublished"\}\n/);
    expect(run).toMatchObject({ status: 0, stderr: '' });
  });

  it('an empty ledger is at position 0', () => {
    const { url } = tempStore();
    expect(ledger(['import', '-'], { store: url, input: '' })).toMatchObject({ status: 0, stdout: 'appended 0, skipped 0 (head 0)\n' });
    expect(ledger(['head'], { store: url })).toMatchObject({ status: 0, stdout: '0\n' });
  });

  it('a command that only reads refuses an embedded store file that is not there, and creates none (a mistyped path gave an empty ledger)', () => {
    const { url, path } = tempStore();
    for (const args of [['head'], ['table', '--year', '2017'], ['explain', '--unit', 'hbj', '--year', '2017'], ['history'], ['verify'], ['export'], ['circular', 'list'], ['settle', '--year', '2017', '--check'], ['token', 'list']]) {
      expect({ args, ...ledger(args, { store: url }) }).toEqual({ args, status: 2, stdout: '', stderr: `--store: ${url}: there is no ledger file at ${path}; a command that only reads creates none (ledger import or ledger serve does)\n` });
    }
    expect(existsSync(path)).toBe(false);
    expect(ledger(['head'], { store: 'sqlite::memory:' })).toMatchObject({ status: 0, stdout: '0\n' }); // an in-memory SQLite is no file to look for
    expect(ledger(['token', 'create', '--role', 'auditor', '--name', '审计'], { store: url }).status).toBe(0); // a write creates it
    expect(ledger(['head'], { store: url })).toMatchObject({ status: 0, stdout: '0\n' });
  });

  it('a store URL that is not one is a usage error naming the flag', () => {
    const run = ledger(['head', '--store', 'postgres://x']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^--store: postgres:\/\/x is not a store URL/);
  });
});

describe('ledger import rejects a file with one bad line, naming the line and field, and appends nothing', () => {
  const withBadLine = (bad: string, at = 4) => [...sampleLines.slice(0, at - 1), bad, ...sampleLines.slice(at - 1)].join('\n');
  const mutate = (line: number, change: (fact: { id: string; type: string; data: Record<string, unknown> }) => void) => {
    const fact = JSON.parse(sampleLines[line - 1]);
    change(fact);
    return JSON.stringify(fact);
  };

  const cases: Array<[string, string, RegExp]> = [
    ['bad JSON', withBadLine('{"id": "0000'), /^line 4: \(json\): /],
    ['an unknown kind', withBadLine(mutate(2, (f) => { f.id = '10000000-0000-4000-8000-000000000001'; f.type = 'UnitDeleted'; })), /^line 4: type: /],
    ['a missing field', withBadLine(mutate(2, (f) => { f.id = '10000000-0000-4000-8000-000000000002'; delete f.data.name; })), /^line 4: data\.name: /],
    ['an unknown field', withBadLine(mutate(2, (f) => { f.id = '10000000-0000-4000-8000-000000000003'; f.data.colour = 'red'; })), /^line 4: data\.colour: /],
    ['a bad enum', [...sampleLines.map((l) => l.replace('"failure":"late"', '"failure":"early"'))].join('\n'), /^line \d+: data\.failure: /],
    ['an id reused with other content', withBadLine(mutate(2, (f) => { f.data.name = '另一个名字'; }), sampleLines.length + 1), /^line \d+: id: fact .* comes twice in this input \(first on line 2\), with other content/],
  ];

  it.each(cases)('%s', (_name, content, message) => {
    const { url } = tempStore();
    const run = ledger(['import', '-'], { store: url, input: content });
    expect(run.status).toBe(3);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
    expect(ledger(['head'], { store: url }).stdout).toBe('0\n');
  });

  it('a bad line in a second import leaves the first import untouched', () => {
    const { url } = tempStore();
    ledger(['import', SAMPLE], { store: url });
    const more = [mutate(2, (f) => { f.id = '10000000-0000-4000-8000-000000000009'; f.data.unitId = 'new-unit'; f.data.name = '新单位'; f.data.aliases = []; }), '{oops'].join('\n');
    expect(ledger(['import', '-'], { store: url, input: more }).status).toBe(3);
    expect(ledger(['head'], { store: url }).stdout).toBe(`${sampleLines.length}\n`);
  });
});

import { join } from 'node:path';
import { ledger, ROOT, tempStore } from './run-ledger';

const SAMPLE = join(ROOT, 'examples/facts-sample.ndjson');

describe('ledger table / monthly / explain / history / settle on the sample ledger', () => {
  const { url } = tempStore();
  const run = (args: string[], input?: string) => ledger(args, { store: url, input });
  beforeAll(() => {
    expect(run(['import', SAMPLE]).status).toBe(0);
  });

  it('prints the table as JSON in the public shape, and as CSV with the published columns', () => {
    const table = JSON.parse(run(['table', '--year', '2017']).stdout);
    expect(Object.keys(table)).toEqual(['year', 'asOf', 'scheme', 'groups']);
    expect(table.groups.map((g: { key: string }) => g.key)).toEqual(['county', 'city_department', 'central_provincial', 'other']);
    expect(Object.keys(table.groups[0].rows[0])).toEqual(['unitId', 'unit', 'target', 'cityAdopted', 'cityPoints', 'provincialAdopted', 'bonus', 'total', 'rank']);
    const csv = run(['table', '--year', '2017', '--format', 'csv']).stdout.split('\n');
    expect(csv[0]).toBe('section,group,unit,target,city_adopted,city_points,provincial_adopted,bonus,total,rank');
    expect(csv.length - 2).toBe(table.groups.flatMap((g: { rows: unknown[] }) => g.rows).length);
  });

  it('every explanation adds up to the unit\'s total in the table, whatever name the unit is asked by', () => {
    const rows = JSON.parse(run(['table', '--year', '2017']).stdout).groups.flatMap((g: { rows: Array<{ unitId: string; total: number }> }) => g.rows);
    for (const row of rows) {
      const explanation = JSON.parse(run(['explain', '--unit', row.unitId, '--year', '2017']).stdout);
      expect(explanation.total).toBe(row.total);
      expect(explanation.items.reduce((sum: number, i: { points: number }) => sum + i.points, 0)).toBe(row.total);
    }
    const byAlias = JSON.parse(run(['explain', '--unit', '市环保局', '--year', '2017']).stdout);
    expect(byAlias.unit).toBe('市环境保护局');
  });

  it('a year with no scheme gives the empty table, and says why on stderr', () => {
    const head = Number(run(['head']).stdout);
    const table = run(['table', '--year', '2016']);
    expect(table).toMatchObject({ status: 0, stderr: `note: no scheme is recorded for 2016 as of position ${head}: the table is empty\n` });
    expect(JSON.parse(table.stdout)).toMatchObject({ year: 2016, scheme: null, groups: [] });
    expect(run(['monthly', '--month', '2016-03']).stderr).toContain('no scheme is recorded for 2016');
    expect(run(['table', '--year', '2017']).stderr).toBe('');
  });

  it('a view as of an earlier position ignores what came after it', () => {
    const head = Number(run(['head']).stdout);
    const before = JSON.parse(run(['table', '--year', '2017', '--as-of', String(head - 5)]).stdout);
    expect(before.asOf.position).toBe(head - 5);
    expect(run(['table', '--year', '2017', '--as-of', String(head + 1)])).toMatchObject({ status: 2, stderr: `--as-of: position ${head + 1} is beyond the ledger head ${head}\n` });
  });

  it('--as-of takes a position or a real ISO time with its offset, nothing looser (no local times, no rolled-over days)', () => {
    const at = (asOf: string) => run(['table', '--year', '2017', '--as-of', asOf]);
    for (const loose of ['-1', '1.5', ' 5', 'Jun 1 2017', '2017-06-01 00:00', '2017-06-01T00:00', '2017-02-30', '2017-02-28T24:00Z']) {
      const result = at(loose);
      expect({ loose, status: result.status }).toEqual({ loose, status: 2 });
      expect(result.stderr).toBe(`--as-of: ${loose} is neither a ledger position nor an ISO time (e.g. 11343, 2018-01-16 or 2018-01-16T10:00:00+08:00: a real day and time, with its offset)\n`);
    }
    const utc = JSON.parse(at('2030-01-01T00:00:00Z').stdout);
    expect(JSON.parse(at('2030-01-01T08:00:00+08:00').stdout)).toEqual(utc);
    expect(JSON.parse(at('2030-01-01').stdout)).toEqual(utc);
  });

  it("answers commander's usage errors, of the root and of a subcommand, with one line and exit 2", () => {
    expect(run(['tabel', '--year', '2017'])).toMatchObject({ status: 2, stderr: "unknown command 'tabel' (Did you mean table?)\n" });
    expect(run(['table', '--year', '2017', '--bogus', '1'])).toMatchObject({ status: 2, stderr: "unknown option '--bogus'\n" });
    expect(run(['table', '--year'])).toMatchObject({ status: 2, stderr: "option '--year <year>' argument missing\n" });
    expect(run(['import'])).toMatchObject({ status: 2, stderr: "missing required argument 'file'\n" });
    expect(run(['table', '--help'])).toMatchObject({ status: 0, stderr: '' });
    // --store before the command is the command's (here an empty store instead of the sample's)
    expect(run(['--store', 'memory:', 'head'])).toMatchObject({ status: 0, stdout: '0\n' });
    expect(run(['--store=memory:', 'head'])).toMatchObject({ status: 0, stdout: '0\n' });
  });

  it('asks for years the ledger can hold, and history bounds that are real days or months', () => {
    expect(run(['table', '--year', '1899'])).toMatchObject({ status: 2, stderr: '--year: 1899 is not a year the ledger can hold (1990 to 2100)\n' });
    expect(run(['history', '--from', '2017-02-31'])).toMatchObject({ status: 2, stderr: '--from: 2017-02-31 is not a calendar date (no such day)\n' });
    expect(run(['history', '--to', '2017-13'])).toMatchObject({ status: 2, stderr: '--to: 2017-13 is not a month (no such month)\n' });
  });

  it('the monthly view lists the units with no adoption that month', () => {
    const march = JSON.parse(run(['monthly', '--month', '2017-03']).stdout);
    expect(march.month).toBe('2017-03');
    expect(Array.isArray(march.zeroAdoption)).toBe(true);
    expect(run(['monthly', '--month', '2017-13'])).toMatchObject({ status: 2, stderr: '--month: 2017-13 is not a month (YYYY-MM), a quarter (YYYY-Q1) or merged months (YYYY-01/02)\n' });
  });

  it('history finds a unit\'s facts by any of its names, with who recorded them', () => {
    const entries = JSON.parse(run(['history', '--unit', '市环保局', '--type', 'InformationAdopted']).stdout);
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e: { type: string; recordedBy: string }) => e.type === 'InformationAdopted' && e.recordedBy.startsWith('cli:'))).toBe(true);
    expect(run(['history', '--type', 'Nope'])).toMatchObject({ status: 2, stderr: '--type: Nope is not a fact kind\n' });
  });

  it('settle appends one fact per unit with a quota, and nothing when run again', () => {
    const first = run(['settle', '--year', '2017']);
    expect(first.stdout).toMatch(/^settled 2017: appended [1-9]\d* settlement facts/);
    expect(run(['settle', '--year', '2017']).stdout).toMatch(/^settled 2017: appended 0 settlement facts/);
    expect(run(['settle', '--year', '2017', '--check'])).toMatchObject({ status: 0, stdout: expect.stringMatching(/^settled 2017: the live settlement facts are what the rules give/) });
    // A restored settlement the rules would not give (import keeps what a file says): --check names it.
    const settled = run(['export']).stdout.trim().split('\n').map((line) => JSON.parse(line)).filter((f) => f.type === 'QuotaSettled').at(-1);
    const forged = { id: '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b', type: 'QuotaSettled', data: { ...settled.data, points: settled.data.points + 999 }, metadata: { schemaVersion: 1 } };
    expect(run(['import', '-'], JSON.stringify(forged)).status).toBe(0);
    const check = run(['settle', '--year', '2017', '--check']);
    expect(check.status).toBe(1);
    // the forged fact adds its whole points to the unit's live settlement: a rerun would take them back
    expect(check.stdout).toContain(`${settled.data.unitId} ${settled.data.period}: ${-(settled.data.points + 999)} pending`);
  });

  it('an unknown unit or a missing flag is a usage error naming the flag', () => {
    expect(run(['explain', '--unit', '市金融局', '--year', '2017'])).toMatchObject({ status: 2, stderr: '--unit: no registered unit is named 市金融局\n' });
    expect(run(['table'])).toMatchObject({ status: 2, stderr: '--year: is required (e.g. --year 2017)\n' });
    expect(run(['table', '--year', '2017', '--format', 'pdf'])).toMatchObject({ status: 2, stderr: '--format: must be one of json, csv, html, xlsx, md\n' });
  });
});

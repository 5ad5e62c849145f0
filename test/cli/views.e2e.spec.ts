import { join } from 'node:path';
import { inOffset, ledger, ROOT, shifted, tempStore } from './run-ledger';

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
    // The recorded times, read from the ledger (the import stamped them): a moment before the first is position 0, the last the head,
    // however it is written. A parser that dropped the offset would read the +08:00 times 8 hours late and the -05:00 ones 5 hours early.
    const head = Number(run(['head']).stdout);
    const recordedAt = (JSON.parse(run(['history']).stdout) as Array<{ recordedAt: string }>).map((e) => e.recordedAt).sort();
    expect(recordedAt).toHaveLength(head);
    const [first, last] = [recordedAt[0], recordedAt[recordedAt.length - 1]];
    const positionAt = (asOf: string) => (JSON.parse(at(asOf).stdout) as { asOf: { position: number } }).asOf.position;
    const asOfLast = JSON.parse(at(last).stdout);
    expect(asOfLast.asOf).toEqual({ position: head, recordedAt: last });
    for (const offset of [480, -300]) {
      expect({ offset, view: JSON.parse(at(inOffset(last, offset)).stdout) }).toEqual({ offset, view: asOfLast });
      expect({ offset, position: positionAt(inOffset(shifted(first, -1), offset)) }).toEqual({ offset, position: 0 });
    }
    // a day is the day's start (UTC): the day before the first recording is before every fact, two days after the last after every fact
    expect(positionAt(shifted(first, -86_400_000).slice(0, 10))).toBe(0);
    expect(positionAt(shifted(last, 2 * 86_400_000).slice(0, 10))).toBe(head);
  });

  it("answers commander's usage errors, of the root and of a subcommand, with one line and exit 2", () => {
    expect(run(['tabel', '--year', '2017'])).toMatchObject({ status: 2, stderr: "unknown command 'tabel' (Did you mean table?)\n" });
    expect(run(['table', '--year', '2017', '--bogus', '1'])).toMatchObject({ status: 2, stderr: "unknown option '--bogus'\n" });
    expect(run(['table', '--year'])).toMatchObject({ status: 2, stderr: "option '--year <year>' argument missing\n" });
    expect(run(['import'])).toMatchObject({ status: 2, stderr: "missing required argument 'file'\n" });
    // A stray word is refused, not ignored: `settle --year 2017 check` (meant: --check) appends nothing.
    const head = run(['head']).stdout;
    expect(run(['settle', '--year', '2017', 'check'])).toMatchObject({ status: 2, stdout: '', stderr: 'check: is not a flag or an argument of ledger settle, which takes no arguments (a flag starts with --)\n' });
    expect(run(['head']).stdout).toBe(head);
    expect(run(['table', '--year', '2017', 'junk'])).toMatchObject({ status: 2, stdout: '', stderr: 'junk: is not a flag or an argument of ledger table, which takes no arguments (a flag starts with --)\n' });
    expect(run(['import', SAMPLE, 'extra'])).toMatchObject({ status: 2, stdout: '', stderr: 'extra: is not a flag or an argument of ledger import, which takes only <file> (a flag starts with --)\n' });
    // A year no scheme covers: the answer (empty, nothing to settle) on stdout, why on stderr.
    expect(run(['explain', '--unit', 'hbj', '--year', '2016'])).toMatchObject({ status: 0, stderr: `note: no scheme is recorded for 2016 as of position ${Number(head)}: no point of it is scored\n` });
    expect(run(['settle', '--year', '2016'])).toMatchObject({ status: 0, stderr: `note: no scheme is recorded for 2016 as of position ${Number(head)}: there is nothing to settle\n` });
    expect(run(['settle', '--year', '2100', '--check'])).toMatchObject({
      status: 0,
      stderr: `note: no scheme is recorded for 2100 as of position ${Number(head)}: there is nothing to settle\nnote: 2100 has not closed: the ledger records its settlement from 2101-01-01T00:00:00.000Z on; what is listed is what the rules give as of now\n`,
    });
    expect(run(['head']).stdout).toBe(head);
    expect(run(['circular', 'verify', 'one', 'two'])).toMatchObject({ status: 2, stderr: 'two: is not a flag or an argument of ledger circular verify, which takes only [id] (a flag starts with --)\n' });
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

  it('the monthly view lists the assessed units with no adoption at any level that month, in table order', () => {
    // March in the sample: 市环境保护局 (O 动态, 03-06) and 易门县 (O 简讯, 03-13) are adopted by the city; 市统计局's
    // provincial adoption of 03-20 (position 41) is voided by position 62. 研和工业园区 is in 其他单位 (not assessed), and
    // 市金融办 is withdrawn only from 06-30. Everyone else had nothing adopted in March.
    const zeroIn = (view: { zeroAdoption: Array<{ unit: string }> }) => view.zeroAdoption.map((z) => z.unit);
    const march = JSON.parse(run(['monthly', '--month', '2017-03']).stdout);
    expect(march.month).toBe('2017-03');
    expect(zeroIn(march)).toEqual(['新平县', '红塔区', '市发展改革委', '市统计局', '市公安局', '市体育局', '市金融办', '玉溪银监分局', '市地税局']);
    expect(march.zeroAdoption[0]).toEqual({ unitId: 'xinping', unit: '新平县', group: 'county' });
    // before the void, 市统计局's provincial adoption counts: it had one in March
    const beforeVoid = JSON.parse(run(['monthly', '--month', '2017-03', '--as-of', '61']).stdout);
    expect(zeroIn(beforeVoid)).toEqual(['新平县', '红塔区', '市发展改革委', '市公安局', '市体育局', '市金融办', '玉溪银监分局', '市地税局']);
    // 新平县's only February adoption is national (02-15): not zero
    expect(zeroIn(JSON.parse(run(['monthly', '--month', '2017-02']).stdout))).toEqual(['红塔区', '易门县', '市环境保护局', '市公安局', '市体育局', '市金融办', '玉溪银监分局', '市地税局']);
    // a unit of 其他单位 gets a row in a month where something scored, but is not assessed: never listed (on a store of its own,
    // as this adds a fact: the sample and a reporting failure of 研和工业园区 in March)
    const other = tempStore().url;
    const failure = { id: '00000000-2017-4000-8000-000000000999', type: 'ReportingFailureRecorded', data: { unitId: 'yanhe', failure: 'late', description: '信息迟报', validDate: '2017-03-15' }, metadata: { schemaVersion: 1 } };
    expect(ledger(['import', SAMPLE], { store: other }).status).toBe(0);
    expect(ledger(['import', '-'], { store: other, input: `${JSON.stringify(failure)}\n` }).status).toBe(0);
    const withOther = JSON.parse(ledger(['monthly', '--month', '2017-03'], { store: other }).stdout);
    expect(withOther.groups.find((g: { key: string }) => g.key === 'other').rows).toEqual([expect.objectContaining({ unit: '研和工业园区', cityAdopted: 0, provincialAdopted: 0, total: -20 })]);
    expect(zeroIn(withOther)).toEqual(zeroIn(march));
    expect(run(['monthly', '--month', '2017-13'])).toMatchObject({ status: 2, stderr: '--month: 2017-13 is not a month (YYYY-MM), a quarter (YYYY-Q1) or merged months (YYYY-01/02)\n' });
  });

  it('history --since lists what was recorded after a position, a time or a circular; a reversed range or a bad --since is refused naming the flag', () => {
    const all = JSON.parse(run(['history']).stdout) as Array<{ id: string; position: number; recordedAt: string; data: { circularId?: string; position?: number } }>;
    const circular = all.find((e) => e.data.circularId === 'failing-2017')!;
    const after = (position: number) => all.filter((e) => e.position > position);
    // after the position the circular's figures were computed at, by its circular id or its fact id
    expect(JSON.parse(run(['history', '--since', 'failing-2017']).stdout)).toEqual(after(circular.data.position!));
    expect(JSON.parse(run(['history', '--since', circular.id]).stdout)).toEqual(after(circular.data.position!));
    expect(JSON.parse(run(['history', '--since', '5']).stdout)).toEqual(after(5));
    expect(JSON.parse(run(['history', '--since', all[9].recordedAt]).stdout)).toEqual(all.filter((e) => e.recordedAt > all[9].recordedAt));
    expect(run(['history', '--since', 'yesterday'])).toMatchObject({ status: 2, stderr: '--since: yesterday is neither a ledger position, an ISO time (e.g. 2018-01-16T10:00:00+08:00) nor the id of an issued circular\n' });
    expect(run(['history', '--from', '2017-05', '--to', '2017-04'])).toMatchObject({ status: 2, stderr: "--to: 2017-04 is before the range's start (2017-05)\n" });
    expect(JSON.parse(run(['history', '--from', '2017-05', '--to', '2017-05-01']).stdout)).toBeInstanceOf(Array); // a month's first day is in range
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
    // named by its printed name, with its id
    expect(check.stdout).toMatch(new RegExp(`^\\p{Script=Han}+ \\(${settled.data.unitId}\\) ${settled.data.period}: ${-(settled.data.points + 999)} pending`, 'mu'));
  });

  it('an explanation of a unit in no row of the table says so on stderr (市金融办 left the scheme on 06-30)', () => {
    const year = run(['explain', '--unit', '市金融办', '--year', '2017']);
    expect(year.status).toBe(0);
    expect(year.stderr).toMatch(/^note: 市金融办 is in no row of the 2017 table as of position \d+ \(on the period's last day it has no place in the scheme: never enrolled, or withdrawn; or its group has no target and it scored nothing\): its points count in no table\n$/);
    expect(run(['explain', '--unit', '市金融办', '--year', '2017', '--month', '2017-03']).stderr).toBe(''); // in March it was still assessed
    expect(run(['explain', '--unit', '新平县', '--year', '2017']).stderr).toBe('');
  });

  it('an unknown unit or a missing flag is a usage error naming the flag', () => {
    expect(run(['explain', '--unit', '市金融局', '--year', '2017'])).toMatchObject({ status: 2, stderr: '--unit: no registered unit is named 市金融局\n' });
    expect(run(['table'])).toMatchObject({ status: 2, stderr: '--year: is required (e.g. --year 2017)\n' });
    expect(run(['table', '--year', '2017', '--format', 'pdf'])).toMatchObject({ status: 2, stderr: '--format: must be one of json, csv, html, xlsx, md\n' });
  });
});

/**
 * Given the 2017 acceptance ledger (docs/fixture-2017.md). After the annual circular, computed at its position, two facts
 * change two units: 市政府研究室's late provincial adoption (valid 2017-12-22: +30, its total 20 → 50) and the replacement of
 * 市监察局's 简讯 (3) of 2017-03-11 by a 动态 (5) (its total 63 → 65). Views as of the circular's position show neither.
 */
describe('ledger explain / monthly / table as of a position or a time over the 2017 ledger', () => {
  const { url } = tempStore();
  const run = (args: string[], input?: string) => ledger(args, { store: url, input });
  const json = (args: string[]) => {
    const result = run(args);
    expect({ args, status: result.status, stderr: result.stderr }).toEqual({ args, status: 0, stderr: '' });
    return JSON.parse(result.stdout);
  };
  type Row = { unitId: string; unit: string; cityPoints: number; provincialAdopted: number; bonus: number; total: number; rank: number };
  type View = { asOf: { position: number; recordedAt: string }; groups: Array<{ rows: Row[] }>; zeroAdoption?: Array<{ unit: string }> };
  type Explanation = { unit: string; month: string | null; asOf: { position: number }; total: number; items: Array<{ points: number; validDate: string }> };
  const rowOf = (view: View, unit: string) => view.groups.flatMap((g) => g.rows).find((r) => r.unit === unit)!;
  const sum = (e: Explanation) => e.items.reduce((total, i) => total + i.points, 0);
  let annual: number; // the position the annual circular was computed at, as `circular list` gives it
  let head: number;

  beforeAll(() => {
    const fixture = ledger(['fixture', '2017']);
    expect(fixture.status).toBe(0);
    expect(run(['import', '-'], fixture.stdout)).toMatchObject({ status: 0 });
    const circulars = json(['circular', 'list']) as Array<{ kind: string; position: number }>;
    annual = circulars.find((c) => c.kind === 'annual')!.position;
    head = Number(run(['head']).stdout);
    expect(annual).toBeLessThan(head - 2); // the late adoption and the correction come after it
  }, 120_000);

  it("explain as of the annual circular's position gives the unit's total then, not the head's, and its items sum to the table's total as of the same position", () => {
    const tableThen = json(['table', '--year', '2017', '--as-of', String(annual)]) as View;
    const tableNow = json(['table', '--year', '2017']) as View;
    for (const [unit, then, now] of [['市政府研究室', 20, 50], ['市监察局', 63, 65]] as const) {
      const explainedThen = json(['explain', '--unit', unit, '--year', '2017', '--as-of', String(annual)]) as Explanation;
      const explainedNow = json(['explain', '--unit', unit, '--year', '2017']) as Explanation;
      expect({ unit, position: explainedThen.asOf.position, total: explainedThen.total, items: sum(explainedThen), table: rowOf(tableThen, unit).total }).toEqual({ unit, position: annual, total: then, items: then, table: then });
      expect({ unit, position: explainedNow.asOf.position, total: explainedNow.total, items: sum(explainedNow), table: rowOf(tableNow, unit).total }).toEqual({ unit, position: head, total: now, items: now, table: now });
    }
  });

  it("explain --month gives that month's points alone, equal to the unit's row in monthly for the same month and position", () => {
    // 市政府研究室's December is the late provincial adoption alone (+30); 市监察局's March is the corrected piece (3, then 5).
    for (const [unit, month, then, now] of [['市政府研究室', '2017-12', 0, 30], ['市监察局', '2017-03', 3, 5]] as const) {
      for (const [asOf, total] of [[String(annual), then], [undefined, now]] as const) {
        const at = asOf === undefined ? [] : ['--as-of', asOf];
        const explained = json(['explain', '--unit', unit, '--year', '2017', '--month', month, ...at]) as Explanation;
        const monthly = json(['monthly', '--month', month, ...at]) as View;
        expect({ unit, month, asOf, explained: explained.total, items: sum(explained), monthly: rowOf(monthly, unit).total }).toEqual({ unit, month, asOf, explained: total, items: total, monthly: total });
        expect(explained.month).toBe(month);
        expect(explained.items.every((i) => i.validDate.startsWith(month))).toBe(true);
      }
    }
    const december = json(['explain', '--unit', '市政府研究室', '--year', '2017', '--month', '2017-12']) as Explanation;
    expect(december.items).toEqual([expect.objectContaining({ kind: 'InformationAdopted', validDate: '2017-12-22', points: 30 })]);
  });

  it('explain --month takes a quarter or merged months as monthly does, and its items sum to the unit\'s row there; a part of no year is refused, naming the flag', () => {
    for (const period of ['2017-Q4', '2017-11/12', '2017-Q1']) {
      const monthly = json(['monthly', '--month', period]) as View;
      for (const unit of ['市政府研究室', '市监察局', '新平县']) {
        const explained = json(['explain', '--unit', unit, '--year', '2017', '--month', period]) as Explanation;
        expect({ unit, period, month: explained.month, total: explained.total, items: sum(explained) }).toEqual({ unit, period, month: period, total: rowOf(monthly, unit).total, items: rowOf(monthly, unit).total });
      }
    }
    expect(run(['explain', '--unit', '新平县', '--year', '2017', '--month', '2017-Q5'])).toMatchObject({ status: 2, stdout: '', stderr: '--month: 2017-Q5 is not a month (YYYY-MM), a quarter (YYYY-Q1) or merged months (YYYY-01/02)\n' });
    expect(run(['explain', '--unit', '新平县', '--year', '2017', '--month', '2018-Q1'])).toMatchObject({ status: 2, stdout: '', stderr: '--month: 2018-Q1 is not in --year 2017\n' });
  });

  it('monthly --month 2017-12 as of the circular differs from the head where the late adoption lands, and in nothing else', () => {
    const then = json(['monthly', '--month', '2017-12', '--as-of', String(annual)]) as View;
    const now = json(['monthly', '--month', '2017-12']) as View;
    expect([then.asOf.position, now.asOf.position]).toEqual([annual, head]);
    expect(rowOf(then, '市政府研究室')).toMatchObject({ provincialAdopted: 0, bonus: 0, total: 0 });
    expect(rowOf(now, '市政府研究室')).toMatchObject({ provincialAdopted: 1, bonus: 30, total: 30 });
    const zero = (view: View) => view.zeroAdoption!.map((z) => z.unit);
    expect(zero(then)).toContain('市政府研究室');
    expect(zero(then).filter((unit) => unit !== '市政府研究室')).toEqual(zero(now));
    expect(zero(now)).toHaveLength(12);
    // the rest of the month is the same (but the ranks the late adoption moves)
    const unranked = (view: View) => view.groups.flatMap((g) => g.rows).filter((r) => r.unit !== '市政府研究室').map(({ rank: _, ...row }) => row);
    expect(unranked(then)).toEqual(unranked(now));
    // and March as of the circular still has 市监察局's piece as the 简讯 it was recorded as
    expect(rowOf(json(['monthly', '--month', '2017-03', '--as-of', String(annual)]) as View, '市监察局')).toMatchObject({ cityPoints: 3, total: 3 });
    expect(rowOf(json(['monthly', '--month', '2017-03']) as View, '市监察局')).toMatchObject({ cityPoints: 5, total: 5 });
  });

  it('as of a recorded time written with any offset is as of the last fact recorded at or before that instant', () => {
    // the late adoption's recorded time, read from the ledger: at that instant the view has it; a millisecond before, it has not
    const adoptions = json(['history', '--unit', '市政府研究室', '--type', 'InformationAdopted']) as Array<{ position: number; recordedAt: string; validDate: string }>;
    const late = adoptions.find((e) => e.validDate === '2017-12-22')!;
    expect(late.position).toBeGreaterThan(annual);
    for (const offset of [480, -300]) {
      const atLate = json(['explain', '--unit', '市政府研究室', '--year', '2017', '--as-of', inOffset(late.recordedAt, offset)]) as Explanation;
      const justBefore = json(['explain', '--unit', '市政府研究室', '--year', '2017', '--as-of', inOffset(shifted(late.recordedAt, -1), offset)]) as Explanation;
      expect({ offset, at: [atLate.asOf.position, atLate.total], before: [justBefore.asOf.position, justBefore.total] }).toEqual({ offset, at: [late.position, 50], before: [late.position - 1, 20] });
      const monthlyAt = json(['monthly', '--month', '2017-12', '--as-of', inOffset(late.recordedAt, offset)]) as View;
      expect({ offset, position: monthlyAt.asOf.position, total: rowOf(monthlyAt, '市政府研究室').total }).toEqual({ offset, position: late.position, total: 30 });
      expect(monthlyAt).toEqual(json(['monthly', '--month', '2017-12', '--as-of', String(late.position)]));
    }
  });
});

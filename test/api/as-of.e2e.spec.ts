import request from 'supertest';
import { inOffset, ledgerAsync, shifted } from '../cli/run-ledger';
import { startApi, type Harness } from './api-harness';

type Row = { unitId: string; unit: string; cityPoints: number; provincialAdopted: number; bonus: number; total: number; rank: number };
type View = { asOf: { position: number; recordedAt: string }; groups: Array<{ rows: Row[] }>; zeroAdoption?: Array<{ unit: string }> };
type Explanation = { unit: string; month: string | null; asOf: { position: number; recordedAt: string }; total: number; items: Array<{ points: number; validDate: string }> };

const rowOf = (view: View, unit: string) => view.groups.flatMap((g) => g.rows).find((r) => r.unit === unit)!;
const sum = (e: Explanation) => e.items.reduce((total, i) => total + i.points, 0);

/**
 * Given the 2017 fixture behind the real application (docs/fixture-2017.md). After the annual circular, computed at its
 * position, 市政府研究室's late provincial adoption (valid 2017-12-22, +30: 20 → 50) and the replacement of 市监察局's 简讯 (3)
 * of 2017-03-11 by a 动态 (5) (63 → 65) were recorded. Each view asked with asOf is the CLI's with --as-of.
 */
describe('asOf over HTTP: explain, monthly and the table as of a position or a time over the 2017 ledger', () => {
  let h: Harness;
  let annual: { circularId: string; position: number; recordedAt: string }; // position: the one it was computed at
  let issued: number; // the position of the annual circular's CircularIssued fact, recorded at annual.recordedAt
  let late: { position: number; recordedAt: string }; // 市政府研究室's late provincial adoption
  let head: number;
  const get = async (path: string, query: Record<string, string | undefined> = {}) => {
    const given = Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined);
    const search = given.length === 0 ? '' : `?${given.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`; // a raw + would arrive as a space
    const response = await request(h.app.getHttpServer()).get(`${path}${search}`).set('Authorization', `Bearer ${h.tokens.auditor}`);
    expect({ path, query, status: response.status }).toEqual({ path, query, status: 200 });
    return response.body;
  };
  const explain = (unit: string, query: Record<string, string | undefined>) => get(`/api/units/${encodeURIComponent(unit)}/explain`, { year: '2017', ...query }) as Promise<Explanation>;
  const cli = async (args: string[]) => {
    const result = await ledgerAsync(args, { store: h.storeUrl });
    expect({ args, status: result.status, stderr: result.stderr }).toEqual({ args, status: 0, stderr: '' });
    return JSON.parse(result.stdout);
  };

  beforeAll(async () => {
    h = await startApi();
    annual = ((await get('/api/circulars')) as Array<typeof annual & { kind: string }>).find((c) => c.kind === 'annual')!;
    const circularFacts = (await get('/api/history', { type: 'CircularIssued' })) as Array<{ position: number; data: { circularId: string } }>;
    issued = circularFacts.find((f) => f.data.circularId === annual.circularId)!.position;
    const adoptions = (await get('/api/history', { unit: '市政府研究室', type: 'InformationAdopted' })) as Array<{ position: number; recordedAt: string; validDate: string }>;
    late = adoptions.find((e) => e.validDate === '2017-12-22')!;
    head = ((await get('/api/head')) as { position: number }).position;
    expect(late.position).toBeGreaterThan(issued);
    expect(issued).toBeGreaterThan(annual.position);
  }, 120_000);
  afterAll(() => h.close());

  it("explain as of the annual circular's position gives the unit's total then, equal to the table's as of it, and to the CLI's", async () => {
    const position = String(annual.position);
    const [tableThen, tableNow] = [(await get('/api/tables/2017', { asOf: position })) as View, (await get('/api/tables/2017')) as View];
    expect(tableThen).toEqual(await cli(['table', '--year', '2017', '--as-of', position]));
    for (const [unit, then, now] of [['市政府研究室', 20, 50], ['市监察局', 63, 65]] as const) {
      const explainedThen = await explain(unit, { asOf: position });
      const explainedNow = await explain(unit, {});
      expect({ unit, position: explainedThen.asOf.position, total: explainedThen.total, items: sum(explainedThen), table: rowOf(tableThen, unit).total }).toEqual({ unit, position: annual.position, total: then, items: then, table: then });
      expect({ unit, total: explainedNow.total, items: sum(explainedNow), table: rowOf(tableNow, unit).total }).toEqual({ unit, total: now, items: now, table: now });
      expect(explainedThen).toEqual(await cli(['explain', '--unit', unit, '--year', '2017', '--as-of', position]));
    }
  }, 120_000);

  it("explain with a month and asOf gives that month's points as of then, equal to the unit's row in the monthly view and to the CLI's", async () => {
    // 市政府研究室's December is the late adoption alone (0, then 30); 市监察局's March is the corrected piece (3, then 5)
    for (const [unit, month, then, now] of [['市政府研究室', '2017-12', 0, 30], ['市监察局', '2017-03', 3, 5]] as const) {
      for (const [asOf, total] of [[String(annual.position), then], [undefined, now]] as const) {
        const explained = await explain(unit, { month, asOf });
        const monthly = (await get(`/api/monthly/${month}`, { asOf })) as View;
        expect({ unit, month, asOf, explained: explained.total, items: sum(explained), monthly: rowOf(monthly, unit).total }).toEqual({ unit, month, asOf, explained: total, items: total, monthly: total });
        expect({ month: explained.month, inMonth: explained.items.every((i) => i.validDate.startsWith(month)) }).toEqual({ month, inMonth: true });
      }
    }
    const december = await explain('市政府研究室', { month: '2017-12' });
    expect(december.items).toEqual([expect.objectContaining({ kind: 'InformationAdopted', validDate: '2017-12-22', points: 30 })]);
    const args = ['--unit', '市政府研究室', '--year', '2017', '--month', '2017-12'];
    expect(await explain('市政府研究室', { month: '2017-12', asOf: String(annual.position) })).toEqual(await cli(['explain', ...args, '--as-of', String(annual.position)]));
    expect(december).toEqual(await cli(['explain', ...args]));
  }, 120_000);

  it('the monthly view of 2017-12 as of the circular differs from the head where the late adoption lands, as the CLI says', async () => {
    const then = (await get('/api/monthly/2017-12', { asOf: String(annual.position) })) as View;
    const now = (await get('/api/monthly/2017-12')) as View;
    expect([then.asOf.position, now.asOf.position]).toEqual([annual.position, head]);
    expect(rowOf(then, '市政府研究室')).toMatchObject({ provincialAdopted: 0, bonus: 0, total: 0 });
    expect(rowOf(now, '市政府研究室')).toMatchObject({ provincialAdopted: 1, bonus: 30, total: 30 });
    expect(then.zeroAdoption!.map((z) => z.unit)).toContain('市政府研究室');
    expect(now.zeroAdoption!.map((z) => z.unit)).not.toContain('市政府研究室');
    expect(then).toEqual(await cli(['monthly', '--month', '2017-12', '--as-of', String(annual.position)]));
    expect(now).toEqual(await cli(['monthly', '--month', '2017-12']));
  }, 120_000);

  it('asOf as an ISO time with an offset is the position of the last fact recorded at or before that instant', async () => {
    // The annual circular's recordedAt written in +08:00 and -05:00 is the position of its CircularIssued fact; a millisecond
    // earlier, the position it was computed at (nothing was recorded in between). A parser that dropped the offset would
    // take 09:59:59.999+08:00 for 09:59:59.999Z (after the circular) and 21:00-05:00 on the 15th for 21:00Z (before it).
    const table = (asOf: string) => get('/api/tables/2017', { asOf }) as Promise<View>;
    const [atIssued, atComputed] = [await table(String(issued)), await table(String(annual.position))];
    expect(atIssued.asOf).toEqual({ position: issued, recordedAt: annual.recordedAt });
    for (const offset of [480, -300, 345]) {
      expect({ offset, at: await table(inOffset(annual.recordedAt, offset)) }).toEqual({ offset, at: atIssued });
      expect({ offset, before: await table(inOffset(shifted(annual.recordedAt, -1), offset)) }).toEqual({ offset, before: atComputed });
    }
    expect(inOffset(annual.recordedAt, 480)).toBe('2018-01-16T10:00:00.000+08:00');
    // The late adoption's recorded time: from that instant on it counts, in explain and in the monthly view.
    const [lateAt, lateBefore] = [inOffset(late.recordedAt, 480), inOffset(shifted(late.recordedAt, -1), -300)];
    expect(await explain('市政府研究室', { asOf: lateAt })).toEqual(await explain('市政府研究室', { asOf: String(late.position) }));
    expect(await explain('市政府研究室', { asOf: lateBefore })).toEqual(await explain('市政府研究室', { asOf: String(late.position - 1) }));
    expect([(await explain('市政府研究室', { asOf: lateAt })).total, (await explain('市政府研究室', { asOf: lateBefore })).total]).toEqual([50, 20]);
    expect(await get('/api/monthly/2017-12', { asOf: lateAt })).toEqual(await get('/api/monthly/2017-12', { asOf: String(late.position) }));
    expect(await explain('市政府研究室', { month: '2017-12', asOf: lateBefore })).toEqual(await cli(['explain', '--unit', '市政府研究室', '--year', '2017', '--month', '2017-12', '--as-of', lateBefore]));
    expect(await get('/api/monthly/2017-12', { asOf: lateAt })).toEqual(await cli(['monthly', '--month', '2017-12', '--as-of', lateAt]));
  }, 120_000);
});

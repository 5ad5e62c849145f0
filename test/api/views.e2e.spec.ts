import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { LedgerConflictError } from '../../libs/ledger';
import { AppendTooLargeError } from '../../libs/store';
import { ledgerAsync } from '../cli/run-ledger';
import { startApi, type Harness } from './api-harness';

/** Given the 2017 fixture behind the real application on the embedded store. */
describe('the HTTP API over the 2017 ledger', () => {
  let h: Harness;
  let annual: { circularId: string; position: number };
  const as = (role: keyof Harness['tokens']) => `Bearer ${h.tokens[role]}`;
  beforeAll(async () => {
    h = await startApi({ bodyLimit: '64kb' });
    const listed = await request(h.app.getHttpServer()).get('/api/circulars').set('Authorization', as('auditor'));
    annual = listed.body.find((c: { kind: string }) => c.kind === 'annual');
  }, 60_000);
  afterAll(() => h.close());

  it('the table over HTTP equals the CLI\'s, for the current ledger and as of the circular', async () => {
    for (const asOf of [undefined, String(annual.position)]) {
      const query = asOf ? `?asOf=${asOf}` : '';
      const http = await request(h.app.getHttpServer()).get(`/api/tables/2017${query}`).set('Authorization', as('auditor')).expect(200);
      const cli = await ledgerAsync(['table', '--year', '2017', ...(asOf ? ['--as-of', asOf] : [])], { store: h.storeUrl });
      expect(cli.status).toBe(0);
      expect(http.body).toEqual(JSON.parse(cli.stdout));
    }
    const csv = await request(h.app.getHttpServer()).get(`/api/tables/2017?asOf=${annual.position}&format=csv`).set('Authorization', as('auditor')).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.split('\n')[1]).toBe('一,county,新平县,700,129,991,23,460,1451,1');
  }, 60_000);

  it("the OpenAPI document describes the public JSON shapes: a table's rows carry exactly the keys the table has", async () => {
    const server = h.app.getHttpServer();
    const doc = (await request(server).get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: { $ref: string } }> }> }>>; components: { schemas: Record<string, { properties: Record<string, unknown> }>; securitySchemes: Record<string, { bearerFormat?: string }> } };
    const schemaOf = (path: string, method: string, status: string) => doc.components.schemas[doc.paths[path][method].responses[status].content!['application/json'].schema.$ref.split('/').pop()!];
    const table = (await request(server).get('/api/tables/2017').set('Authorization', as('auditor')).expect(200)).body;
    expect(Object.keys(schemaOf('/api/tables/{year}', 'get', '200').properties).sort()).toEqual(Object.keys(table).sort());
    expect(Object.keys(doc.components.schemas.TableRowShape.properties).sort()).toEqual(Object.keys(table.groups[0].rows[0]).sort());
    const explanation = (await request(server).get('/api/units/hbj/explain?year=2017').set('Authorization', as('auditor')).expect(200)).body;
    expect(Object.keys(schemaOf('/api/units/{unit}/explain', 'get', '200').properties).sort()).toEqual(Object.keys(explanation).sort());
    expect(Object.keys(doc.components.schemas.ExplanationItemShape.properties).sort()).toEqual(Object.keys(explanation.items[0]).sort());
    expect(Object.keys(schemaOf('/api/tables/{year}', 'get', '400').properties)).toEqual(expect.arrayContaining(['statusCode', 'error', 'message', 'errors']));
    expect(doc.components.securitySchemes.bearer.bearerFormat).not.toBe('JWT'); // tokens are opaque
  });

  it('the circulars listed, of one kind or period when asked; an unknown parameter is a 400 naming it', async () => {
    const server = h.app.getHttpServer();
    const list = async (query: string) => (await request(server).get(`/api/circulars${query}`).set('Authorization', as('auditor')).expect(200)).body as Array<{ kind: string; period: string }>;
    const all = await list('');
    expect(await list('?kind=annual')).toEqual(all.filter((c) => c.kind === 'annual'));
    expect(await list('?kind=failing&period=2017')).toEqual(all.filter((c) => c.kind === 'failing' && c.period === '2017'));
    expect(await list('?period=2016')).toEqual([]);
    const unknown = await request(server).get('/api/circulars?asOf=11343').set('Authorization', as('auditor'));
    expect(unknown.body).toMatchObject({ statusCode: 400, errors: [{ field: 'asOf' }] });
    const badKind = await request(server).get('/api/circulars?kind=weekly').set('Authorization', as('auditor'));
    expect(badKind.body).toMatchObject({ statusCode: 400, errors: [{ field: 'kind', reason: 'must be one of annual, failing, monthly, assessment' }] });
  });

  it('a circular is served as its canonical content and in every rendering', async () => {
    const server = h.app.getHttpServer();
    const json = await request(server).get(`/api/circulars/${annual.circularId}`).set('Authorization', as('supervisor')).expect(200);
    expect(json.body.kind).toBe('annual');
    expect(json.body.received).toBe(8547);
    const page = await request(server).get(`/api/circulars/${annual.circularId}?format=html`).set('Authorization', as('supervisor')).expect(200);
    expect(page.text).toContain('2018年1月16日');
    expect(page.text).toContain('玉政办信息通报〔2018〕1号');
    const xlsx = await request(server).get(`/api/circulars/${annual.circularId}?format=xlsx`).set('Authorization', as('supervisor')).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(xlsx.status).toBe(200);
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK'); // a zip: the workbook
    const verified = await request(server).post(`/api/circulars/${annual.circularId}/verify`).set('Authorization', as('auditor')).expect(200);
    expect(verified.body).toMatchObject({ ok: true, digest: json.body && expect.stringMatching(/^sha256:/) });
  });

  it('explain answers for a unit asked by any alias, and its items sum to the table\'s total', async () => {
    const server = h.app.getHttpServer();
    const table = await request(server).get('/api/tables/2017').set('Authorization', as('auditor'));
    const hbj = table.body.groups.flatMap((g: { rows: Array<{ unitId: string; total: number }> }) => g.rows).find((r: { unitId: string }) => r.unitId === 'hbj');
    const explained = await request(server).get(`/api/units/${encodeURIComponent('市环保局')}/explain?year=2017`).set('Authorization', as('auditor')).expect(200);
    expect(explained.body.total).toBe(hbj.total);
    expect(explained.body.items.reduce((sum: number, i: { points: number }) => sum + i.points, 0)).toBe(hbj.total);
    const spaced = await request(server).get(`/api/units/${encodeURIComponent(' 市环保局 ')}/explain?year=2017`).set('Authorization', as('auditor')).expect(200);
    expect(spaced.body.unitId).toBe('hbj'); // a name pasted with spaces around it
    const unknown = await request(server).get('/api/units/no-such-unit/explain?year=2017').set('Authorization', as('auditor'));
    expect({ status: unknown.status, message: (unknown.body as { message: string }).message }).toEqual({ status: 404, message: 'unit: no registered unit is named no-such-unit' });
  });

  it("explain takes a quarter or merged months as the monthly view does, its items summing to the unit's row there; another shape is a 400 naming month", async () => {
    const server = h.app.getHttpServer();
    for (const period of ['2017-Q2', '2017-01/02']) {
      const monthly = await request(server).get(`/api/monthly/${encodeURIComponent(period)}`).set('Authorization', as('auditor')).expect(200);
      const hbj = monthly.body.groups.flatMap((g: { rows: Array<{ unitId: string; total: number }> }) => g.rows).find((r: { unitId: string }) => r.unitId === 'hbj');
      const explained = await request(server).get(`/api/units/hbj/explain?month=${encodeURIComponent(period)}`).set('Authorization', as('auditor')).expect(200);
      const items = explained.body.items.reduce((sum: number, i: { points: number }) => sum + i.points, 0);
      expect({ period, month: explained.body.month, year: explained.body.year, total: explained.body.total, items }).toEqual({ period, month: period, year: 2017, total: hbj.total, items: hbj.total });
    }
    const bad = await request(server).get('/api/units/hbj/explain?month=2017-Q5').set('Authorization', as('auditor'));
    expect(bad.body).toMatchObject({ statusCode: 400, errors: [{ field: 'month', reason: 'must be a month (YYYY-MM), a quarter (YYYY-Q1) or merged months (YYYY-01/02)' }] });
  });

  it('a bad request is a 400 naming every offending field, and appends nothing', async () => {
    const server = h.app.getHttpServer();
    const head = h.runtime.views.model.position;
    const bad = await request(server)
      .post('/api/facts')
      .set('Authorization', as('staff'))
      .send([
        { id: randomUUID(), type: 'InformationSubmitted', data: { itemId: 'x-1', unitId: 'fgw', title: 't', validDate: '2017-13-01' }, metadata: {} },
        { id: randomUUID(), type: 'InformationAdopted', data: { unitId: 'fgw' }, metadata: { recordedBy: 'someone else' } },
      ]);
    expect(bad.status).toBe(400);
    const fields = bad.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['[0].data.validDate', '[1].metadata.recordedBy']));
    const query = await request(server).get('/api/tables/2017?format=pdf&asOf=yesterday').set('Authorization', as('auditor'));
    expect(query.status).toBe(400);
    expect(query.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['asOf', 'format']);
    const beyond = await request(server).get('/api/tables/2017?asOf=999999').set('Authorization', as('auditor'));
    expect(beyond.body).toMatchObject({ statusCode: 400, errors: [{ field: 'asOf' }] });
    for (const loose of ['2017-02-30', '2017-06-01T00:00', '2017-06-01T25:00Z']) {
      const response = await request(server).get(`/api/tables/2017?asOf=${encodeURIComponent(loose)}`).set('Authorization', as('auditor'));
      expect({ loose, status: response.status, field: response.body.errors?.[0]?.field }).toEqual({ loose, status: 400, field: 'asOf' });
    }
    const farYear = await request(server).get('/api/tables/1899').set('Authorization', as('auditor'));
    expect(farYear.body).toMatchObject({ statusCode: 400, errors: [{ field: 'year', reason: '1899 is not a year the ledger can hold (1990 to 2100)' }] });
    const notADay = await request(server).get('/api/history?from=2017-02-30').set('Authorization', as('auditor'));
    expect(notADay.body).toMatchObject({ statusCode: 400, errors: [{ field: 'from', reason: 'is not a calendar date (no such day)' }] });
    const unknownUnit = await request(server).post('/api/facts').set('Authorization', as('staff')).send({ id: randomUUID(), type: 'InformationSubmitted', data: { itemId: 'x-2', unitId: '市不存在局', title: 't', validDate: '2017-12-01' }, metadata: {} });
    expect(unknownUnit.status).toBe(400);
    expect(unknownUnit.body.errors[0].field).toBe('data.unitId');
    const derived = await request(server).post('/api/facts').set('Authorization', as('staff')).send({ id: randomUUID(), type: 'QuotaSettled', data: {}, metadata: {} });
    expect(derived.status).toBe(400);
    // The body itself: JSON that is no fact, JSON that is not JSON, and no JSON at all.
    const post = (path: string, body: string, type = 'application/json') => request(server).post(path).set('Authorization', as('staff')).set('Content-Type', type).send(body);
    for (const [body, reason] of [['null', 'must be a JSON object'], ['42', 'must be a JSON object']] as const) {
      const response = await post('/api/facts', body);
      expect({ body, status: response.status, reason: response.body.errors?.[0]?.reason }).toEqual({ body, status: 400, reason: expect.stringContaining(reason) });
    }
    // GBK bytes sent as JSON (read as UTF-8 they are U+FFFD), and nesting deeper than any fact: refused naming the field
    const failure = { id: randomUUID(), type: 'ReportingFailureRecorded', data: { unitId: 'hbj', failure: 'late', description: '@@', validDate: '2017-12-01' }, metadata: {} };
    const [before, after] = JSON.stringify(failure).split('@@');
    // the bytes as they are (superagent types a serializer as giving text)
    const gbk = await request(server).post('/api/facts').set('Authorization', as('staff')).set('Content-Type', 'application/json').serialize((body: Buffer) => body as unknown as string).send(Buffer.concat([Buffer.from(before), Buffer.from([0xd6, 0xd8, 0xb4, 0xf3]), Buffer.from(after)]));
    expect(gbk.body).toMatchObject({ statusCode: 400, errors: [{ field: 'data.description', reason: expect.stringMatching(/^is not UTF-8 text/) }] });
    const deep = await post('/api/facts', JSON.stringify(failure).replace('"data":{', `"data":{"z":${'['.repeat(10_000)}${']'.repeat(10_000)},`));
    expect(deep.body).toMatchObject({ statusCode: 400, errors: [{ field: expect.stringMatching(/^(\[0\]\.)?data\.z\[0\]/), reason: 'nests objects or lists more than 32 levels deep (no fact does)' }] });
    const truncated = await post('/api/facts', '{"id":');
    expect(truncated.body).toMatchObject({ statusCode: 400, errors: [{ field: '(body)', reason: expect.stringMatching(/^is not valid JSON \(/) }] });
    const plain = await post('/api/facts', '{}', 'text/plain');
    expect(plain.body).toMatchObject({ statusCode: 415, errors: [{ field: '(body)', reason: 'send the facts as application/json, not text/plain' }] });
    const nullCircular = await post('/api/circulars', 'null');
    expect(nullCircular.status).toBe(400);
    expect(h.runtime.views.model.position).toBe(head);
  });

  it('history since a circular lists what was recorded after it, whatever its valid date, as the CLI does; a bad since or a reversed range is a 400 naming it', async () => {
    const server = h.app.getHttpServer();
    const get = async (query: string) => (await request(server).get(`/api/history?${query}`).set('Authorization', as('supervisor')).expect(200)).body as Array<{ position: number; type: string; validDate: string | null; data: { circularId?: string } }>;
    // after the position its figures were computed at (listed as the circular's position): its own fact among what follows
    const factPosition = (await get('type=CircularIssued')).find((e) => e.data.circularId === annual.circularId)!.position;
    const since = await get(`since=${annual.circularId}`);
    expect(since).toEqual((await get('')).filter((e) => e.position > annual.position));
    expect(since.map((e) => e.position)).toContain(factPosition);
    // the provincial adoption recorded on 2018-02-05 counts in December 2017: a valid-date filter from the circular's day misses it
    expect(since).toContainEqual(expect.objectContaining({ type: 'InformationAdopted', validDate: '2017-12-22' }));
    expect(await get(`since=${annual.position}`)).toEqual(since);
    const cli = await ledgerAsync(['history', '--since', annual.circularId], { store: h.storeUrl });
    expect(JSON.parse(cli.stdout)).toEqual(since);
    const bad = await request(server).get('/api/history?since=yesterday').set('Authorization', as('supervisor'));
    expect(bad.body).toMatchObject({ statusCode: 400, errors: [{ field: 'since', reason: 'yesterday is neither a ledger position, an ISO time (e.g. 2018-01-16T10:00:00+08:00) nor the id of an issued circular' }] });
    const reversed = await request(server).get('/api/history?from=2017-05&to=2017-04').set('Authorization', as('supervisor'));
    expect(reversed.body).toMatchObject({ statusCode: 400, errors: [{ field: 'to', reason: "2017-04 is before the range's start (2017-05)" }] });
  }, 60_000);

  it('the actor of an appended fact is the credential\'s, and the append is visible to the next read', async () => {
    const server = h.app.getHttpServer();
    const fact = { id: randomUUID(), type: 'InformationSubmitted', data: { itemId: 'actor-check', unitId: 'fgw', title: '记录人检查', validDate: '2017-12-29' }, metadata: { schemaVersion: 1 } };
    const appended = await request(server).post('/api/facts').set('Authorization', as('staff')).send(fact).expect(201);
    expect(appended.body).toMatchObject({ appended: 1, skipped: 0 });
    const found = await request(server).get('/api/history?unit=fgw&type=InformationSubmitted&from=2017-12-29&to=2017-12-29').set('Authorization', as('auditor'));
    expect(found.body.find((e: { id: string }) => e.id === fact.id)).toMatchObject({ recordedBy: 'staff:staff tester' });
    const again = await request(server).post('/api/facts').set('Authorization', as('staff')).send(fact).expect(201);
    expect(again.body).toMatchObject({ appended: 0, skipped: 1 });
  });

  it('a concurrency conflict the retries could not resolve is a 409, with nothing appended', async () => {
    const server = h.app.getHttpServer();
    const head = h.runtime.views.model.position;
    const spy = jest.spyOn(h.runtime.ledger, 'append').mockRejectedValueOnce(new LedgerConflictError('another writer kept appending; gave up after 5 attempts'));
    const response = await request(server).post('/api/facts').set('Authorization', as('staff')).send({ id: randomUUID(), type: 'InformationSubmitted', data: { itemId: 'c-1', unitId: 'fgw', title: 't', validDate: '2017-12-01' }, metadata: {} });
    spy.mockRestore();
    expect(response.status).toBe(409);
    expect(response.body.message).toMatch(/another writer/);
    expect(h.runtime.views.model.position).toBe(head);
  });

  it('a body over the limit is a 413, with nothing appended', async () => {
    const head = h.runtime.views.model.position;
    const big = Array.from({ length: 400 }, (_, i) => ({ id: randomUUID(), type: 'InformationSubmitted', data: { itemId: `big-${i}`, unitId: 'fgw', title: 'x'.repeat(200), validDate: '2017-12-01' }, metadata: {} }));
    const response = await request(h.app.getHttpServer()).post('/api/facts').set('Authorization', as('staff')).send(big);
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ statusCode: 413, errors: [{ field: '(body)', reason: expect.stringMatching(/^is \d+ bytes, over the limit of 65536 bytes \(LEDGER_BODY_LIMIT\); send fewer facts at a time$/) }] });
    expect(h.runtime.views.model.position).toBe(head);
  });

  it('settling over HTTP appends once; a rerun appends nothing, and the circulars still verify', async () => {
    const server = h.app.getHttpServer();
    const before = await request(server).get('/api/settlements/2017').set('Authorization', as('auditor')).expect(200);
    expect(before.body.settled).toBe(false);
    const first = await request(server).post('/api/settlements/2017').set('Authorization', as('staff')).expect(201);
    expect(first.body.appended).toBe(before.body.pending.length);
    const second = await request(server).post('/api/settlements/2017').set('Authorization', as('staff')).expect(201);
    expect(second.body.appended).toBe(0);
    expect((await request(server).get('/api/settlements/2017').set('Authorization', as('auditor'))).body).toMatchObject({ year: 2017, settled: true, pending: [] });
    const list = await request(server).get('/api/circulars').set('Authorization', as('auditor'));
    for (const c of list.body) {
      const verified = await request(server).post(`/api/circulars/${c.circularId}/verify`).set('Authorization', as('auditor'));
      expect(verified.body.ok).toBe(true);
    }
  });

  it("issues a circular with the office's own paragraphs, attachments and disclosure note, prints them and verifies it; a bad attachment is a 400 naming it", async () => {
    const server = h.app.getHttpServer();
    const body = { kind: 'failing', period: '2017', number: '玉政办发〔2018〕61号', date: '2018-03-01', paragraphs: ['请上述单位认真整改。'], attachments: ['领导批示抄清', '考核办法的通知'], disclosure: '此件公开发布' };
    const issued = await request(server).post('/api/circulars').set('Authorization', as('staff')).send(body).expect(201);
    const md = await request(server).get(`/api/circulars/${issued.body.circularId}?format=md`).set('Authorization', as('auditor')).expect(200);
    expect(md.text).toContain('请上述单位认真整改。\n\n附件：1．领导批示抄清\n\n2．考核办法的通知\n\n玉溪市人民政府办公室\n\n2018年3月1日\n\n（此件公开发布）\n');
    const json = await request(server).get(`/api/circulars/${issued.body.circularId}`).set('Authorization', as('auditor')).expect(200);
    expect(json.body).toMatchObject({ attachments: body.attachments, disclosure: '此件公开发布', paragraphs: body.paragraphs });
    expect((await request(server).post(`/api/circulars/${issued.body.circularId}/verify`).set('Authorization', as('auditor')).expect(200)).body.ok).toBe(true);
    const head = h.runtime.views.model.position;
    const bad = await request(server).post('/api/circulars').set('Authorization', as('staff')).send({ ...body, number: '玉政办发〔2018〕62号', attachments: ['领导批示抄清', ''] });
    expect(bad.body).toMatchObject({ statusCode: 400, message: 'attachments[1]: must not be empty', errors: [{ field: 'attachments[1]', reason: 'must not be empty' }] });
    const notText = await request(server).post('/api/circulars').set('Authorization', as('staff')).send({ ...body, number: '玉政办发〔2018〕62号', attachments: [1] });
    expect(notText.body).toMatchObject({ statusCode: 400, errors: [{ field: 'attachments', reason: 'must be a list of attachment titles (strings)' }] });
    const midYear = await request(server).post('/api/circulars').set('Authorization', as('staff')).send({ ...body, number: '玉政办发〔2017〕62号', date: '2017-06-01' });
    expect(midYear.body).toMatchObject({ statusCode: 400, errors: [{ field: 'date', reason: '2017-06-01 is before the end of the period 2017 (2017-12-31): a circular reports on a period that has ended' }] });
    const misnumbered = await request(server).post('/api/circulars').set('Authorization', as('staff')).send({ ...body, number: '玉政办发〔2017〕62号' });
    expect(misnumbered.body).toMatchObject({ statusCode: 400, errors: [{ field: 'number' }] });
    expect(h.runtime.views.model.position).toBe(head);
    // null is none, as leaving the field out
    const nulls = await request(server).post('/api/circulars').set('Authorization', as('staff')).send({ kind: 'monthly', period: '2017-11', number: '玉政办信息通报〔2017〕12号', date: '2017-12-08', paragraphs: null, attachments: null, disclosure: null });
    expect(nulls.status).toBe(201);
    const shown = await request(server).get(`/api/circulars/${nulls.body.circularId}`).set('Authorization', as('auditor')).expect(200);
    expect(shown.body).not.toHaveProperty('attachments');
    expect(shown.body).not.toHaveProperty('disclosure');
  });

  it('awards: the 2017 scheme gives no bands, so no group is listed; a bad year is a 400 naming it', async () => {
    const server = h.app.getHttpServer();
    const awards = await request(server).get(`/api/awards/2017?asOf=${annual.position}`).set('Authorization', as('supervisor')).expect(200);
    expect(awards.body).toEqual({ year: 2017, asOf: { position: annual.position, recordedAt: expect.any(String) }, scheme: { id: 'yuxi-2017', version: 2 }, groups: [] });
    const csv = await request(server).get('/api/awards/2017?format=csv').set('Authorization', as('supervisor')).expect(200);
    expect(csv.text).toBe('group,award,unit,rank,target,total\n');
    const bad = await request(server).get('/api/awards/17').set('Authorization', as('supervisor'));
    expect(bad.body).toMatchObject({ statusCode: 400, errors: [{ field: 'year', reason: expect.stringMatching(/^17 /) }] });
  });

  it('health reports the store and the projection lag', async () => {
    const health = await request(h.app.getHttpServer()).get('/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', store: { kind: 'sqlite', state: 'up' }, projection: { lag: 0, live: true } });
  });

  it('health is 503 while the views do not follow the store, saying since when and why', async () => {
    const down = { live: false as const, since: '2018-01-16T02:00:00.000Z', reason: 'EventStoreDB unavailable: 1 CANCELLED: Call cancelled', attempts: 3 };
    const state = jest.spyOn(h.runtime.views, 'state', 'get').mockReturnValue(down);
    try {
      const health = await request(h.app.getHttpServer()).get('/health').expect(503);
      expect(health.body).toMatchObject({ status: 'degraded', store: { state: 'up' }, projection: { lag: 0, ...down } });
    } finally {
      state.mockRestore();
    }
  });

  it('a batch larger than the store takes in one append is a 413 naming the limit, and nothing is appended', async () => {
    const server = h.app.getHttpServer();
    const head = h.runtime.views.model.position;
    const append = jest.spyOn(h.runtime.store, 'appendToStream').mockRejectedValueOnce(new AppendTooLargeError("stream ledger: the batch is larger than the server's maximum append size of 1048576 bytes (EVENTSTORE_MAX_APPEND_SIZE); append fewer facts at a time"));
    const fact = { id: randomUUID(), type: 'InformationSubmitted', data: { itemId: 'too-large', unitId: 'fgw', title: '过大', validDate: '2017-12-29' }, metadata: { schemaVersion: 1 } };
    const response = await request(server).post('/api/facts').set('Authorization', as('staff')).send(fact);
    append.mockRestore();
    expect(response.status).toBe(413);
    expect(response.body.message).toMatch(/maximum append size of 1048576 bytes \(EVENTSTORE_MAX_APPEND_SIZE\)/);
    expect(await h.runtime.ledger.head()).toBe(head);
  });

  it('reconcile over HTTP reports the published table\'s own contradiction', async () => {
    const csv = 'section,group,unit,target,city_adopted,city_points,provincial_adopted,bonus,total,rank\n二,city_department,市财政局,400,39,366,1,95,455,7\n';
    const response = await request(h.app.getHttpServer()).post(`/api/reconcile/2017?asOf=${annual.position}`).set('Authorization', as('auditor')).set('Content-Type', 'text/csv').send(csv).expect(200);
    expect(response.body.differences).toEqual(expect.arrayContaining([expect.objectContaining({ unit: '市财政局', column: 'total', published: 455, ledger: 461, line: 2 })]));
    // format as the CLI's --format: text is the CLI's lines
    const text = await request(h.app.getHttpServer()).post(`/api/reconcile/2017?asOf=${annual.position}&format=text`).set('Authorization', as('auditor')).set('Content-Type', 'text/csv').send(csv).expect(200);
    expect(text.headers['content-type']).toMatch(/^text\/plain/);
    expect(text.text).toMatch(/^line 2: 市财政局 total: published 455, ledger 461\n/);
    expect(text.text).toMatch(/\n\d+ cells differ \(as of position \d+\)\n$/);
  });

  it('a circular withdrawn by a void is marked in the list, its page and its verification, over HTTP', async () => {
    const server = h.app.getHttpServer();
    const issued = await request(server).post('/api/circulars').set('Authorization', as('staff')).send({ kind: 'monthly', period: '2017-10', number: '玉政办信息通报〔2017〕31号', date: '2017-11-06' }).expect(201);
    const factId = (await request(server).get('/api/history?type=CircularIssued').set('Authorization', as('auditor'))).body.find((e: { data: { circularId: string } }) => e.data.circularId === issued.body.circularId).id as string;
    const voided = { id: randomUUID(), type: 'FactCorrected', data: { correctedFactId: factId, correction: 'void', replacement: null, reason: '期次有误', validDate: '2017-11-07' }, metadata: {} };
    await request(server).post('/api/facts').set('Authorization', as('staff')).send(voided).expect(201);
    const listed = (await request(server).get('/api/circulars?kind=monthly&period=2017-10').set('Authorization', as('auditor'))).body;
    expect(listed).toEqual([expect.objectContaining({ live: false, withdrawn: expect.objectContaining({ factId: voided.id, reason: '期次有误', recordedBy: expect.stringMatching(/^staff:/) }) })]);
    expect((await request(server).post(`/api/circulars/${issued.body.circularId}/verify`).set('Authorization', as('auditor')).expect(200)).body).toMatchObject({ ok: true, withdrawn: { factId: voided.id } });
    const page = await request(server).get(`/circulars/${issued.body.circularId}`).set('Authorization', as('auditor')).expect(200);
    expect(page.text).toContain('本通报已撤回');
    expect(page.text).toContain('理由：期次有误');
    expect((await request(server).get('/circulars').set('Authorization', as('auditor')).expect(200)).text).toContain('（已撤回）');
  });
});

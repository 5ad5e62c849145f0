import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Role } from '../../libs/credentials';
import { startApi, type Harness } from './api-harness';

type Caller = Role | 'anonymous';
const CALLERS: Caller[] = ['anonymous', 'staff', 'auditor', 'supervisor', 'admin'];
const EVERY_ROLE = { anonymous: 401, staff: 200, auditor: 200, supervisor: 200, admin: 200 };

/** A fact each call appends anew (fresh id): an unadopted submission, recorded by staff. */
const submission = () => ({ id: randomUUID(), type: 'InformationSubmitted', data: { itemId: `t-${randomUUID()}`, unitId: 'fgw', title: '测试信息', validDate: '2017-12-30' }, metadata: { schemaVersion: 1 } });
/** A registry fact: recorded by an administrator. */
const alias = () => ({ id: randomUUID(), type: 'UnitAliasAdded', data: { unitId: 'fgw', alias: `发改委-${randomUUID().slice(0, 8)}`, validDate: '2017-12-30' }, metadata: { schemaVersion: 1 } });

interface Route {
  readonly name: string;
  readonly expect: Record<Caller, number>;
  send(h: Harness, agent: request.Agent | ReturnType<typeof request>, token: string | null): request.Test;
}

const CSV = 'section,group,unit,target,city_adopted,city_points,provincial_adopted,bonus,total,rank\n一,county,新平县,700,129,991,23,460,1451,1\n';

/** The role matrix of SPEC.md section 8: every route, every role. */
const ROUTES: Route[] = [
  { name: 'GET /api/tables/:year', expect: EVERY_ROLE, send: (h, _a, t) => auth(request(h.app.getHttpServer()).get('/api/tables/2017'), t) },
  { name: 'GET /api/awards/:year', expect: EVERY_ROLE, send: (h, _a, t) => auth(request(h.app.getHttpServer()).get('/api/awards/2017?format=csv'), t) },
  { name: 'GET /api/monthly/:month', expect: EVERY_ROLE, send: (h, _a, t) => auth(request(h.app.getHttpServer()).get('/api/monthly/2017-03'), t) },
  { name: 'GET /api/units/:unit/explain', expect: EVERY_ROLE, send: (h, _a, t) => auth(request(h.app.getHttpServer()).get('/api/units/市发展改革委/explain?year=2017'), t) },
  { name: 'GET /api/history', expect: EVERY_ROLE, send: (h, _a, t) => auth(request(h.app.getHttpServer()).get('/api/history?unit=fgw&type=FactCorrected'), t) },
  { name: 'GET /api/circulars', expect: EVERY_ROLE, send: (h, _a, t) => auth(request(h.app.getHttpServer()).get('/api/circulars'), t) },
  { name: 'GET /api/circulars/:id', expect: EVERY_ROLE, send: (h, _a, t) => auth(request(h.app.getHttpServer()).get(`/api/circulars/${annualId(h)}`), t) },
  { name: 'GET /api/circulars/:id/restatement', expect: EVERY_ROLE, send: (h, _a, t) => auth(request(h.app.getHttpServer()).get(`/api/circulars/${annualId(h)}/restatement`), t) },
  { name: 'POST /api/circulars/:id/verify', expect: EVERY_ROLE, send: (h, _a, t) => auth(request(h.app.getHttpServer()).post(`/api/circulars/${annualId(h)}/verify`), t) },
  { name: 'POST /api/reconcile/:year', expect: EVERY_ROLE, send: (h, _a, t) => auth(request(h.app.getHttpServer()).post('/api/reconcile/2017').set('Content-Type', 'text/csv').send(CSV), t) },
  { name: 'GET /api/settlements/:year', expect: EVERY_ROLE, send: (h, _a, t) => auth(request(h.app.getHttpServer()).get('/api/settlements/2017'), t) },
  { name: 'GET /api/head', expect: EVERY_ROLE, send: (h, _a, t) => auth(request(h.app.getHttpServer()).get('/api/head'), t) },
  { name: 'GET /api/verify', expect: EVERY_ROLE, send: (h, _a, t) => auth(request(h.app.getHttpServer()).get('/api/verify'), t) },
  { name: 'GET / (home page; a person without a credential is sent to sign in)', expect: { ...EVERY_ROLE, anonymous: 303 }, send: (h, _a, t) => auth(request(h.app.getHttpServer()).get('/').redirects(0), t) },
  { name: 'POST /api/facts (a staff kind)', expect: { anonymous: 401, staff: 201, auditor: 403, supervisor: 403, admin: 403 }, send: (h, _a, t) => auth(request(h.app.getHttpServer()).post('/api/facts').send(submission()), t) },
  { name: 'POST /api/facts (a registry kind)', expect: { anonymous: 401, staff: 403, auditor: 403, supervisor: 403, admin: 201 }, send: (h, _a, t) => auth(request(h.app.getHttpServer()).post('/api/facts').send(alias()), t) },
  { name: 'POST /api/circulars', expect: { anonymous: 401, staff: 201, auditor: 403, supervisor: 403, admin: 403 }, send: (h, _a, t) => auth(request(h.app.getHttpServer()).post('/api/circulars').send({ kind: 'monthly', period: '2017-12', number: '玉政办信息通报〔2018〕3号', date: '2018-01-08' }), t) },
  { name: 'POST /api/settlements/:year', expect: { anonymous: 401, staff: 201, auditor: 403, supervisor: 403, admin: 403 }, send: (h, _a, t) => auth(request(h.app.getHttpServer()).post('/api/settlements/2017'), t) },
  { name: 'GET /api/tokens', expect: { anonymous: 401, staff: 403, auditor: 403, supervisor: 403, admin: 200 }, send: (h, _a, t) => auth(request(h.app.getHttpServer()).get('/api/tokens'), t) },
  { name: 'POST /api/tokens', expect: { anonymous: 401, staff: 403, auditor: 403, supervisor: 403, admin: 201 }, send: (h, _a, t) => auth(request(h.app.getHttpServer()).post('/api/tokens').send({ role: 'auditor', name: '审计 李四' }), t) },
  { name: 'GET /health', expect: { anonymous: 200, staff: 200, auditor: 200, supervisor: 200, admin: 200 }, send: (h, _a, t) => auth(request(h.app.getHttpServer()).get('/health'), t) },
  { name: 'GET /api/docs-json', expect: { anonymous: 200, staff: 200, auditor: 200, supervisor: 200, admin: 200 }, send: (h, _a, t) => auth(request(h.app.getHttpServer()).get('/api/docs-json'), t) },
];

function auth(test: request.Test, token: string | null): request.Test {
  return token === null ? test : test.set('Authorization', `Bearer ${token}`);
}

let annual = '';
function annualId(_h: Harness): string {
  return annual;
}

describe('the role matrix: every route answers every role per SPEC.md section 8', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startApi();
    annual = h.runtime.desk.list().find((c) => c.data.kind === 'annual')!.data.circularId;
  }, 60_000);
  afterAll(() => h.close());

  const cells = ROUTES.flatMap((route) => CALLERS.map((caller) => [route.name, caller, route.expect[caller], route] as const));
  it.each(cells)('%s as %s answers %d', async (_name, caller, status, route) => {
    const head = h.runtime.views.model.position;
    const response = await route.send(h, request(h.app.getHttpServer()), caller === 'anonymous' ? null : h.tokens[caller]);
    expect(response.status).toBe(status);
    // a refused request appends nothing
    if (status >= 400) expect(h.runtime.views.model.position).toBe(head);
  });

  it('a correction needs the role of the kind it corrects: staff do not void an enrolment, admin not a submission', async () => {
    const server = h.app.getHttpServer();
    const post = (body: object, role: Role) => request(server).post('/api/facts').set('Authorization', `Bearer ${h.tokens[role]}`).send(body);
    const voidOf = (target: string) => ({ id: randomUUID(), type: 'FactCorrected', data: { correctedFactId: target, correction: 'void', replacement: null, reason: '录入错误', validDate: '2017-12-30' }, metadata: { schemaVersion: 1 } });
    const enrolment = h.runtime.views.model.placements.find((e) => e.fact.type === 'UnitEnrolled')!.fact;
    const head = h.runtime.views.model.position;
    const refused = await post([submission(), voidOf(enrolment.id)], 'staff');
    expect(refused.status).toBe(403);
    expect(refused.body.errors).toEqual([{ field: '[1].data.correctedFactId', reason: 'a correction of a UnitEnrolled is recorded by admin, not staff' }]);
    expect(h.runtime.views.model.position).toBe(head);
    const own = submission();
    expect((await post(own, 'staff')).status).toBe(201);
    const byAdmin = await post(voidOf(own.id), 'admin');
    expect(byAdmin.status).toBe(403);
    expect(byAdmin.body.message).toBe('data.correctedFactId: a correction of a InformationSubmitted is recorded by staff, not admin');
    expect((await post(voidOf(own.id), 'staff')).status).toBe(201);
  });

  it("a rule rejection in a posted array names the fact by its index, and appends nothing", async () => {
    const server = h.app.getHttpServer();
    const head = h.runtime.views.model.position;
    const unknownUnit = { ...submission(), data: { ...submission().data, unitId: '市不存在局' } };
    const notYetInForce = { ...submission(), data: { ...submission().data, validDate: '2016-12-01' } };
    const response = await request(server).post('/api/facts').set('Authorization', `Bearer ${h.tokens.staff}`).send([submission(), unknownUnit, notYetInForce]);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { field: '[1].data.unitId', reason: 'no registered unit is named 市不存在局' },
      { field: '[2].data.validDate', reason: 'no scheme is in force on 2016-12-01' },
    ]);
    expect(h.runtime.views.model.position).toBe(head);
  });

  it('an unknown or revoked token is a 401, and a revocation takes effect', async () => {
    const server = h.app.getHttpServer();
    expect((await request(server).get('/api/head').set('Authorization', 'Bearer lgr_not-a-token')).status).toBe(401);
    const created = await request(server).post('/api/tokens').set('Authorization', `Bearer ${h.tokens.admin}`).send({ role: 'auditor', name: '临时审计' });
    expect((await request(server).get('/api/head').set('Authorization', `Bearer ${created.body.token}`)).status).toBe(200);
    await request(server).post(`/api/tokens/${created.body.tokenId}/revoke`).set('Authorization', `Bearer ${h.tokens.admin}`).expect(201);
    expect((await request(server).get('/api/head').set('Authorization', `Bearer ${created.body.token}`)).status).toBe(401);
    const listed = await request(server).get('/api/tokens').set('Authorization', `Bearer ${h.tokens.admin}`);
    expect(JSON.stringify(listed.body)).not.toContain('lgr_');
  });

  it('a page asked without a credential sends the person to sign in, and the sign-in sets the cookie', async () => {
    const server = h.app.getHttpServer();
    const page = await request(server).get('/units/fgw?year=2017').redirects(0);
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/signin?next=%2Funits%2Ffgw%3Fyear%3D2017');
    expect((await request(server).post('/signin').type('form').send({ token: 'wrong', next: '/' })).status).toBe(401);
    const signedIn = await request(server).post('/signin').type('form').send({ token: h.tokens.supervisor, next: '//evil.example/' }).redirects(0);
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe('/'); // never an open redirect
    const cookie = String(signedIn.headers['set-cookie']);
    expect(cookie).toMatch(/ledger_token=.*HttpOnly.*SameSite=Strict/);
    expect((await request(server).get('/units/fgw?year=2017').set('Cookie', cookie.split(';')[0])).status).toBe(200);
  });
});

describe('--demo opens reading to anyone, and writing still needs a credential', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startApi({ demo: true });
  }, 60_000);
  afterAll(() => h.close());

  it('pages: a typed position wins over the circular still chosen; history names kinds, corrections and their units in Chinese', async () => {
    const server = h.app.getHttpServer();
    const annualCircular = h.runtime.desk.list().find((c) => c.data.kind === 'annual')!;
    const byPosition = (await request(server).get(`/?circular=${annualCircular.data.circularId}&asOf=5000`)).text;
    expect(byPosition).toContain('截至台账位置 5000');
    expect(byPosition).not.toContain('发布时的台账位置');
    expect((await request(server).get(`/?circular=${annualCircular.data.circularId}`)).text).toContain(`发布时的台账位置 ${annualCircular.data.position} 计算`);
    const corrections = (await request(server).get(`/history?unit=${encodeURIComponent('市环保局')}&type=FactCorrected`)).text;
    expect(corrections).toMatch(/<td>市环境保护局<\/td><td>(作废|更正)位置 \d+ 的事实：[^<]+<\/td>/);
    const form = (await request(server).get('/history')).text;
    for (const label of ['考核档次调整', '退出考核', '确定直报点', '单位更名']) expect(form).toContain(label);
    expect((await request(server).get('/history?from=2017-12&to=2017-01')).text).toContain('起始日期 2017-12 晚于截止日期 2017-01');
    const list = (await request(server).get('/circulars')).text;
    expect(list).toContain('<td>年度统计通报</td>');
    expect(list).toContain('2018年1月16日');
  });

  it('a page that fails answers with an error page in which what was typed is text, never markup', async () => {
    const server = h.app.getHttpServer();
    const payload = '<img src=x onerror=alert(1)>';
    for (const path of [`/units/${encodeURIComponent(payload)}`, `/?circular=${encodeURIComponent(payload)}`, `/circulars/${encodeURIComponent(payload)}`, '/?year=abc']) {
      const page = await request(server).get(path);
      expect({ path, status: page.status, type: page.headers['content-type'] }).toEqual({ path, status: path === '/?year=abc' ? 400 : 404, type: 'text/html; charset=utf-8' });
      expect(page.text).not.toContain('<img');
      expect(page.text).toMatch(/<h1>(未找到（404）|请求有误（400）)<\/h1>/);
    }
    expect((await request(server).get('/units/%3Cimg%3E')).text).toContain('&lt;img&gt;');
    const api = await request(server).get(`/api/units/${encodeURIComponent(payload)}/explain?year=2017`);
    expect({ status: api.status, type: api.headers['content-type'] }).toEqual({ status: 404, type: 'application/json; charset=utf-8' });
  });

  it('reads answer without a token; appends do not', async () => {
    const server = h.app.getHttpServer();
    expect((await request(server).get('/api/tables/2017')).status).toBe(200);
    expect((await request(server).get('/')).status).toBe(200);
    expect((await request(server).post('/api/facts').send(submission())).status).toBe(401);
    expect((await request(server).post('/api/tokens').send({ role: 'admin', name: 'x' })).status).toBe(401);
  });
});

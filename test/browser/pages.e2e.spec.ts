import type { Page } from 'playwright-core';
import { startApi, type Harness } from '../api/api-harness';
import { launchChromium, listenOnLoopback, type Browser } from './browser-harness';

const TITLE = '2017年1-12月政务信息采用情况统计表';
const SECTIONS = ['一、各县区人民政府', '二、市政府组成部门、直属机构及列入全市综合考评的单位', '三、中央、省驻玉单位', '四、其他单位'];
const ANNUAL = '玉政办信息通报〔2018〕1号';

/** A row of the statistics table on the page, keyed by its section's column headings. */
async function tableRow(page: Page, unit: string): Promise<Record<string, string>> {
  const name = page.locator('th[scope="row"]', { hasText: new RegExp(`^${unit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) });
  const section = page.locator('section.table-group', { has: name });
  const row = section.locator('tbody tr', { has: name });
  const headings = await section.locator('thead th').allTextContents();
  const cells = [await row.locator('th').textContent(), ...(await row.locator('td').allTextContents())];
  expect(cells).toHaveLength(headings.length);
  return Object.fromEntries(headings.map((heading, i) => [heading, (cells[i] ?? '').trim()]));
}

/**
 * Does what navigates (a click, a form submit) and answers the page finally landed on (after any
 * redirect): its status, and its body when it is not a 200 - a JSON error shows in the failure.
 */
async function navigation(page: Page, action: () => Promise<unknown>): Promise<{ status: number; error: string }> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().isNavigationRequest() && r.frame() === page.mainFrame() && (r.status() < 300 || r.status() >= 400)),
    action(),
  ]);
  await page.waitForLoadState('load');
  return { status: response.status(), error: response.status() === 200 ? '' : await response.text() };
}

const texts = async (page: Page, selector: string) => (await page.locator(selector).allTextContents()).map((t) => t.trim());

/**
 * Given the real application over the 2017 fixture, listening on loopback, and Debian's Chromium:
 * the pages an auditor and the supervision office use, driven through the browser (forms, links, picker).
 */
describe('the web pages in a browser', () => {
  let h: Harness;
  let demo: Harness;
  let site: string;
  let demoSite: string;
  let browser: Browser;
  let page: Page;

  /** Through the sign-in form, as a person would. */
  async function signIn(role: keyof Harness['tokens'], from: string | null = '/signin'): Promise<void> {
    if (from !== null) await page.goto(`${site}${from}`);
    await page.fill('input[name="token"]', h.tokens[role]);
    expect(await navigation(page, () => page.click('form[action="/signin"] button[type="submit"]'))).toEqual({ status: 200, error: '' });
    expect(new URL(page.url()).pathname).not.toBe('/signin');
  }

  beforeAll(async () => {
    const launched = launchChromium();
    h = await startApi();
    demo = await startApi({ demo: true });
    [site, demoSite] = [await listenOnLoopback(h.app), await listenOnLoopback(demo.app)];
    browser = await launched;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([h?.close(), demo?.close()]); // each removes its store directory
  }, 30_000);

  beforeEach(async () => {
    await browser.context.clearCookies(); // each test signs in (or not) for itself
    page = await browser.context.newPage();
  });
  afterEach(() => page.close());

  it('given the auditor signs in on the sign-in page, then the home page shows the 2017 table, and choosing the 2018-01-16 circular in the picker shows the table as of its position', async () => {
    await signIn('auditor');
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.locator('header.site .who').textContent()).toContain('auditor tester（auditor）');
    expect(await page.title()).toBe('2017年统计表 · 政务信息考核台账');
    expect(await texts(page, 'main h1')).toContain(TITLE);
    expect(await texts(page, 'section.table-group > h2')).toEqual(SECTIONS);
    expect(await tableRow(page, '新平县')).toEqual({
      单位: '新平县', '考核任务（分）': '700', '市办采用（条）': '129', '市办得分（分）': '991', '省办采用（条）': '23', '加（减）分（分）': '460', '得分（分）': '1451', 排名: '1',
    });
    const jiangchuan = await tableRow(page, '江川区');
    expect(jiangchuan['省办采用（条）']).toBe(''); // no provincial adoption: the cell is blank, as printed, not 0
    expect(jiangchuan['得分（分）']).toBe('568');
    // the current ledger includes the late provincial adoption recorded after the circular
    expect(await page.locator('main > p.muted').first().textContent()).toMatch(/^截至台账位置 11346/);
    expect((await tableRow(page, '市政府研究室'))['得分（分）']).toBe('50');
    if (process.env.LEDGER_PAGES_SCREENSHOT) await page.screenshot({ path: process.env.LEDGER_PAGES_SCREENSHOT, fullPage: false });

    await page.selectOption('select[name="circular"]', { label: `${ANNUAL} · 2018年1月16日` });
    // the browser submits every field of the form: year=2017&circular=…&asOf= (asOf left empty)
    expect(await navigation(page, () => page.click('form.filters button[type="submit"]'))).toEqual({ status: 200, error: '' });
    expect(new URL(page.url()).searchParams.get('circular')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await texts(page, 'main h1')).toContain(TITLE);
    expect(await page.locator('p.notice').textContent()).toContain(`按通报 ${ANNUAL}（2018年1月16日）发布时的台账位置 11342 计算。`);
    expect(await page.locator('select[name="circular"] option:checked').textContent()).toBe(`${ANNUAL} · 2018年1月16日`);
    expect(await tableRow(page, '市政府研究室')).toMatchObject({ '省办采用（条）': '', '得分（分）': '20', 排名: '45' });
    expect((await tableRow(page, '市监察局'))['得分（分）']).toBe('63'); // before the 2018-03-12 correction (65 now)
    expect((await tableRow(page, '新平县'))['得分（分）']).toBe('1451');
  }, 30_000);

  it('given a signed-in auditor on the home page, when they open a unit, then its trend chart and explanation trail show, the points summing to its total', async () => {
    await signIn('auditor');
    const inTable = (await tableRow(page, '市发展改革委'))['得分（分）'];
    expect(await navigation(page, () => page.click('p.no-print >> a:text-is("市发展改革委")'))).toEqual({ status: 200, error: '' });
    expect(new URL(page.url()).pathname).toBe('/units/fgw');
    expect(await texts(page, 'main > h1')).toEqual(['市发展改革委 · 2017年']);
    const total = Number(await page.locator('main > p strong').first().textContent());
    expect(String(total)).toBe(inTable);

    const chart = page.locator('svg.trend');
    expect(await chart.isVisible()).toBe(true);
    expect(await chart.getAttribute('aria-label')).toBe('市发展改革委 2017年各月得分');
    expect(await chart.locator('rect').count()).toBe(12);
    expect((await chart.boundingBox())?.height).toBeGreaterThan(50); // drawn, not collapsed
    const bars = (await chart.locator('rect title').allTextContents()).map((t) => /^(\d{4}-\d{2}): (-?\d+)分$/.exec(t));
    expect(bars.map((b) => b?.[1])).toEqual(Array.from({ length: 12 }, (_, i) => `2017-${String(i + 1).padStart(2, '0')}`));
    expect(bars.reduce((sum, b) => sum + Number(b?.[2]), 0)).toBe(total); // every point of its year falls in a month

    const trail = page.locator('table.trail tbody tr');
    const rows = await trail.count();
    expect(rows).toBeGreaterThan(0);
    const points = (await trail.locator('td:nth-child(5)').allTextContents()).map(Number);
    const running = (await trail.locator('td:nth-child(6)').allTextContents()).map(Number);
    expect(points).toHaveLength(rows);
    expect(points.every(Number.isFinite)).toBe(true);
    expect(points.reduce((sum, p) => sum + p, 0)).toBe(total);
    expect(running[running.length - 1]).toBe(total);
  }, 30_000);

  it('given a signed-in auditor on the circulars list, when they click 核验 for the annual circular, then the page says it verified', async () => {
    await signIn('auditor');
    expect(await navigation(page, () => page.click('nav >> a:text-is("通报")'))).toEqual({ status: 200, error: '' });
    expect(new URL(page.url()).pathname).toBe('/circulars');
    const annual = page.locator('tbody tr', { has: page.locator(`a:text-is("${ANNUAL}")`) });
    expect(await annual.locator('td').nth(1).textContent()).toBe('年度统计通报');
    expect(await navigation(page, () => annual.locator('button:text-is("核验")').click())).toEqual({ status: 200, error: '' });
    expect(new URL(page.url()).pathname).toMatch(/^\/circulars\/[^/]+\/verify$/);
    const result = page.locator('#verify-result');
    expect(await result.getAttribute('class')).toBe('ok');
    expect(await result.textContent()).toMatch(/^核验通过：按台账位置 11342 重新计算/);
    expect(await texts(page, 'main > h1')).toEqual([`核验 ${ANNUAL}`]);
  }, 30_000);

  it('given the late provincial adoption recorded after the circular, when the auditor opens its restatement, then 市政府研究室 shows published 20 → now 50', async () => {
    await signIn('auditor', '/circulars');
    const annual = page.locator('tbody tr', { has: page.locator(`a:text-is("${ANNUAL}")`) });
    expect(await navigation(page, () => annual.locator('a:text-is("对照")').click())).toEqual({ status: 200, error: '' });
    expect(new URL(page.url()).pathname).toMatch(/\/restatement$/);
    expect(await texts(page, 'main > h1')).toEqual(['发布时与现在对照']);
    expect(await page.locator('main > p').first().textContent()).toMatch(/^发布时台账位置 11342，现在 11346；/);
    const unit = page.locator('tbody tr', { has: page.locator('a:text-is("市政府研究室")') });
    const changes = await unit.locator('td').nth(1).locator('div').allTextContents();
    // the cells are named by their field (total, provincialAdopted…) today; the figures are what count here
    expect(changes.find((c) => /^(total|得分（分）)：/.test(c))).toMatch(/：20 → 50$/);
    expect(changes.find((c) => /^(provincialAdopted|省办采用（条）)：/.test(c))).toMatch(/：0 → 1$/);
    expect(await unit.locator('td').nth(2).textContent()).toMatch(/采用 2017-12-22 · 信息科 · 2018-02-05/);
  }, 30_000);

  it('given a signed-in auditor on the history page, when they search by unit and kind, then the matching facts are listed', async () => {
    await signIn('auditor');
    const fgw = await tableRow(page, '市发展改革委');
    const adoptions = Number(fgw['市办采用（条）']) + Number(fgw['省办采用（条）'] || 0);
    expect(await navigation(page, () => page.click('nav >> a:text-is("历史查询")'))).toEqual({ status: 200, error: '' });
    await page.fill('input[name="unit"]', '市发展改革委');
    await page.selectOption('select[name="type"]', { label: '采用' });
    // the browser submits every field of the form: unit=…&type=InformationAdopted&from=&to= (period left empty)
    expect(await navigation(page, () => page.click('form.filters button[type="submit"]'))).toEqual({ status: 200, error: '' });
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toMatchObject({ unit: '市发展改革委', type: 'InformationAdopted' });
    expect(await page.locator('main p.bad').count()).toBe(0);
    const rows = page.locator('main table tbody tr');
    expect(await page.locator('main > p').first().textContent()).toBe(`共 ${await rows.count()} 条。`);
    expect(new Set(await rows.locator('td:nth-child(2)').allTextContents())).toEqual(new Set(['采用']));
    const units = await rows.locator('td:nth-child(4)').allTextContents();
    // its own adoptions, as many as the table counts (市办 + 省办), and the one it contributed to (gongan-2017-171)
    expect(units.filter((u) => u === '市发展改革委')).toHaveLength(adoptions);
    expect(units.filter((u) => u !== '市发展改革委')).toEqual(['市公安局']);
    expect(await page.inputValue('input[name="unit"]')).toBe('市发展改革委'); // the form keeps the search
  }, 30_000);

  it('given a --demo application, the home page opens without signing in', async () => {
    const response = await page.goto(`${demoSite}/`);
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await texts(page, 'main h1')).toContain(TITLE);
    expect(await page.locator('header.site .who').textContent()).toContain('演示模式（只读）');
    expect((await tableRow(page, '新平县'))['得分（分）']).toBe('1451');
  }, 30_000);

  it('given no sign-in (not --demo), the home page redirects to the sign-in page, which returns there after signing in', async () => {
    await page.goto(`${site}/`);
    const url = new URL(page.url());
    expect(`${url.pathname}${url.search}`).toBe('/signin?next=%2F');
    expect(await texts(page, 'main > h1')).toEqual(['登录']);
    expect(await page.locator('main table').count()).toBe(0);
    expect(await page.inputValue('input[name="next"]')).toBe('/');
    await signIn('auditor', null);
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await texts(page, 'main h1')).toContain(TITLE);
  }, 30_000);
});

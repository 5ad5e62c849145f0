import { Body, Controller, Get, Header, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { circularToHtmlFragment, tableToHtmlFragment } from '../../../libs/rendering';
import { annualTable, explain, history, monthlyView, officialName, printDate, printDocumentNumber, unitIdAsOf, type CircularContent, type TableView } from '../../../projections';
import { restateCircular } from '../../runtime/restatement';
import { dayOrMonthRangeProblem } from '../../../libs/validation';
import { positionFor, sincePosition } from '../as-of';
import { TOKEN_COOKIE } from '../auth/auth.guard';
import type { AuthenticatedRequest } from '../auth/principal';
import { Public, Read } from '../auth/roles.decorator';
import { listedCircular, type Withdrawal } from '../../circulars/circular-desk';
import { LedgerRuntime } from '../ledger-runtime.service';
import { SERVE_OPTIONS, type ServeOptions } from '../serve-options';
import { html, trusted, type SafeHtml } from './html';
import { layout, type PageContext } from './layout';
import { filled, HistoryPageQuery, HomeQuery, SignInBody, UnitPageQuery } from './page.dto';
import { CELL_LABELS, CIRCULAR_KIND_LABELS, describeFact, FACT_KIND_LABELS } from './labels';
import { trendChart } from './trend-chart';

/** The web pages for auditors and the supervision office (督查室), in Chinese, over the same views as the API. */
@ApiExcludeController()
@Controller()
export class PagesController {
  constructor(
    private readonly runtime: LedgerRuntime,
    @Inject(SERVE_OPTIONS) private readonly options: ServeOptions,
  ) {}

  /** The latest January-December table as printed; any issued circular's or position's instead. */
  @Get()
  @Read()
  @Header('Content-Type', 'text/html; charset=utf-8')
  home(@Query() query: HomeQuery, @Req() request: AuthenticatedRequest): string {
    const views = this.runtime.views;
    const circulars = this.runtime.desk.list().filter((c) => c.data.kind === 'annual');
    // A position typed in wins over the circular still chosen in the list; a circular's table is its year's.
    const asOf = filled(query.asOf);
    const picked = query.circular ? this.runtime.desk.find(query.circular) : null;
    const year = filled(query.year) ? Number(query.year) : picked && asOf === undefined ? Number(picked.data.period) : this.latestYear(circulars.map((c) => Number(c.data.period)));
    const chosen = picked && asOf === undefined && Number(picked.data.period) === year ? picked : null;
    const p = chosen ? chosen.data.position : positionFor(views, asOf);
    const table = annualTable(views.model, year, p, views.index);
    const picker = html`<form class="filters no-print" method="get" action="/">
<label>年度<input name="year" value="${year}" size="5"></label>
<label>按通报<select name="circular"><option value="">（当前台账）</option>${circulars.map((c) => html`<option value="${c.data.circularId}" ${chosen?.data.circularId === c.data.circularId ? trusted('selected') : ''}>${printDocumentNumber(c.data.document)} · ${printDate(c.data.issueDate)}</option>`)}</select></label>
<label>或截至台账位置<input name="asOf" value="${query.asOf ?? ''}" size="8" placeholder="${views.model.position}"></label>
<button type="submit">查看</button></form>`;
    const stamp = chosen
      ? html`<p class="notice">按通报 ${printDocumentNumber(chosen.data.document)}（${printDate(chosen.data.issueDate)}）发布时的台账位置 ${p} 计算。<a href="/circulars/${chosen.data.circularId}">查看通报</a></p>`
      : html`<p class="muted">截至台账位置 ${p}${table.asOf.recordedAt ? `（记录于 ${table.asOf.recordedAt}）` : ''}，方案 ${table.scheme ? `${table.scheme.id} 第${table.scheme.version}版` : '无'}。</p>`;
    return layout(`${year}年统计表`, this.context(request), html`${picker}${stamp}${this.linkedTable(table, p)}`);
  }

  /** A unit: the monthly trend of its score and the full explanation trail. */
  @Get('units/:unit')
  @Read()
  @Header('Content-Type', 'text/html; charset=utf-8')
  unit(@Param('unit') unit: string, @Query() query: UnitPageQuery, @Req() request: AuthenticatedRequest): string {
    const views = this.runtime.views;
    const p = positionFor(views, filled(query.asOf));
    const year = filled(query.year) ? Number(query.year) : this.latestYear([]);
    const explanation = explain(views.model, unit.trim(), year, null, p);
    const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
    const trend = months.map((month) => ({ month, total: monthlyView(views.model, month, p, views.index).groups.flatMap((g) => g.rows).find((r) => r.unitId === explanation.unitId)?.total ?? 0 }));
    const items = explanation.items.map(
      (item) => html`<tr><td>${item.validDate}</td><td>${FACT_KIND_LABELS[item.kind] ?? item.kind}</td><td>${item.rule}</td><td>${item.schemeVersion ?? ''}</td>
<td class="num">${item.points}</td><td class="num">${item.runningTotal}</td><td>${item.recordedBy}<br><span class="muted">${item.recordedAt}</span></td>
<td>${item.corrections.map((c) => html`<div>${c.correction === 'void' ? '作废' : '更正'}${c.corrects === item.factId ? '' : '此前的更正'}：${c.reason}${c.live ? '' : '（已撤销）'}</div>`)}</td>
<td><a href="/history?unit=${encodeURIComponent(explanation.unitId)}" title="${item.factId}">${item.factId.slice(0, 8)}</a></td></tr>`,
    );
    const body = html`<h1>${explanation.unit} · ${year}年</h1>
<p>得分 <strong>${explanation.total}</strong> 分，截至台账位置 ${p}。<a class="no-print" href="/api/units/${encodeURIComponent(explanation.unitId)}/explain?year=${year}&asOf=${p}">JSON</a></p>
<h2>月度得分</h2>${trendChart(trend, `${explanation.unit} ${year}年各月得分`)}
<h2>得分明细（每一分的来源）</h2>
<table class="trail"><thead><tr><th>日期</th><th>类别</th><th>规则</th><th>方案版本</th><th>分值</th><th>累计</th><th>记录人</th><th>更正</th><th>事实</th></tr></thead>
<tbody>${items}</tbody></table>`;
    return layout(explanation.unit, this.context(request), body);
  }

  /** History search by unit, kind and period. */
  @Get('history')
  @Read()
  @Header('Content-Type', 'text/html; charset=utf-8')
  historyPage(@Query() query: HistoryPageQuery, @Req() request: AuthenticatedRequest): string {
    const views = this.runtime.views;
    const unit = filled(query.unit?.trim());
    const since = filled(query.since);
    const search = { unit, type: filled(query.type), from: filled(query.from), to: filled(query.to), after: since === undefined ? undefined : sincePosition(views, since) };
    const searched = Object.values(search).some((v) => v !== undefined);
    const unknownUnit = unit !== undefined && !views.model.names.has(unit);
    const p = positionFor(views, filled(query.asOf));
    const entries = searched && !unknownUnit ? history(views.model, search, p) : [];
    const shown = entries.slice(-500).reverse();
    const form = html`<form class="filters" method="get" action="/history">
<label>单位<input name="unit" value="${query.unit ?? ''}" placeholder="名称或代码"></label>
<label>类别<select name="type"><option value="">（全部）</option>${Object.entries(FACT_KIND_LABELS).map(([kind, label]) => html`<option value="${kind}" ${query.type === kind ? trusted('selected') : ''}>${label}</option>`)}</select></label>
<label>起<input name="from" value="${query.from ?? ''}" placeholder="2017-01"></label><label>止<input name="to" value="${query.to ?? ''}" placeholder="2017-12"></label>
<label>记录于其后<input name="since" value="${query.since ?? ''}" placeholder="位置、时间或通报编号"></label>
<button type="submit">查询</button></form>`;
    const rows = shown.map((e) => {
      // A correction is shown with the unit and position of the fact it corrects, and its reason.
      // A replaced fact is shown with the content in force, and marked.
      const target = e.type === 'FactCorrected' ? views.model.facts.get((e.data as { correctedFactId: string }).correctedFactId) : undefined;
      const data = e.inForce ?? e.data;
      const unitId = ((target?.fact.data ?? data) as { unitId?: string }).unitId;
      const state = !e.live ? '已作废' : e.inForce !== null ? '已更正' : '';
      return html`<tr><td>${e.position}</td><td>${FACT_KIND_LABELS[e.type] ?? e.type}</td><td>${e.validDate ?? ''}</td><td>${this.unitName(unitId, p)}</td><td>${describeFact(e.type, data, target?.position)}</td><td>${e.recordedBy}</td><td>${e.recordedAt}</td><td>${state}</td></tr>`;
    });
    const inverted = search.from !== undefined && search.to !== undefined && dayOrMonthRangeProblem(search.from, search.to) !== null;
    const result = !searched
      ? html`<p class="muted">按单位、类别和期间查询台账中的事实。</p>`
      : unknownUnit
        ? html`<p class="bad">没有名为 ${query.unit} 的登记单位。</p>`
        : inverted
          ? html`<p class="bad">起始日期 ${search.from} 晚于截止日期 ${search.to}。</p>`
          : html`<p>共 ${entries.length} 条${entries.length > shown.length ? `，显示最近 ${shown.length} 条` : ''}。</p>
<table><thead><tr><th>位置</th><th>类别</th><th>日期</th><th>单位</th><th>说明</th><th>记录人</th><th>记录时间</th><th>状态</th></tr></thead><tbody>${rows}</tbody></table>`;
    return layout('历史查询', this.context(request), html`<h1>历史查询</h1>${form}${result}`);
  }

  @Get('circulars')
  @Read()
  @Header('Content-Type', 'text/html; charset=utf-8')
  circulars(@Req() request: AuthenticatedRequest): string {
    const rows = this.runtime.desk.list().map(listedCircular).map(
      (c) => html`<tr><td><a href="/circulars/${c.circularId}">${c.document}</a>${c.withdrawn ? html` <span class="bad">（已撤回）</span>` : ''}</td><td>${CIRCULAR_KIND_LABELS[c.kind]}</td><td>${c.period}</td><td>${printDate(c.issueDate)}</td><td class="num">${c.position}</td>
<td><form class="inline" method="post" action="/circulars/${c.circularId}/verify"><button type="submit">核验</button></form> <a href="/circulars/${c.circularId}/restatement">对照</a></td></tr>`,
    );
    return layout('通报', this.context(request), html`<h1>已发通报</h1>
<table><thead><tr><th>文号</th><th>类别</th><th>期间</th><th>发文日期</th><th>台账位置</th><th></th></tr></thead><tbody>${rows}</tbody></table>`);
  }

  @Get('circulars/:id')
  @Read()
  @Header('Content-Type', 'text/html; charset=utf-8')
  circular(@Param('id') id: string, @Req() request: AuthenticatedRequest): string {
    const desk = this.runtime.desk;
    const found = desk.find(id);
    const content: CircularContent = desk.contentOf(found);
    const actions = html`<div class="no-print"><form class="inline" method="post" action="/circulars/${found.data.circularId}/verify"><button type="submit">核验</button></form>
<a href="/api/circulars/${found.data.circularId}?format=xlsx">下载 Excel</a> · <a href="/api/circulars/${found.data.circularId}?format=csv">CSV</a> · <a href="/api/circulars/${found.data.circularId}?format=html">打印版</a> · <a href="/circulars/${found.data.circularId}/restatement">发布时与现在对照</a></div>`;
    return layout(printDocumentNumber(found.data.document), this.context(request), html`${actions}${withdrawnNote(found.withdrawn)}${trusted(circularToHtmlFragment(content))}`);
  }

  @Post('circulars/:id/verify')
  @Read()
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  async verify(@Param('id') id: string, @Req() request: AuthenticatedRequest): Promise<string> {
    const found = this.runtime.desk.find(id);
    const result = await this.runtime.desk.verify(id);
    const body = result.ok
      ? html`<p class="ok" id="verify-result">核验通过：按台账位置 ${found.data.position} 重新计算，与发布内容逐字节一致。</p><p class="muted">摘要 ${result.digest}</p>`
      : html`<p class="bad" id="verify-result">核验不一致</p><ul>${result.reasons.map((r) => html`<li>${r}</li>`)}</ul>
<table><thead><tr><th>位置</th><th>发布</th><th>现在</th></tr></thead><tbody>${result.differences.map((d) => html`<tr><td>${d.path}</td><td>${JSON.stringify(d.published)}</td><td>${JSON.stringify(d.now)}</td></tr>`)}</tbody></table>`;
    return layout('核验', this.context(request), html`<h1>核验 ${printDocumentNumber(found.data.document)}</h1>${withdrawnNote(found.withdrawn)}${body}<p><a href="/circulars/${found.data.circularId}">返回通报</a></p>`);
  }

  @Get('circulars/:id/restatement')
  @Read()
  @Header('Content-Type', 'text/html; charset=utf-8')
  restatement(@Param('id') id: string, @Req() request: AuthenticatedRequest): string {
    const restated = restateCircular(this.runtime.desk, this.runtime.views, id);
    const rows = restated.units.map(
      (u) => html`<tr><td><a href="/units/${encodeURIComponent(u.unitId)}">${u.unit}</a></td><td>${u.cells.map((c) => html`<div>${CELL_LABELS[c.cell] ?? c.cell}：${cellText(c.published)} → ${cellText(c.now)}</div>`)}</td>
<td>${u.facts.length === 0 ? html`<span class="muted">本单位无新事实：排名随其他单位得分的变化而变</span>` : u.facts.map((f) => html`<div>${f.position} ${FACT_KIND_LABELS[f.type] ?? f.type} ${f.validDate ?? ''} · ${f.recordedBy} · ${f.recordedAt}</div>`)}</td></tr>`,
    );
    return layout('发布与现在对照', this.context(request), html`<h1>发布时与现在对照</h1>
<p>发布时台账位置 ${restated.published.position}，现在 ${restated.now.position}；${restated.units.length} 个单位有变化。</p>
<table><thead><tr><th>单位</th><th>发布 → 现在</th><th>引起变化的事实</th></tr></thead><tbody>${rows}</tbody></table>`);
  }

  @Get('signin')
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  signInPage(@Query('next') next: string | undefined, @Req() request: AuthenticatedRequest): string {
    return layout('登录', this.context(request), this.signInForm(next, null));
  }

  /** Takes a token, checks it, and keeps it in an HttpOnly, SameSite=Strict cookie. */
  @Post('signin')
  @Public()
  async signIn(@Body() body: SignInBody, @Req() request: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    const principal = await this.runtime.credentials.authenticate(body.token.trim());
    if (!principal) {
      res.status(401).type('html').send(layout('登录', this.context(request), this.signInForm(body.next, '令牌无效或已撤销。')));
      return;
    }
    res.cookie(TOKEN_COOKIE, body.token.trim(), { httpOnly: true, sameSite: 'strict', path: '/' });
    res.redirect(303, safeNext(body.next));
  }

  @Post('signout')
  @Public()
  signOut(@Res() res: Response): void {
    res.clearCookie(TOKEN_COOKIE, { path: '/' });
    res.redirect(303, '/signin');
  }

  private signInForm(next: string | undefined, error: string | null): SafeHtml {
    return html`<h1>登录</h1>${error ? html`<p class="bad">${error}</p>` : ''}
<form method="post" action="/signin"><input type="hidden" name="next" value="${safeNext(next)}">
<label>访问令牌 <input name="token" type="password" size="60" autocomplete="off" required></label> <button type="submit">登录</button></form>
<p class="muted">令牌由管理员用 <code>ledger token create --role … --name …</code> 签发。</p>`;
  }

  private linkedTable(table: TableView, p: number): SafeHtml {
    const links = html`<p class="no-print muted">单位明细：${table.groups.flatMap((g) => g.rows).map((r) => html`<a href="/units/${encodeURIComponent(r.unitId)}?year=${table.year}&asOf=${p}">${r.unit}</a> `)}</p>`;
    return html`${trusted(tableToHtmlFragment(table))}${links}`;
  }

  private unitName(unitId: string | undefined, p: number): string {
    if (unitId === undefined) return '';
    const model = this.runtime.views.model;
    const unit = model.units.get(unitIdAsOf(model, unitId, p) ?? '');
    return unit ? officialName(model, unit, p) : unitId;
  }

  private latestYear(fromCirculars: number[]): number {
    const years = [...fromCirculars, ...[...this.runtime.views.model.schemes.values()].map((v) => v[0].scheme.year)];
    return years.length > 0 ? Math.max(...years) : new Date().getUTCFullYear();
  }

  private context(request: AuthenticatedRequest): PageContext {
    const p = request.principal;
    return { who: p ? `${p.name}（${p.role}）` : null, demo: this.options.demo };
  }
}

/** A restated cell: a figure, a group, whether a unit is named (是/否), or — where there is none. */
function cellText(value: number | string | boolean | null): string | number {
  return value === null ? '—' : typeof value === 'boolean' ? (value ? '是' : '否') : value;
}

/** 本通报已撤回: when, by whom and why, above a withdrawn circular (which still reads as published). */
function withdrawnNote(withdrawn: Withdrawal | null): SafeHtml | string {
  if (!withdrawn) return '';
  return html`<p class="bad" id="withdrawn">本通报已撤回：台账位置 ${withdrawn.position}，${withdrawn.recordedAt}，${withdrawn.recordedBy}；理由：${withdrawn.reason}</p>`;
}

/** Only a path on this site: never an open redirect. */
function safeNext(next: string | undefined): string {
  return next && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : '/';
}

import type { ErrorBody } from '../http-errors';
import { html } from './html';
import { layout } from './layout';

const PAGE_TITLES: Record<number, string> = { 400: '请求有误', 401: '需要登录', 403: '无权进行此操作', 404: '未找到', 409: '与其他操作冲突，请重试', 413: '提交的内容过大', 415: '提交的内容格式不对' };

/** An error as a page (the reason is the API's words, escaped like every other text on the pages). */
export function errorPage(body: ErrorBody): string {
  const title = PAGE_TITLES[body.statusCode] ?? (body.statusCode >= 500 ? '服务器出错' : '请求未能完成');
  const details = body.errors && body.errors.length > 1 ? html`<ul>${body.errors.map((e) => html`<li>${e.field}: ${e.reason}</li>`)}</ul>` : html``;
  const signIn = body.statusCode === 401 ? html` · <a href="/signin">登录</a>` : html``;
  return layout(title, { who: null, demo: false }, html`<h1>${title}（${String(body.statusCode)}）</h1>
<p class="notice">${body.message}</p>
${details}
<p><a href="/">返回统计表</a>${signIn}</p>`);
}

import { html, trusted, type SafeHtml } from './html';

const SCREEN_AND_PRINT = `
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; margin: 0; color: #1a1a1a; background: #fafafa; }
header.site { background: #9e1b1b; color: #fff; padding: 0.5rem 1rem; display: flex; gap: 1.5rem; align-items: center; flex-wrap: wrap; }
header.site a { color: #fff; text-decoration: none; }
header.site .brand { font-weight: bold; font-size: 1.1rem; }
header.site .who { margin-left: auto; font-size: 0.9rem; }
main { max-width: 1100px; margin: 1rem auto; padding: 0 1rem 2rem; background: #fff; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin-top: 1.5rem; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; }
th, td { border: 1px solid #555; padding: 2px 6px; }
th { background: #f0f0f0; }
td.figure, td.num { text-align: right; font-variant-numeric: tabular-nums; }
form.inline { display: inline; }
form.filters { display: flex; gap: 0.75rem; flex-wrap: wrap; align-items: end; margin: 0.5rem 0 1rem; }
form.filters label { display: flex; flex-direction: column; font-size: 0.85rem; }
.ok { color: #16632c; font-weight: bold; } .bad { color: #9e1b1b; font-weight: bold; }
.muted { color: #666; font-size: 0.85rem; }
.notice { background: #fff6d6; border: 1px solid #e0c060; padding: 0.5rem 0.75rem; }
svg.trend text { font-size: 11px; }
.letter .letterhead { color: #c00; font-size: 1.8rem; font-weight: bold; text-align: center; letter-spacing: 0.2em; }
.letter .document-number, .letter h1 { text-align: center; }
.letter .issuer, .letter .issue-date { text-align: right; }
@media print {
  header.site, nav, form, .no-print { display: none !important; }
  body { background: #fff; }
  main { max-width: none; margin: 0; padding: 0; }
  @page { size: A4; margin: 20mm 15mm; }
  th, td { border-color: #000; }
  tr { break-inside: avoid; }
}
`.trim();

export interface PageContext {
  /** who is signed in, or null (a --demo reader) */
  readonly who: string | null;
  readonly demo: boolean;
}

/** The page chrome: navigation in Chinese, the print stylesheet (chrome hidden on paper). */
export function layout(title: string, context: PageContext, body: SafeHtml): string {
  const who = context.who
    ? html`<span class="who">${context.who} · <form class="inline" method="post" action="/signout"><button type="submit">退出</button></form></span>`
    : html`<span class="who">${context.demo ? '演示模式（只读）' : ''} <a href="/signin">登录</a></span>`;
  return html`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · 政务信息考核台账</title>
<style>${trusted(SCREEN_AND_PRINT)}</style>
</head>
<body>
<header class="site"><a class="brand" href="/">政务信息考核台账</a>
<nav><a href="/">统计表</a> · <a href="/circulars">通报</a> · <a href="/history">历史查询</a> · <a href="/api/docs">接口文档</a></nav>
${who}</header>
<main>
${body}
</main>
</body>
</html>
`.value;
}

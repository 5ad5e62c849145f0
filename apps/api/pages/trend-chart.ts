import { html, type SafeHtml } from './html';

export interface MonthPoint {
  readonly month: string; // YYYY-MM
  readonly total: number;
}

const WIDTH = 720;
const HEIGHT = 220;
const PAD = { left: 44, right: 10, top: 14, bottom: 28 };

/**
 * The unit page's monthly trend: one bar per month (得分 of that month), drawn server-side as SVG
 * so the page needs no script and prints as it shows. Negative months go below the zero line.
 */
export function trendChart(points: readonly MonthPoint[], label: string): SafeHtml {
  const max = Math.max(0, ...points.map((p) => p.total));
  const min = Math.min(0, ...points.map((p) => p.total));
  const span = max - min || 1;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const step = (WIDTH - PAD.left - PAD.right) / Math.max(points.length, 1);
  const y = (v: number) => PAD.top + ((max - v) / span) * plotH;
  const zero = y(0);
  const bars = points.map((p, i) => {
    const x = PAD.left + i * step + step * 0.15;
    const top = Math.min(y(p.total), zero);
    const h = Math.abs(y(p.total) - zero);
    return html`<g><rect x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${(step * 0.7).toFixed(1)}" height="${h.toFixed(1)}" fill="${p.total < 0 ? '#9e1b1b' : '#2f6fb0'}"><title>${p.month}: ${p.total}分</title></rect>
<text x="${(x + step * 0.35).toFixed(1)}" y="${(top - 3).toFixed(1)}" text-anchor="middle">${p.total}</text>
<text x="${(x + step * 0.35).toFixed(1)}" y="${HEIGHT - 10}" text-anchor="middle">${Number(p.month.slice(5))}月</text></g>`;
  });
  return html`<svg class="trend" role="img" aria-label="${label}" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" preserveAspectRatio="xMidYMid meet">
<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${zero.toFixed(1)}" y2="${zero.toFixed(1)}" stroke="#555"/>
<text x="4" y="${(PAD.top + 4).toFixed(1)}">${max}</text><text x="4" y="${(zero + 4).toFixed(1)}">0</text>
${bars}
</svg>`;
}

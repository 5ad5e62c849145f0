import type { CircularContent } from '../../projections';
import { circularLayout, type CircularLayout } from './circular-layout';
import { escapeHtml, htmlPage } from './html-page';
import type { Letterhead } from './letterhead';
import { printedTableHtml } from './table-html';

/** A circular as an embeddable fragment: the letter's <section>, then the attached table. */
export function circularToHtmlFragment(content: CircularContent, letterhead?: Letterhead): string {
  return layoutHtml(circularLayout(content, letterhead));
}

/** A circular as a printable page in the source's layout. */
export function circularToHtml(content: CircularContent, letterhead?: Letterhead): string {
  const layout = circularLayout(content, letterhead);
  return htmlPage(layout.title, layoutHtml(layout));
}

function layoutHtml(layout: CircularLayout): string {
  const p = (text: string, className?: string) => `<p${className ? ` class="${className}"` : ''}>${escapeHtml(text)}</p>`;
  const letter = [
    '<section class="letter">',
    p(layout.heading, 'letterhead'),
    p(layout.documentNumber, 'document-number'),
    `<h1>${escapeHtml(layout.title)}</h1>`,
    p(layout.addressee, 'addressee'),
    ...layout.body.map((line) => p(line)),
    ...layout.attachments.map((line, i) => p(line, i === 0 ? 'attachment-label' : 'attachment-label attachment-more')),
    p(layout.issuer, 'issuer'),
    p(layout.issueDate, 'issue-date'),
    ...(layout.disclosure ? [p(layout.disclosure, 'disclosure')] : []),
    '</section>',
  ];
  const attachment = layout.table ? [printedTableHtml(layout.table)] : [];
  return ['<article class="ledger-circular">', ...letter, ...attachment, '</article>'].join('\n');
}

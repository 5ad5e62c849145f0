import type { CircularContent } from '../../projections';
import { circularLayout } from './circular-layout';
import type { Letterhead } from './letterhead';
import { escapeMarkdown, printedTableMarkdown } from './table-markdown';

/** A circular in Markdown: the letter, a rule where the printed page breaks, then the attached table. */
export function circularToMarkdown(content: CircularContent, letterhead?: Letterhead): string {
  const layout = circularLayout(content, letterhead);
  const blocks = [
    `**${escapeMarkdown(layout.heading)}**`,
    escapeMarkdown(layout.documentNumber),
    `# ${escapeMarkdown(layout.title)}`,
    escapeMarkdown(layout.addressee),
    ...layout.body.map(escapeMarkdown),
    ...layout.attachments.map(escapeMarkdown),
    escapeMarkdown(layout.issuer),
    escapeMarkdown(layout.issueDate),
    ...(layout.disclosure ? [escapeMarkdown(layout.disclosure)] : []),
  ];
  if (layout.table) blocks.push('---', printedTableMarkdown(layout.table));
  return `${blocks.join('\n\n')}\n`;
}

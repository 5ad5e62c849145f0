/**
 * A printable, self-contained page: UTF-8, zh-CN, one inline stylesheet for A4 paper with ruled
 * tables and a page break between sections; no scripts, fonts or images to fetch. Pages that
 * embed the fragments can include PRINT_STYLESHEET to print them the same way.
 */
export const PRINT_STYLESHEET = `
@page { size: A4; margin: 20mm 15mm; }
body { font-family: "FangSong", "STFangsong", "SimSun", "Songti SC", serif; font-size: 12pt; line-height: 1.6; color: #000; background: #fff; max-width: 180mm; margin: 0 auto; }
h1 { font-size: 16pt; text-align: center; margin: 0.6em 0; }
h2 { font-size: 13pt; margin: 0.8em 0 0.4em; }
p { margin: 0.3em 0; }
.letterhead { color: #c00; font-size: 22pt; font-weight: bold; text-align: center; }
.document-number { text-align: center; }
.issuer, .issue-date { text-align: right; }
.attachment-more { padding-left: 3em; }
.disclosure { margin-top: 1em; text-indent: 2em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #000; padding: 2px 4px; }
th { font-weight: bold; text-align: center; }
th[scope="row"] { font-weight: normal; text-align: left; }
td.figure { text-align: center; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
.table-group + .table-group, .letter + .ledger-table { break-before: page; page-break-before: always; }
`.trim();

/** Text and attribute values alike: unit names are data. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export function htmlPage(title: string, fragment: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>\n${PRINT_STYLESHEET}\n</style>`,
    '</head>',
    '<body>',
    fragment,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

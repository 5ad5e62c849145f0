import { monthlyToHtml, monthlyToMarkdown, tableToCsv, tableToHtml, tableToHtmlFragment, tableToMarkdown } from '../../libs/rendering';
import { handBuiltMonthly, handBuiltTable } from './hand-built';

/** The table row of one unit in the HTML: its cells, in column order, as printed. */
function htmlRow(html: string, unit: string): string[] {
  const line = html.split('\n').find((l) => l.startsWith(`<tr><th scope="row">${unit}</th>`));
  if (!line) throw new Error(`no row for ${unit}`);
  return [...line.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((m) => m[1]);
}

function markdownRow(markdown: string, unit: string): string {
  const line = markdown.split('\n').find((l) => l.startsWith(`| ${unit} |`));
  if (!line) throw new Error(`no row for ${unit}`);
  return line;
}

describe('the statistics table for people', () => {
  describe('given a table where 江川区 had no provincial adoption and no bonus', () => {
    const table = handBuiltTable();

    it('when printed as HTML, 省办采用 and 加（减）分 are blank cells and every other figure prints', () => {
      expect(htmlRow(tableToHtml(table), '江川区')).toEqual(['江川区', '500', '76', '568', '', '', '568', '2']);
    });

    it('when printed as HTML, a unit with nothing at all shows 0 adopted, 0 points and 0 total, blanks only in the two columns', () => {
      expect(htmlRow(tableToHtml(table), '市地税局')).toEqual(['市地税局', '300', '0', '0', '', '', '0', '1']);
    });

    it('when printed as HTML, a negative 加（减）分 prints with its sign', () => {
      expect(htmlRow(tableToHtml(table), '市&lt;script&gt;局|试点')).toEqual(['市&lt;script&gt;局|试点', '100', '3', '23', '', '-20', '3', '2']);
    });

    it('when printed as HTML, target and rank of group 四 are blank', () => {
      expect(htmlRow(tableToHtml(table), '市委编办')).toEqual(['市委编办', '', '12', '130', '1', '30', '160', '']);
    });

    it('when printed as Markdown, the same cells are empty between their pipes', () => {
      const markdown = tableToMarkdown(table);
      expect(markdownRow(markdown, '江川区')).toBe('| 江川区 | 500 | 76 | 568 |  |  | 568 | 2 |');
      expect(markdownRow(markdown, '市委编办')).toBe('| 市委编办 |  | 12 | 130 | 1 | 30 | 160 |  |');
    });

    it('when written as CSV, the zeros are 0 (a data format)', () => {
      expect(tableToCsv(table).split('\n')).toContain('一,county,江川区,500,76,568,0,0,568,2');
    });
  });

  describe('given a unit whose name contains markup', () => {
    const table = handBuiltTable();

    it('when printed as HTML, the name is escaped and no element is injected', () => {
      const html = tableToHtml(table);
      expect(html).toContain('市&lt;script&gt;局|试点');
      expect(html).not.toContain('<script');
    });

    it('when printed as Markdown, < and | are escaped so the row keeps its eight cells', () => {
      const line = markdownRow(tableToMarkdown(table), '市\\<script\\>局\\|试点');
      expect(line).toBe('| 市\\<script\\>局\\|试点 | 100 | 3 | 23 |  | -20 | 3 | 2 |');
      expect(line.split(/(?<!\\)\|/).length - 2).toBe(8);
    });
  });

  describe('given the annual table', () => {
    const table = handBuiltTable();

    it('when printed, the title names the year and the four sections are numbered 一 to 四 with the groups\' titles', () => {
      const html = tableToHtml(table);
      expect(html).toContain('<h1>2017年1-12月政务信息采用情况统计表</h1>');
      for (const heading of ['一、各县区人民政府', '二、市政府组成部门、直属机构及列入全市综合考评的单位', '三、中央、省驻玉单位', '四、其他单位']) {
        expect(html).toContain(`<h2>${heading}</h2>`);
        expect(tableToMarkdown(table)).toContain(`## ${heading}\n`);
      }
    });

    it('when printed, every section has the source\'s eight column headings', () => {
      const header = '<tr><th scope="col">单位</th><th scope="col">考核任务（分）</th><th scope="col">市办采用（条）</th><th scope="col">市办得分（分）</th><th scope="col">省办采用（条）</th><th scope="col">加（减）分（分）</th><th scope="col">得分（分）</th><th scope="col">排名</th></tr>';
      expect(tableToHtml(table).split(header).length - 1).toBe(4);
      expect(tableToMarkdown(table)).toContain('| 单位 | 考核任务（分） | 市办采用（条） | 市办得分（分） | 省办采用（条） | 加（减）分（分） | 得分（分） | 排名 |');
    });

    it('when printed as a page, it is a self-contained UTF-8 zh-CN document with an A4 print stylesheet', () => {
      const html = tableToHtml(table);
      expect(html.startsWith('<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">')).toBe(true);
      expect(html).toMatch(/@page \{ size: A4;/);
      expect(html).toMatch(/break-before: page/);
      expect(html).not.toMatch(/<script|<link|src=/);
    });

    it('when asked for a fragment, it is the same table without the page around it', () => {
      const fragment = tableToHtmlFragment(table);
      expect(fragment.startsWith('<article class="ledger-table">')).toBe(true);
      expect(fragment).not.toMatch(/<html|<head|<body|<style/);
      expect(tableToHtml(table)).toContain(fragment);
    });
  });

  describe('given a month\'s view', () => {
    const view = handBuiltMonthly();

    it('when printed, the title names the month and the units with zero adoptions are listed', () => {
      const html = monthlyToHtml(view);
      expect(html).toContain('<h1>2017年3月政务信息采用情况统计表</h1>');
      expect(html).toContain('<p class="note">3月信息采用为零的单位：市地税局、市政府研究室。</p>');
      expect(monthlyToMarkdown(view)).toContain('\n\n3月信息采用为零的单位：市地税局、市政府研究室。\n\n');
    });

    it('when no unit had zero adoptions, the list reads 无', () => {
      expect(monthlyToHtml({ ...view, zeroAdoption: [] })).toContain('<p class="note">3月信息采用为零的单位：无</p>');
    });
  });
});

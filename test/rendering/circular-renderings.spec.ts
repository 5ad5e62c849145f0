import { circularLayout, circularToCsv, circularToHtml, circularToHtmlFragment, circularToMarkdown, IncompleteCircularError, tableToCsv } from '../../libs/rendering';
import { annualCircular, assessmentCircular, failingCircular, handBuiltTable, monthlyCircular } from './hand-built';

/** The <p> paragraphs of the letter, in order. */
function paragraphs(html: string): string[] {
  return [...html.matchAll(/<p(?: class="[^"]*")?>(.*?)<\/p>/g)].map((m) => m[1]);
}

describe('circulars for people', () => {
  describe('given the failing circular for three units below target', () => {
    const content = failingCircular();

    it('when printed, each unit is one sentence in the 2018 circular\'s words', () => {
      const lines = [
        '市发展改革委：年度工作目标考核任务分值400分，2017年1月1日-12月31日完成373分。',
        '市环境保护局：年度工作目标考核任务分值300分，2017年1月1日-12月31日完成196分。',
        '市地税局：年度工作目标考核任务分值300分，2017年1月1日-12月31日完成121分。',
      ];
      const html = paragraphs(circularToHtml(content));
      const start = html.indexOf(lines[0]);
      expect(start).toBeGreaterThan(0);
      expect(html.slice(start, start + 3)).toEqual(lines);
      for (const line of lines) expect(circularToMarkdown(content).split('\n')).toContain(line);
    });

    it('when printed, the title names the first unit and the count', () => {
      expect(circularToHtml(content)).toContain('<h1>玉溪市人民政府办公室关于对未完成2017年度政府系统政务信息工作目标考核任务的市发展改革委等3个单位的通报</h1>');
    });

    it('when printed, the letter carries the heading, document number, issuer and issue date', () => {
      expect(paragraphs(circularToHtml(content))).toEqual(
        expect.arrayContaining(['玉 溪 市 人 民 政 府 办 公 室', '玉政办发〔2018〕50号', '各县区人民政府，市直各委、办、局，各人民团体和企事业单位，中央、省驻玉单位：', '玉溪市人民政府办公室', '2018年1月23日']),
      );
    });

    it('when written as CSV, there is one record per unit with its target and achieved score', () => {
      expect(circularToCsv(content)).toBe('unit,target,achieved\n市发展改革委,400,373\n市环境保护局,300,196\n市地税局,300,121\n');
    });

    it('when only one unit fell short, the title names it without a count', () => {
      expect(circularLayout(failingCircular([{ unitId: 'u', unit: '市政府研究室', group: 'city_department', target: 200, achieved: 20 }])).title).toBe('玉溪市人民政府办公室关于对未完成2017年度政府系统政务信息工作目标考核任务的市政府研究室的通报');
    });
  });

  describe("given the office's own attachments and disclosure note (content version 4)", () => {
    const content = { ...failingCircular(), paragraphs: ['请上述单位认真整改。'], attachments: ['领导批示抄清', '2017年度考核办法的通知'], disclosure: '此件公开发布' };

    it('when printed, the attachments are numbered after the paragraphs and the note closes the letter under the date, as in the source', () => {
      const html = paragraphs(circularToHtml(content));
      const start = html.indexOf('请上述单位认真整改。');
      expect(html.slice(start)).toEqual(['请上述单位认真整改。', '附件：1．领导批示抄清', '2．2017年度考核办法的通知', '玉溪市人民政府办公室', '2018年1月23日', '（此件公开发布）']);
      expect(circularToMarkdown(content)).toContain('附件：1．领导批示抄清\n\n2．2017年度考核办法的通知\n\n玉溪市人民政府办公室\n\n2018年1月23日\n\n（此件公开发布）\n');
    });

    it('when there is one attachment, it is printed without a number', () => {
      expect(circularLayout({ ...failingCircular(), attachments: ['领导批示抄清'] }).attachments).toEqual(['附件：领导批示抄清']);
    });

    it("when the ledger attaches a table too, the table comes first in the list and is still printed after the letter", () => {
      const layout = circularLayout({ ...annualCircular(), attachments: ['领导批示抄清'] });
      expect(layout.attachments).toEqual(['附件：1．2017年1－12月政务信息采用情况统计表', '2．领导批示抄清']);
      expect(layout.table).not.toBeNull();
      expect(layout.disclosure).toBeNull();
    });
  });

  describe('given the annual circular', () => {
    const content = annualCircular();

    it('when printed, the letter is the source\'s 附件3: title, addressees, the counts and the units below target joined by 、', () => {
      const html = paragraphs(circularToHtml(content));
      expect(circularToHtml(content)).toContain('<h1>2017年1－12月政府系统各县区、各部门政务信息任务完成情况通报</h1>');
      expect(html).toContain('各县区人民政府，市直各委、办、局，中央、省驻玉有关单位：');
      expect(html).toContain('1－12月市政府办公室共收到各县区、各部门报送的信息8547篇，各刊物采用2427篇。');
      expect(html).toContain('1－12月未完成考核任务的单位：市发展改革委、市环境保护局、市地税局。');
      expect(html).toContain('2018年1月16日');
    });

    it('when no unit fell short, the list reads 无', () => {
      expect(paragraphs(circularToHtml(annualCircular([])))).toContain('1－12月未完成考核任务的单位：无');
    });

    it('when printed, the table follows the letter, on its own page', () => {
      const html = circularToHtml(content);
      expect(html.indexOf('</section>\n<article class="ledger-table">')).toBeGreaterThan(html.indexOf('2018年1月16日'));
      expect(html).toContain('.letter + .ledger-table { break-before: page;');
      expect(html).toContain('<h2>四、其他单位</h2>');
    });

    it('when asked for a fragment, it has no page around it', () => {
      const fragment = circularToHtmlFragment(content);
      expect(fragment.startsWith('<article class="ledger-circular">')).toBe(true);
      expect(fragment).not.toMatch(/<html|<body/);
    });

    it('when written as CSV, it is the table\'s CSV', () => {
      expect(circularToCsv(content)).toBe(tableToCsv(handBuiltTable()));
    });

    it('when its table is missing, rendering names the missing part instead of printing half a circular', () => {
      expect(() => circularToHtml({ ...content, table: undefined })).toThrow(IncompleteCircularError);
      expect(() => circularToHtml({ ...content, table: undefined })).toThrow(/^table: /);
    });
  });

  describe('given the monthly circular', () => {
    const content = monthlyCircular();

    it('when printed, it lists the units with zero adoptions that month and attaches the month\'s table', () => {
      const html = circularToHtml(content);
      expect(html).toContain('<h1>2017年3月政府系统各县区、各部门政务信息任务完成情况通报</h1>');
      expect(paragraphs(html)).toContain('3月信息采用为零的单位：市地税局、市政府研究室。');
      expect(html).toContain('<h1>2017年3月政务信息采用情况统计表</h1>');
    });

    it('when written as CSV, it is the month\'s table CSV', () => {
      expect(circularToCsv(content)).toBe(tableToCsv(content.monthly!));
    });
  });

  describe('given the assessment circular', () => {
    const content = assessmentCircular();

    it('when printed, each unit below target is listed with its 年度综合考核 deduction', () => {
      const html = paragraphs(circularToHtml(content));
      expect(html).toContain('市发展改革委：年度工作目标考核任务分值400分，2017年1月1日-12月31日完成373分，年度综合考核扣1分。');
      expect(html).toContain('市地税局：年度工作目标考核任务分值300分，2017年1月1日-12月31日完成121分，年度综合考核扣1分。');
    });

    it('when written as CSV, the deduction is a fourth column', () => {
      expect(circularToCsv(content).split('\n').slice(0, 2)).toEqual(['unit,target,achieved,deduction', '市发展改革委,400,373,-1']);
    });
  });

  describe('given a unit name with markup in a circular', () => {
    it('when printed as HTML, it is escaped in the letter too', () => {
      const content = failingCircular([{ unitId: 'u', unit: '市<b>局', group: 'city_department', target: 100, achieved: 1 }]);
      const html = circularToHtml(content);
      expect(html).toContain('<p>市&lt;b&gt;局：年度工作目标考核任务分值100分，2017年1月1日-12月31日完成1分。</p>');
      expect(html).not.toContain('<b>');
    });
  });
});

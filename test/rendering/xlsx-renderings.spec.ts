import { Workbook, type Worksheet } from 'exceljs';
import { circularToXlsx, monthlyToXlsx, tableToXlsx } from '../../libs/rendering';
import { annualCircular, failingCircular, handBuiltMonthly, handBuiltTable } from './hand-built';
import JSZip from 'jszip';

async function readBack(buffer: Buffer): Promise<Workbook> {
  const workbook = new Workbook();
  // exceljs types its input as its own Buffer interface; a Node Buffer is what it reads
  await workbook.xlsx.load(buffer as unknown as Parameters<Workbook['xlsx']['load']>[0]);
  return workbook;
}

/** The values of the row whose first cell is the unit's name, columns A to H. */
function rowOf(sheet: Worksheet, unit: string): unknown[] {
  for (let r = 1; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r);
    if (row.getCell(1).value === unit) return Array.from({ length: 8 }, (_, i) => row.getCell(i + 1).value);
  }
  throw new Error(`no row for ${unit}`);
}

function columnA(sheet: Worksheet): unknown[] {
  return Array.from({ length: sheet.rowCount }, (_, i) => sheet.getRow(i + 1).getCell(1).value);
}

/** Holds the clock still (only Date: exceljs's streams keep their real timers). */
function clockAt(iso: string): void {
  jest.useFakeTimers({ now: new Date(iso), doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
}

afterEach(() => jest.useRealTimers());

describe('the statistics table as a workbook', () => {
  describe('given a table with zero provincial adoptions and bonus for 江川区', () => {
    it('when read back, those cells have no value while a zero in 市办采用 is the number 0', async () => {
      const sheet = (await readBack(await tableToXlsx(handBuiltTable()))).getWorksheet('统计表')!;
      expect(rowOf(sheet, '江川区')).toEqual(['江川区', 500, 76, 568, null, null, 568, 2]);
      expect(rowOf(sheet, '市地税局')).toEqual(['市地税局', 300, 0, 0, null, null, 0, 1]);
      expect(rowOf(sheet, '市<script>局|试点')).toEqual(['市<script>局|试点', 100, 3, 23, null, -20, 3, 2]);
      expect(rowOf(sheet, '市委编办')).toEqual(['市委编办', null, 12, 130, 1, 30, 160, null]);
    });

    it('when read back, the title is merged across the eight columns and each section has its title and headings', async () => {
      const sheet = (await readBack(await tableToXlsx(handBuiltTable()))).getWorksheet('统计表')!;
      expect(sheet.getCell('A1').value).toBe('2017年1-12月政务信息采用情况统计表');
      expect(sheet.model.merges).toContain('A1:H1');
      const a = columnA(sheet);
      for (const heading of ['一、各县区人民政府', '二、市政府组成部门、直属机构及列入全市综合考评的单位', '三、中央、省驻玉单位', '四、其他单位']) {
        const at = a.indexOf(heading) + 1;
        expect(at).toBeGreaterThan(1);
        expect(sheet.model.merges).toContain(`A${at}:H${at}`);
        expect(sheet.getRow(at + 1).getCell(5).value).toBe('省办采用（条）');
        expect(sheet.getRow(at + 1).getCell(8).value).toBe('排名');
      }
    });

    it('when read back, the ruled cells have borders, the name column is the widest and the sheet prints on A4', async () => {
      const sheet = (await readBack(await tableToXlsx(handBuiltTable()))).getWorksheet('统计表')!;
      const a = columnA(sheet);
      const blank = sheet.getRow(a.indexOf('江川区') + 1).getCell(5);
      expect(blank.border?.left?.style).toBe('thin');
      expect(blank.border?.bottom?.style).toBe('thin');
      expect(sheet.getColumn(1).width).toBeGreaterThan(sheet.getColumn(2).width ?? 0);
      expect(sheet.pageSetup.paperSize).toBe(9);
      expect(sheet.headerFooter.oddFooter).toBe('&C第 &P 页，共 &N 页');
    });

    it('when read back, the workbook is dated by the table\'s as-of time, not by the clock', async () => {
      clockAt('2031-06-01T12:00:00.000Z');
      const workbook = await readBack(await tableToXlsx(handBuiltTable()));
      expect(workbook.created.toISOString()).toBe('2018-01-15T09:30:00.000Z');
      expect(workbook.modified.toISOString()).toBe('2018-01-15T09:30:00.000Z');
      expect(workbook.creator).toBe('ledger');
      expect(workbook.title).toMatch(/政务信息采用情况统计表$/);
    });
  });

  describe('given the same table rendered twice', () => {
    it('when the clock has moved between them, the two workbooks are still byte-identical', async () => {
      clockAt('2031-06-01T12:00:00.000Z');
      const first = await tableToXlsx(handBuiltTable());
      clockAt('2033-02-17T13:17:42.000Z');
      const second = await tableToXlsx(handBuiltTable());
      expect(first.equals(second)).toBe(true);
    });

    it('every zip entry carries the workbook\'s own date, not the clock\'s', async () => {
      clockAt('2031-06-01T12:00:00.000Z');
      const zip = await JSZip.loadAsync(await tableToXlsx(handBuiltTable()));
      const dates = Object.values(zip.files).map((f) => f.date.toISOString().slice(0, 10));
      expect(new Set(dates)).toEqual(new Set([handBuiltTable().asOf.recordedAt!.slice(0, 10)]));
    });
  });
});

describe('the monthly view as a workbook', () => {
  it('given a month\'s view, when read back, the zero-adoption units are listed above the month\'s table', async () => {
    const sheet = (await readBack(await monthlyToXlsx(handBuiltMonthly()))).getWorksheet('统计表')!;
    expect(sheet.getCell('A1').value).toBe('3月信息采用为零的单位：市地税局、市政府研究室。');
    expect(sheet.getCell('A2').value).toBe('2017年3月政务信息采用情况统计表');
    expect(rowOf(sheet, '江川区')).toEqual(['江川区', null, 76, 568, null, null, 568, 2]);
  });
});

describe('a circular as a workbook', () => {
  it('given the annual circular, when read back, the letter comes first and the table follows with the same blanks', async () => {
    const sheet = (await readBack(await circularToXlsx(annualCircular()))).getWorksheet('通报')!;
    const a = columnA(sheet);
    expect(a.slice(0, 3)).toEqual(['玉 溪 市 人 民 政 府 办 公 室', '玉政办发〔2018〕3号', '2017年1－12月政府系统各县区、各部门政务信息任务完成情况通报']);
    expect(a).toContain('1－12月未完成考核任务的单位：市发展改革委、市环境保护局、市地税局。');
    expect(a.indexOf('2017年1-12月政务信息采用情况统计表')).toBeGreaterThan(a.indexOf('2018年1月16日'));
    expect(sheet.model.merges).toContain('A1:H1');
    expect(rowOf(sheet, '江川区')).toEqual(['江川区', 500, 76, 568, null, null, 568, 2]);
  });

  it('given the failing circular, when read back, each unit\'s sentence is one row, and the workbook is dated by the issue date', async () => {
    clockAt('2031-06-01T12:00:00.000Z');
    const workbook = await readBack(await circularToXlsx(failingCircular()));
    expect(columnA(workbook.getWorksheet('通报')!)).toContain('市发展改革委：年度工作目标考核任务分值400分，2017年1月1日-12月31日完成373分。');
    expect(workbook.created.toISOString()).toBe('2018-01-23T00:00:00.000Z');
  });

  it("given the office's own attachments and disclosure note, when read back, they are rows after the body and under the date", async () => {
    const a = columnA((await readBack(await circularToXlsx({ ...failingCircular(), attachments: ['领导批示抄清', '考核办法的通知'], disclosure: '此件公开发布' }))).getWorksheet('通报')!);
    const start = a.indexOf('附件：1．领导批示抄清');
    expect(start).toBeGreaterThan(a.indexOf('市地税局：年度工作目标考核任务分值300分，2017年1月1日-12月31日完成121分。'));
    expect(a.slice(start).filter((cell) => cell !== null && cell !== undefined && cell !== '')).toEqual(['附件：1．领导批示抄清', '2．考核办法的通知', '玉溪市人民政府办公室', '2018年1月23日', '（此件公开发布）']);
  });
});

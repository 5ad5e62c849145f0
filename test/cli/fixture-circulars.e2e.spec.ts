import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { digestOf } from '../../libs/canonical';
import { ledger, ROOT, tempStore } from './run-ledger';

const PUBLISHED_CSV = join(ROOT, 'test/fixtures/data/yuxi-2017-annual-table.csv');

/** The printed table's blanks in 省办采用 and 加（减）分 are zeros in the data formats (SPEC section 4). */
function asData(csvLine: string): string {
  const cells = csvLine.split(',');
  for (const i of [6, 7]) if (cells[i] === '') cells[i] = '0';
  return cells.join(',');
}

describe('ledger fixture 2017 | ledger import -, then circulars, reconcile and restatement', () => {
  const { url } = tempStore();
  const run = (args: string[], input?: string) => ledger(args, { store: url, input });
  let fixture: string;
  let annual: { circularId: string; position: number };
  let failing: { circularId: string; position: number };

  beforeAll(() => {
    const written = ledger(['fixture', '2017']);
    expect(written.status).toBe(0);
    fixture = written.stdout;
    // As the README's credentialed setup goes: a token first, then the import (the credential sits in the same file).
    expect(run(['token', 'create', '--role', 'admin', '--name', '管理员'])).toMatchObject({ status: 0 });
    expect(run(['import', '-'], fixture)).toMatchObject({ status: 0 });
    const list = JSON.parse(run(['circular', 'list']).stdout) as Array<{ circularId: string; kind: string; position: number; document: string }>;
    expect(list.map((c) => [c.kind, c.document])).toEqual([
      ['annual', '玉政办信息通报〔2018〕1号'],
      ['failing', '玉政办发〔2018〕50号'],
    ]);
    [annual, failing] = list;
  }, 60_000);

  it('circular list of one kind or period', () => {
    expect((JSON.parse(run(['circular', 'list', '--kind', 'failing']).stdout) as Array<{ kind: string }>).map((c) => c.kind)).toEqual(['failing']);
    expect(JSON.parse(run(['circular', 'list', '--period', '2016']).stdout)).toEqual([]);
    expect(run(['circular', 'list', '--kind', 'weekly'])).toMatchObject({ status: 2, stderr: '--kind: must be one of annual, failing, monthly, assessment\n' });
  });

  it('the table as of the 2018-01-16 circular is the published one but for the cell reconcile reports', () => {
    const csv = run(['table', '--year', '2017', '--as-of', String(annual.position), '--format', 'csv']).stdout.trim().split('\n');
    const published = readFileSync(PUBLISHED_CSV, 'utf8').trim().split(/\r?\n/).map(asData);
    const differing = csv.filter((line, i) => line !== published[i]);
    expect(differing).toEqual(['二,city_department,市财政局,400,39,366,1,95,461,7']);

    const reconciled = run(['reconcile', '--year', '2017', '--as-of', String(annual.position), PUBLISHED_CSV]);
    expect(reconciled.status).toBe(1);
    expect(reconciled.stdout).toBe(`line 17: 市财政局 total: published 455, ledger 461\n1 cells differ (as of position ${annual.position})\n`);
  });

  it('the 2017 notice gives no award bands: the empty awards view says why on stderr', () => {
    const awards = run(['awards', '--year', '2017']);
    expect(JSON.parse(awards.stdout).groups).toEqual([]);
    expect(awards.stderr).toMatch(/^note: scheme yuxi-2017 v\d+ gives no award bands \(awards: \[\{ group, bands \}\]\): no unit is awarded\n$/);
  });

  it('the restatement shows the published cell beside the current one with the facts that changed it', () => {
    // Before the settlement below: these are the late fact's and the correction's effects alone.
    const restated = JSON.parse(run(['circular', 'restatement', annual.circularId]).stdout) as { units: Array<{ unit: string; cells: Array<{ cell: string; published: number; now: number }>; facts: Array<{ type: string }> }> };
    const yanjiushi = restated.units.find((u) => u.unit === '市政府研究室')!;
    expect(yanjiushi.cells).toEqual(expect.arrayContaining([{ cell: 'total', published: 20, now: 50 }]));
    expect(yanjiushi.facts.map((f) => f.type)).toContain('InformationAdopted');
    const jiancha = restated.units.find((u) => u.unit === '市监察局')!;
    expect(jiancha.cells).toEqual(expect.arrayContaining([{ cell: 'cityPoints', published: 63, now: 65 }]));
    // the correction once, naming the fact it corrects (it was listed twice, once without)
    expect(jiancha.facts.filter((f) => f.type === 'FactCorrected')).toEqual([expect.objectContaining({ corrects: expect.any(String) })]);
  });

  it('every circular verifies, also after the settlement and a new correction', () => {
    expect(run(['circular', 'verify', '--all'])).toMatchObject({ status: 0 });
    expect(run(['settle', '--year', '2017']).stdout).toMatch(/^settled 2017: appended \d+ settlement facts/);
    const fact = JSON.parse(fixture.split('\n').find((l) => l.includes('"InformationAdopted"') && l.includes('"xinping"'))!) as { id: string };
    const correction = { id: '0c0ffee0-0000-4000-8000-000000000001', type: 'FactCorrected', data: { correctedFactId: fact.id, correction: 'void', replacement: null, reason: '误录', validDate: '2018-06-01' }, metadata: { schemaVersion: 1 } };
    expect(run(['import', '-'], `${JSON.stringify(correction)}\n`)).toMatchObject({ status: 0 });
    const verified = run(['circular', 'verify', '--all']);
    expect(verified.status).toBe(0);
    expect(verified.stdout.split('\n').filter((l) => l.startsWith('ok '))).toHaveLength(2);
  });

  it('a failing circular restated: the units it names now beside the ones it named, with their scores (after the settlement above)', () => {
    type Restated = { kind: string; units: Array<{ unit: string; cells: Array<{ cell: string; published: number | null; now: number | null }>; facts: Array<{ type: string }> }> };
    const restated = JSON.parse(run(['circular', 'restatement', failing.circularId]).stdout) as Restated;
    expect(restated.kind).toBe('failing');
    // 市政府研究室: 20 of 200 published; the late provincial adoption (+30) and its quota settlement since
    const yanjiushi = restated.units.find((u) => u.unit === '市政府研究室')!;
    expect(yanjiushi.cells).toEqual([{ cell: 'achieved', published: 20, now: expect.any(Number) }]);
    expect(yanjiushi.facts.map((f) => f.type)).toEqual(expect.arrayContaining(['InformationAdopted', 'QuotaSettled']));
    // the settlement put units below target that the circular did not name: named now only
    const namedNow = restated.units.filter((u) => u.cells.some((c) => c.cell === 'achieved' && c.published === null && c.now !== null));
    expect(namedNow.length).toBeGreaterThan(0);
    expect(namedNow.every((u) => u.facts.some((f) => f.type === 'QuotaSettled'))).toBe(true);
    const text = run(['circular', 'restatement', failing.circularId, '--format', 'text']);
    expect(text.stdout).toContain('市政府研究室: achieved 20 → ');
  });

  it('issues a new circular, shows and verifies it; a bad request names the flag', () => {
    const issued = run(['circular', 'issue', '--kind', 'monthly', '--period', '2017-12', '--number', '玉政办信息通报〔2018〕2号', '--date', '2018-01-08']);
    expect(issued.status).toBe(0);
    const [id, digest] = issued.stdout.trim().split(' ');
    const shown = JSON.parse(run(['circular', 'show', id]).stdout);
    expect(digestOf(shown)).toBe(digest);
    expect(shown.monthly.month ?? shown.period).toBeDefined();
    expect(run(['circular', 'verify', id]).stdout).toBe(`ok ${id} ${digest}\n`);
    expect(run(['circular', 'issue', '--kind', 'weekly', '--period', '2017', '--number', '玉政办发〔2018〕9号', '--date', '2018-01-08'])).toMatchObject({ status: 2, stderr: '--kind: must be one of annual, failing, monthly, assessment\n' });
    expect(run(['circular', 'issue', '--kind', 'annual', '--period', '2017-13', '--number', '玉政办发〔2018〕9号', '--date', '2018-01-08']).status).toBe(2);
    expect(run(['circular', 'verify', 'no-such-circular']).status).toBe(2);
    // the office's own paragraphs, in order, after what the ledger derives; recorded, so it verifies
    const paragraphs = ['请上述单位于2018年3月30日前报送整改情况。', '整改情况将汇总报市政府督查室。'];
    const withParagraphs = run(['circular', 'issue', '--kind', 'failing', '--period', '2017', '--number', '玉政办发〔2018〕60号', '--date', '2018-03-20', '--paragraph', paragraphs[0], '--paragraph', paragraphs[1]]);
    expect(withParagraphs.status).toBe(0);
    const [paragraphed] = withParagraphs.stdout.trim().split(' ');
    expect(run(['circular', 'show', paragraphed, '--format', 'md']).stdout).toContain(`${paragraphs[0]}\n\n${paragraphs[1]}\n\n玉溪市人民政府办公室`);
    expect(run(['circular', 'verify', paragraphed]).status).toBe(0);
    // and its own attachments, numbered, and the disclosure note under the date
    const attached = run(['circular', 'issue', '--kind', 'assessment', '--period', '2017', '--number', '玉政办发〔2018〕63号', '--date', '2018-03-21', '--attachment', '领导批示抄清', '--attachment', '考核办法的通知', '--disclosure', '此件公开发布']);
    expect(attached.status).toBe(0);
    const [attachedId] = attached.stdout.trim().split(' ');
    expect(run(['circular', 'show', attachedId, '--format', 'md']).stdout).toContain('附件：1．领导批示抄清\n\n2．考核办法的通知\n\n玉溪市人民政府办公室\n\n2018年3月21日\n\n（此件公开发布）\n');
    expect(run(['circular', 'verify', attachedId]).status).toBe(0);
    expect(run(['circular', 'issue', '--kind', 'assessment', '--period', '2017', '--number', '玉政办发〔2018〕64号', '--date', '2018-03-21', '--disclosure', ' 公开'])).toMatchObject({ status: 2, stderr: '--disclosure: must be one line without surrounding spaces\n' });
    // a quarter, for schemes whose circulars cover quarters: the view, and a circular of it
    const quarterView = JSON.parse(run(['monthly', '--month', '2017-Q1']).stdout);
    expect(quarterView).toMatchObject({ month: '2017-Q1', year: 2017 });
    const quarterly = run(['circular', 'issue', '--kind', 'monthly', '--period', '2017-Q1', '--number', '玉政办信息通报〔2017〕9号', '--date', '2017-04-05']);
    expect(quarterly.status).toBe(0);
    const [quarterId] = quarterly.stdout.trim().split(' ');
    const printed = run(['circular', 'show', quarterId, '--format', 'md']).stdout;
    expect(printed).toContain('2017年1－3月政府系统各县区、各部门政务信息任务完成情况通报');
    expect(printed).toContain('1－3月信息采用为零的单位：');
    expect(printed).toContain('2017年1-3月政务信息采用情况统计表');
    expect(run(['circular', 'verify', quarterId]).status).toBe(0);
    expect(run(['monthly', '--month', '2017-Q5'])).toMatchObject({ status: 2, stderr: '--month: 2017-Q5 is not a month (YYYY-MM), a quarter (YYYY-Q1) or merged months (YYYY-01/02)\n' });
  });

  it('a circular whose published content the ledger does not derive fails verification, naming the cells', () => {
    const shown = JSON.parse(run(['circular', 'show', annual.circularId]).stdout);
    const forged = structuredClone(shown);
    forged.table.groups[0].rows[0].total = 1450; // 新平县
    const line = fixture.split('\n').find((l) => l.includes(`"circularId":"${annual.circularId}"`))!;
    const original = JSON.parse(line);
    const fact = {
      id: '0c0ffee0-0000-4000-8000-000000000002',
      type: 'CircularIssued',
      data: { ...original.data, circularId: '0c0ffee0-0000-4000-8000-000000000002', content: forged, digest: digestOf(forged) },
      metadata: { schemaVersion: 1 },
    };
    expect(run(['import', '-'], `${JSON.stringify(fact)}\n`)).toMatchObject({ status: 0 });
    const verified = run(['circular', 'verify', fact.id]);
    expect(verified.status).toBe(1);
    expect(verified.stdout).toContain('DIFFERS');
    expect(verified.stdout).toContain('table.groups[0].rows[0].total: published 1450, now 1451');
  });
});

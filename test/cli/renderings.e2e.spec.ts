import { join } from 'node:path';
import { ledger, ROOT, tempStore } from './run-ledger';

const SAMPLE = join(ROOT, 'examples/facts-sample.ndjson');
/** Every xlsx is a zip archive: its first local file header. */
const ZIP_START = 'PK\u0003\u0004';

describe('ledger table / monthly / circular show render for people on the sample ledger', () => {
  const { url } = tempStore();
  const run = (args: string[]) => ledger(args, { store: url });
  beforeAll(() => {
    expect(run(['import', SAMPLE]).status).toBe(0);
  });

  it('given the sample, when the table is asked as html, md or xlsx, each is printed with exit 0', () => {
    const html = run(['table', '--year', '2017', '--format', 'html']);
    expect(html.status).toBe(0);
    expect(html.stdout.startsWith('<!DOCTYPE html>\n<html lang="zh-CN">')).toBe(true);
    expect(html.stdout).toContain('<h1>2017年1-12月政务信息采用情况统计表</h1>');
    const md = run(['table', '--year', '2017', '--format', 'md']);
    expect(md).toMatchObject({ status: 0, stderr: '' });
    expect(md.stdout.startsWith('# 2017年1-12月政务信息采用情况统计表\n\n## 一、')).toBe(true);
    const xlsx = run(['table', '--year', '2017', '--format', 'xlsx']);
    expect(xlsx.status).toBe(0);
    expect(xlsx.stdout.startsWith(ZIP_START)).toBe(true);
  });

  it('given the sample, when the table is asked in an unknown format, it is refused naming the formats', () => {
    expect(run(['table', '--year', '2017', '--format', 'pdf'])).toMatchObject({ status: 2, stderr: '--format: must be one of json, csv, html, xlsx, md\n' });
  });

  it('given the sample, when a month is asked as html, md or xlsx, the zero-adoption list comes with its table', () => {
    const zero = JSON.parse(run(['monthly', '--month', '2017-03']).stdout).zeroAdoption as Array<{ unit: string }>;
    const list = zero.length === 0 ? '无' : `${zero.map((z) => z.unit).join('、')}。`;
    const html = run(['monthly', '--month', '2017-03', '--format', 'html']);
    expect(html.status).toBe(0);
    expect(html.stdout).toContain(`3月信息采用为零的单位：${list}`);
    expect(run(['monthly', '--month', '2017-03', '--format', 'md']).stdout.startsWith('# 2017年3月政务信息采用情况统计表\n')).toBe(true);
    expect(run(['monthly', '--month', '2017-03', '--format', 'xlsx']).stdout.startsWith(ZIP_START)).toBe(true);
  });

  it('given the issued failing circular, when shown without a format, the canonical JSON is printed as --format json prints it', () => {
    const plain = run(['circular', 'show', 'failing-2017']);
    expect(plain.status).toBe(0);
    expect(run(['circular', 'show', 'failing-2017', '--format', 'json']).stdout).toBe(plain.stdout);
    expect(JSON.parse(plain.stdout).kind).toBe('failing');
  });

  it('given the issued failing circular, when shown as html, md, csv or xlsx, each unit below target is in it', () => {
    const content = JSON.parse(run(['circular', 'show', 'failing-2017']).stdout) as { belowTarget: Array<{ unit: string; target: number; achieved: number }> };
    const first = content.belowTarget[0];
    const sentence = `${first.unit}：年度工作目标考核任务分值${first.target}分，2017年1月1日-12月31日完成${first.achieved}分。`;
    const html = run(['circular', 'show', 'failing-2017', '--format', 'html']);
    expect(html.status).toBe(0);
    expect(html.stdout).toContain(`<p>${sentence}</p>`);
    expect(html.stdout).toContain('玉政办发〔2018〕50号');
    expect(run(['circular', 'show', 'failing-2017', '--format', 'md']).stdout.split('\n')).toContain(sentence);
    const csv = run(['circular', 'show', 'failing-2017', '--format', 'csv']).stdout.split('\n');
    expect(csv.slice(0, 2)).toEqual(['unit,target,achieved', `${first.unit},${first.target},${first.achieved}`]);
    expect(csv.length - 2).toBe(content.belowTarget.length);
    expect(run(['circular', 'show', 'failing-2017', '--format', 'xlsx']).stdout.startsWith(ZIP_START)).toBe(true);
    expect(run(['circular', 'show', 'failing-2017', '--format', 'pdf'])).toMatchObject({ status: 2, stderr: '--format: must be one of json, html, xlsx, csv, md\n' });
  });
});

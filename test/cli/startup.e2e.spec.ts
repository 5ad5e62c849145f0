import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ledger, ROOT, tempStore } from './run-ledger';

/**
 * exceljs and JSZip (with the zip readers and writers they pull in) take about half a second to
 * load, so only a command that writes a spreadsheet loads them: `ledger head` or a CSV table,
 * which scripts call many times, do not pay for them.
 */
describe('what a command loads', () => {
  const { url } = tempStore();
  beforeAll(() => expect(ledger(['import', '-'], { store: url, input: '' }).status).toBe(0)); // an empty ledger (reads need one)

  /** The files of node_modules/<pkg> loaded by the time `ledger <args>` exits. */
  function loaded(pkg: string, args: string[]): string[] {
    const bin = join(ROOT, 'bin/ledger.js');
    const script = [
      `process.on('exit', () => process.stderr.write('\\n' + JSON.stringify(Object.keys(require.cache))));`,
      `process.argv = [process.execPath, ${JSON.stringify(bin)}, ...${JSON.stringify(args)}];`,
      `require(${JSON.stringify(bin)});`,
    ].join('\n');
    const result = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LEDGER_STORE: url } });
    expect(result.status).toBe(0);
    const files = JSON.parse(result.stderr.trim().split('\n').pop()!) as string[];
    return files.filter((file) => file.includes(`/node_modules/${pkg}/`));
  }

  it('a spreadsheet loads exceljs; the head and a CSV table do not', () => {
    expect(loaded('exceljs', ['table', '--year', '2017', '--format', 'xlsx']).length).toBeGreaterThan(0);
    expect(loaded('exceljs', ['head'])).toEqual([]);
    expect(loaded('exceljs', ['table', '--year', '2017', '--format', 'csv'])).toEqual([]);
  });
});

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

  /** The files under `dir` (node_modules/exceljs, dist/apps/api) loaded by the time `ledger <args>` exits. */
  function loaded(dir: string, args: string[]): string[] {
    const bin = join(ROOT, 'bin/ledger.js');
    const script = [
      `process.on('exit', () => process.stderr.write('\\n' + JSON.stringify(Object.keys(require.cache))));`,
      `process.argv = [process.execPath, ${JSON.stringify(bin)}, ...${JSON.stringify(args)}];`,
      `require(${JSON.stringify(bin)});`,
    ].join('\n');
    const result = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LEDGER_STORE: url } });
    expect(result.status).toBe(0);
    const files = JSON.parse(result.stderr.trim().split('\n').pop()!) as string[];
    return files.filter((file) => file.includes(`/${dir}/`));
  }

  it('a spreadsheet loads exceljs; the head and a CSV table do not', () => {
    expect(loaded('node_modules/exceljs', ['table', '--year', '2017', '--format', 'xlsx']).length).toBeGreaterThan(0);
    expect(loaded('node_modules/exceljs', ['head'])).toEqual([]);
    expect(loaded('node_modules/exceljs', ['table', '--year', '2017', '--format', 'csv'])).toEqual([]);
  });

  it('only serve loads the API (Express, Swagger, the pages): the head loads none of its files', () => {
    // (a build that imported it at the top of the serve command loaded 26 of them here)
    expect(loaded('dist/apps/api', ['head'])).toEqual([]);
  });
});

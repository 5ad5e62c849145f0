import { ledger, tempStore } from './run-ledger';
import { awardFacts } from '../support/award-ledger';

/** `ledger awards` over a county ledger imported as an office would (every fact validated). */
describe('ledger awards', () => {
  const store = tempStore().url;
  const facts = awardFacts([{ award: '一等奖', count: 1 }, { award: '二等奖', count: 2 }]);
  beforeAll(() => {
    const imported = ledger(['import', '-'], { store, input: facts.map((f) => JSON.stringify(f)).join('\n') });
    expect(imported).toMatchObject({ status: 0, stdout: `appended ${facts.length}, skipped 0 (head ${facts.length})\n` });
  });

  it('prints the bands with the units awarded, as JSON and as CSV, as of the head or an earlier position', () => {
    const json = JSON.parse(ledger(['awards', '--year', '2017'], { store }).stdout);
    expect(json.groups.map((g: { bands: Array<{ award: string; units: Array<{ unit: string }> }> }) => g.bands.map((b) => [b.award, b.units.map((u) => u.unit)]))).toEqual([
      [['一等奖', ['城关镇']], ['二等奖', ['北城镇', '研和镇']]],
      [['一等奖', ['县财政局']]],
    ]);
    expect(ledger(['awards', '--year', '2017', '--format', 'csv'], { store }).stdout).toBe(
      'group,award,unit,rank,target,total\ntownship,一等奖,城关镇,1,20,24\ntownship,二等奖,北城镇,2,20,20\ntownship,二等奖,研和镇,2,8,20\ncounty_department,一等奖,县财政局,1,4,4\n',
    );
    const before = ledger(['awards', '--year', '2017', '--as-of', String(facts.length - 1), '--format', 'csv'], { store }).stdout;
    expect(before).toBe('group,award,unit,rank,target,total\ntownship,一等奖,北城镇,1,20,20\ntownship,一等奖,研和镇,1,8,20\ncounty_department,一等奖,县财政局,1,4,4\n');
  });

  it('refuses a bad year or format with one line naming the flag', () => {
    expect(ledger(['awards'], { store })).toMatchObject({ status: 2, stderr: '--year: is required (e.g. --year 2017)\n' });
    expect(ledger(['awards', '--year', '2017', '--format', 'xlsx'], { store })).toMatchObject({ status: 2, stderr: '--format: must be one of json, csv\n' });
  });
});

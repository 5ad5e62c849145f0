import { FactTable, instantKey } from '../../projections';
import { adoption } from '../support/builders';

describe('recorded times spelled differently', () => {
  it('are one instant to instantKey, and an as-of time finds the facts recorded at it whatever their spelling', () => {
    expect(['2017-03-05T08:00:00Z', '2017-03-05T08:00:00.000Z', '2017-03-05T08:00:00.000000Z'].map(instantKey)).toEqual(Array(3).fill('2017-03-05T08:00:00.000Z'));
    expect(instantKey('2017-03-05T08:00:00.5Z')).toBe('2017-03-05T08:00:00.500Z');
    const table = new FactTable();
    const at = (recordedAt: string) => ({ ...adoption('xinping'), metadata: { schemaVersion: 1, recordedAt, recordedBy: 'staff:李' } });
    ['2017-03-05T08:00:00Z', '2017-03-05T08:00:00.5Z', '2017-03-05T08:00:01Z'].forEach((recordedAt, i) => table.add(at(recordedAt), i + 1));
    expect(table.lastRecordedBy('2017-03-05T08:00:00.000Z')).toBe(1); // as text, '…00Z' > '…00.000Z' would have found none
    expect(table.lastRecordedBy('2017-03-05T08:00:00.999Z')).toBe(2);
    expect(table.lastRecordedBy('2017-03-05T08:00:01.000Z')).toBe(3);
  });
});

import { explanationToText } from '../../libs/rendering';
import type { Explanation } from '../../projections';

describe('an explanation as printable text', () => {
  it("prints one line per item with its points, running total, rule and corrections, naming what a correction of a correction corrects", () => {
    const explanation: Explanation = {
      unitId: 'xinping',
      unit: '新平县',
      year: 2017,
      month: null,
      asOf: { position: 9, recordedAt: '2017-06-20T02:00:00.000Z' },
      total: 10,
      items: [
        {
          factId: 'a1',
          kind: 'InformationAdopted',
          validDate: '2017-03-02',
          recordedAt: '2017-03-05T02:00:00.000Z',
          recordedBy: 'staff:li',
          rule: '《玉溪要情》信息：10',
          schemeVersion: 1,
          points: 10,
          runningTotal: 10,
          corrections: [
            { factId: 'r1', corrects: 'a1', correction: 'replace', reason: '类别录错', position: 7, recordedAt: '2017-06-01T02:00:00.000Z', recordedBy: 'staff:li', live: false },
            { factId: 'v1', corrects: 'r1', correction: 'void', reason: '更正有误', position: 8, recordedAt: '2017-06-20T02:00:00.000Z', recordedBy: 'staff:wang', live: true },
          ],
        },
      ],
    };
    const text = explanationToText(explanation);
    expect(text).toContain('2017-03-02     10      10  InformationAdopted');
    expect(text).toContain('a1 [replace r1 (voided): 类别录错] [void v1 of r1: 更正有误]');
  });
});

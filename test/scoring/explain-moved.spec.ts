import { annualTable, explain, explainByRescoring } from '../../projections';
import { adoption, factOf, smallLedger } from '../support/builders';
import { modelOf } from '../support/model';

/**
 * A correction can move a fact to another unit or date (SPEC.md section 6: auditors see the
 * original, every correction and the effect of each on every score). The unit it was taken from
 * keeps a 0-point item saying where it counts now, in the period it was recorded for; the unit
 * it went to gets the fact's points.
 */
describe('an explanation shows a fact a correction moved out of the unit or the period', () => {
  const base = smallLedger();
  const adopted = adoption('xinping', { validDate: '2017-03-02', publication: 'L', category: 'item' }); // 10 points
  const toHbj = factOf('FactCorrected', { correctedFactId: adopted.id, correction: 'replace', replacement: { ...adopted.data, unitId: '市环保局', validDate: '2017-04-02' }, reason: '单位录错', validDate: '2017-04-05' });
  const later = adoption('xinping', { validDate: '2017-03-09', publication: 'O', category: 'brief' }); // 3 points
  const toMay = factOf('FactCorrected', { correctedFactId: later.id, correction: 'replace', replacement: { ...later.data, validDate: '2017-05-09' }, reason: '日期录错', validDate: '2017-05-10' });
  const model = modelOf([...base, adopted, later, toHbj, toMay]);
  const [beforeCorrections, head] = [base.length + 2, model.position];
  const rules = (unit: string, month: string | null, p = head) => explain(model, unit, 2017, month, p).items.map((i) => [i.factId, i.validDate, i.points, i.rule]);

  it('the unit it was taken from: 0 points, where it counts now, the correction; the year and the month alike', () => {
    const moved = [adopted.id, '2017-03-02', 0, '更正后不计入本单位（现记于市环境保护局，2017-04-02）'];
    expect(rules('xinping', '2017-03')).toEqual([moved, [later.id, '2017-03-09', 0, '更正后不计入本期（现记于2017-05-09）']]);
    expect(rules('xinping', null)).toEqual([moved, [later.id, '2017-05-09', 3, expect.any(String)]]);
    const item = explain(model, 'xinping', 2017, '2017-03', head).items[0];
    expect(item.corrections).toEqual([expect.objectContaining({ factId: toHbj.id, correction: 'replace', reason: '单位录错', live: true })]);
  });

  it('the unit it went to gets its points, and every explanation still sums to the table, as the full re-score gives it', () => {
    expect(rules('hbj', '2017-04')).toEqual([[adopted.id, '2017-04-02', 10, expect.any(String)]]);
    expect(rules('hbj', '2017-03')).toEqual([]);
    const rows = annualTable(model, 2017, head).groups.flatMap((g) => g.rows);
    for (const unit of ['xinping', 'hbj']) {
      const explanation = explain(model, unit, 2017, null, head);
      expect(explanation.total).toBe(rows.find((r) => r.unitId === unit)!.total);
      expect(explanation).toEqual(explainByRescoring(model, unit, 2017, null, head));
    }
  });

  it('a submission where the scheme pays none for submitting had no item to lose: nothing is shown for it', () => {
    const submitted = factOf('InformationSubmitted', { itemId: 'piece-1', unitId: 'xinping', title: '报送', validDate: '2017-03-03' });
    const elsewhere = factOf('FactCorrected', { correctedFactId: submitted.id, correction: 'replace', replacement: { ...submitted.data, unitId: 'hbj' }, reason: '单位录错', validDate: '2017-03-04' });
    const m = modelOf([...base, submitted, elsewhere]);
    expect(explain(m, 'xinping', 2017, null, m.position).items).toEqual([]);
  });

  it('voiding the replacement brings the fact back, with its points; voiding the moved fact itself keeps it moved, marked void', () => {
    const undo = factOf('FactCorrected', { correctedFactId: toHbj.id, correction: 'void', replacement: null, reason: '更正有误', validDate: '2017-06-01' });
    const back = modelOf([...base, adopted, later, toHbj, toMay, undo]);
    expect(explain(back, 'xinping', 2017, '2017-03', back.position).items.map((i) => [i.factId, i.points])).toEqual([[adopted.id, 10], [later.id, 0]]);
    const gone = factOf('FactCorrected', { correctedFactId: adopted.id, correction: 'void', replacement: null, reason: '重复录入', validDate: '2017-06-01' });
    const voided = modelOf([...base, adopted, later, toHbj, toMay, gone]);
    expect(explain(voided, 'xinping', 2017, '2017-03', voided.position).items[0]).toMatchObject({ factId: adopted.id, points: 0, rule: '更正后不计入本单位（现记于市环境保护局，2017-04-02），已作废' });
  });

  it('as of a position before the corrections, the facts count where they were recorded', () => {
    expect(rules('xinping', '2017-03', beforeCorrections)).toEqual([
      [adopted.id, '2017-03-02', 10, expect.any(String)],
      [later.id, '2017-03-09', 3, expect.any(String)],
    ]);
  });
});

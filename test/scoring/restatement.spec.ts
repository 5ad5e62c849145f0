import { circularContent, restatedContent, type CircularRequest } from '../../projections';
import { adoption, factOf, smallLedger } from '../support/builders';
import { modelOf } from '../support/model';

/**
 * Every kind of circular restated: as published (at its position) beside the same circular derived
 * now, with the facts recorded since that made each unit's difference.
 */
describe('restating a monthly and an assessment circular', () => {
  const base = smallLedger();
  const march = adoption('xinping', { validDate: '2017-03-02' }); // 新平县 has an adoption in March; 市环境保护局 none
  const late = adoption('hbj', { validDate: '2017-03-20', publication: 'O', category: 'brief' }); // recorded after the circular
  const model = modelOf([...base, march, late]);
  const [issuedAt, head] = [base.length + 1, model.position];
  const request = (kind: CircularRequest['kind'], period: string): CircularRequest => ({ kind, period, document: { issuer: '玉政办信息通报', year: 2018, number: 1 }, issueDate: '2018-01-10' });
  const restate = (r: CircularRequest) => restatedContent(model, circularContent(model, r, issuedAt), circularContent(model, r, head));

  it('monthly: a unit named with zero adoptions that a late adoption took off the list, with its table cells and the fact', () => {
    const [hbj, ...others] = restate(request('monthly', '2017-03'));
    expect(others).toEqual([]);
    expect(hbj).toMatchObject({ unitId: 'hbj', unit: '市环境保护局' });
    expect(hbj.cells).toEqual([
      { cell: 'cityAdopted', published: 0, now: 1 },
      { cell: 'cityPoints', published: 0, now: 3 },
      { cell: 'total', published: 0, now: 3 },
      { cell: 'zeroAdoption', published: true, now: false },
    ]);
    expect(hbj.facts.map((f) => f.id)).toEqual([late.id]);
  });

  it('assessment: the deduction list published beside now; one that facts recorded since leave as it was restates to nothing', () => {
    const units = restate(request('assessment', '2017'));
    // both are below target before and after; 市环境保护局 achieved 0, now 3
    expect(units.map((u) => [u.unitId, u.cells])).toEqual([['hbj', [{ cell: 'achieved', published: 0, now: 3 }]]]);
    // facts recorded since that change none of its figures restate to nothing
    const unrelated = modelOf([...base, march, factOf('UnitRegistered', { unitId: 'tjj', name: '市统计局', aliases: [], validDate: '2017-03-01' })]);
    const r = request('assessment', '2017');
    expect(restatedContent(unrelated, circularContent(unrelated, r, issuedAt), circularContent(unrelated, r, unrelated.position))).toEqual([]);
  });

  it('annual: a unit its 重大失误 sentence names now (a late reporting failure), with the table cells it changed', () => {
    const failure = factOf('ReportingFailureRecorded', { unitId: 'hbj', failure: 'late', description: '迟报', validDate: '2017-05-01' });
    const more = modelOf([...base, march, failure]);
    const r = request('annual', '2017');
    const units = restatedContent(more, circularContent(more, r, issuedAt), circularContent(more, r, more.position));
    expect(units.map((u) => [u.unitId, u.cells.map((c) => c.cell)])).toEqual([['hbj', ['bonus', 'total', 'seriousError']]]);
    expect(units[0].cells.at(-1)).toEqual({ cell: 'seriousError', published: false, now: true });
    expect(units[0].facts.map((f) => f.id)).toEqual([failure.id]);
  });

  it('failing: a named unit\'s achieved score as published beside now (a deduction recorded since)', () => {
    const done = factOf('FalseInformationRecorded', { unitId: 'xinping', itemId: null, points: -30, description: '失实', validDate: '2017-04-01' });
    const more = modelOf([...base, march, done]);
    const r = request('failing', '2017');
    const units = restatedContent(more, circularContent(more, r, base.length + 1), circularContent(more, r, more.position));
    expect(units.find((u) => u.unitId === 'xinping')!.cells).toEqual([{ cell: 'achieved', published: 10, now: -20 }]);
  });
});

import * as fc from 'fast-check';
import { FACT_KINDS } from '../../events';
import { history, historyByScan } from '../../projections';
import { countyWorld, Recording, stepsArbitrary, yuxiWorld, type World } from '../support/ledger-arbitraries';
import { adoption, factOf, smallLedger } from '../support/builders';
import { modelOf } from '../support/model';

/**
 * `history` decodes only the facts that can match (by kind, and for a unit the facts its names are
 * indexed under plus the other kinds); `historyByScan` reads every fact. They must give the same
 * entries for any query, as of any position.
 */
const WORLDS: World[] = [yuxiWorld(), countyWorld()];
const RUNS = Number(process.env.PROPERTY_RUNS ?? 30);

describe.each(WORLDS.map((w) => [w.label, w] as const))('history over random %s ledgers', (_label, world) => {
  it('equals the full scan for every unit name, kind, date range and recorded-after position, as of random positions', () => {
    const dates = fc.option(fc.constantFrom('2017-01', '2017-03-15', '2017-06', '2017-12-31', '2018-01'), { nil: undefined });
    fc.assert(
      fc.property(stepsArbitrary, fc.nat(), fc.option(fc.nat(), { nil: undefined }), fc.option(fc.constantFrom(...FACT_KINDS), { nil: undefined }), dates, dates, (steps, pick, since, type, from, to) => {
        const { facts } = Recording.of(world, steps);
        const model = modelOf(facts);
        const p = pick % (model.position + 1);
        const after = since === undefined ? undefined : since % (model.position + 1);
        for (const unit of [undefined, 'no-such-unit', ...model.names.keys()]) {
          const query = { unit, type, from, to, after };
          expect(history(model, query, p)).toEqual(historyByScan(model, query, p));
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('history of a unit includes the corrections of its facts', () => {
  const adopted = adoption('xinping', { validDate: '2017-03-02' });
  const moved = factOf('FactCorrected', { correctedFactId: adopted.id, correction: 'replace', replacement: { ...adopted.data, unitId: '市环保局' }, reason: '单位录错', validDate: '2017-03-03' });
  const undone = factOf('FactCorrected', { correctedFactId: moved.id, correction: 'void', replacement: null, reason: '更正有误', validDate: '2017-03-04' });
  const [scheme, ...registry] = smallLedger();
  const schemeVoid = factOf('FactCorrected', { correctedFactId: scheme.id, correction: 'void', replacement: null, reason: 'x', validDate: '2017-03-05' });
  const model = modelOf([scheme, ...registry, adopted, moved, undone, schemeVoid]);
  const corrections = (unit: string, p = model.position) => history(model, { unit, type: 'FactCorrected' }, p).map((e) => e.id);

  it('a replacement that moves a fact from one unit to another concerns both, and so do the fact and a correction of it, even once voided', () => {
    expect(corrections('xinping')).toEqual([moved.id, undone.id]);
    expect(corrections('市环境保护局')).toEqual([moved.id, undone.id]); // by any of its names
    expect(history(model, { unit: 'hbj' }, model.position).map((e) => e.id)).toEqual(expect.arrayContaining([adopted.id, moved.id, undone.id]));
  });

  it('a correction of a fact that names no unit concerns none, and a view as of a position before a correction lists none', () => {
    expect(corrections('xinping')).not.toContain(schemeVoid.id);
    expect(corrections('hbj', 6)).toEqual([]); // before the replacement was recorded, nothing moved the adoption to hbj
    expect(corrections('xinping', 6)).toEqual([]);
    expect(history(model, { unit: 'hbj' }, 6).map((e) => e.id)).not.toContain(adopted.id);
  });
});

describe('history shows each fact as recorded, the content in force, and what each correction gave it', () => {
  const adopted = adoption('xinping', { validDate: '2017-03-02', category: 'item' });
  const moved = factOf('FactCorrected', { correctedFactId: adopted.id, correction: 'replace', replacement: { ...adopted.data, unitId: 'hbj', validDate: '2017-04-02' }, reason: '单位录错', validDate: '2017-04-03' });
  const undone = factOf('FactCorrected', { correctedFactId: moved.id, correction: 'void', replacement: null, reason: '更正有误', validDate: '2017-04-04' });
  const base = smallLedger();
  const model = modelOf([...base, adopted, moved, undone]);
  const [adoptedAt, movedAt, undoneAt] = [base.length + 1, base.length + 2, base.length + 3];
  const entryOf = (p: number) => history(model, { type: 'InformationAdopted' }, p).find((e) => e.id === adopted.id)!;

  it('while the replacement is live: the data as recorded, the replacement in force, its date the one filtered on', () => {
    const entry = entryOf(movedAt);
    expect(entry.data).toMatchObject({ unitId: 'xinping', validDate: '2017-03-02' });
    expect(entry.inForce).toMatchObject({ unitId: 'hbj', validDate: '2017-04-02' });
    expect(entry.validDate).toBe('2017-04-02');
    expect(entry.corrections).toEqual([
      { factId: moved.id, position: movedAt, correction: 'replace', reason: '单位录错', recordedAt: expect.any(String), recordedBy: expect.any(String), live: true, replacement: expect.objectContaining({ unitId: 'hbj' }) },
    ]);
    expect(history(model, { type: 'InformationAdopted', from: '2017-04' }, movedAt).map((e) => e.id)).toContain(adopted.id);
  });

  it('once the replacement is voided: in force as recorded again (null), and the replacement shown voided', () => {
    const entry = entryOf(undoneAt);
    expect(entry.data).toMatchObject({ unitId: 'xinping', validDate: '2017-03-02' });
    expect(entry.inForce).toBeNull();
    expect(entry.validDate).toBe('2017-03-02');
    expect(entry.corrections.map((c) => [c.factId, c.live, (c.replacement as { unitId?: string } | null)?.unitId])).toEqual([[moved.id, false, 'hbj']]);
    expect(entryOf(adoptedAt)).toMatchObject({ inForce: null, corrections: [] });
  });

  it('after: only what was recorded after a position (what changed since)', () => {
    expect(history(model, { after: adoptedAt }, model.position).map((e) => e.position)).toEqual([movedAt, undoneAt]);
    expect(history(model, { after: undoneAt }, model.position)).toEqual([]);
    expect(history(model, { after: 0 }, model.position)).toHaveLength(model.position);
  });
});

describe('history prints the facts the same whatever order their fields were given in', () => {
  it("writes every object's keys in canonical order, as the export does", () => {
    const adopted = adoption('xinping', { contributors: ['hbj'] });
    const reversed = (value: Record<string, unknown>) => Object.fromEntries(Object.entries(value).reverse());
    const given = { ...adopted, data: reversed(adopted.data) } as typeof adopted;
    const base = smallLedger();
    const [as, bs] = [modelOf([...base, adopted]), modelOf([...base, given])];
    const [a, b] = [history(as, { unit: 'xinping' }, as.position), history(bs, { unit: 'xinping' }, bs.position)];
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(Object.keys(b.at(-1)!.data)).toEqual(['category', 'commissionId', 'contributors', 'itemId', 'level', 'publication', 'unitId', 'validDate']);
  });
});

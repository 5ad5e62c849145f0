import * as fc from 'fast-check';
import { FACT_KINDS } from '../../events';
import { history, historyByScan } from '../../projections';
import { countyWorld, Recording, stepsArbitrary, yuxiWorld, type World } from '../support/ledger-arbitraries';
import { modelOf } from '../support/model';

/**
 * `history` decodes only the facts that can match (by kind, and for a unit the facts its names are
 * indexed under plus the other kinds); `historyByScan` reads every fact. They must give the same
 * entries for any query, as of any position.
 */
const WORLDS: World[] = [yuxiWorld(), countyWorld()];
const RUNS = Number(process.env.PROPERTY_RUNS ?? 30);

describe.each(WORLDS.map((w) => [w.label, w] as const))('history over random %s ledgers', (_label, world) => {
  it('equals the full scan for every unit name, kind and date range, as of random positions', () => {
    const dates = fc.option(fc.constantFrom('2017-01', '2017-03-15', '2017-06', '2017-12-31', '2018-01'), { nil: undefined });
    fc.assert(
      fc.property(stepsArbitrary, fc.nat(), fc.option(fc.constantFrom(...FACT_KINDS), { nil: undefined }), dates, dates, (steps, pick, type, from, to) => {
        const { facts } = Recording.of(world, steps);
        const model = modelOf(facts);
        const p = pick % (model.position + 1);
        for (const unit of [undefined, 'no-such-unit', ...model.names.keys()]) {
          const query = { unit, type, from, to };
          expect(history(model, query, p)).toEqual(historyByScan(model, query, p));
        }
      }),
      { numRuns: RUNS },
    );
  });
});

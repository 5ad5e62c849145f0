import * as fc from 'fast-check';
import { deserialize, serialize } from 'node:v8';
import { annualTable, evolveScoringModel, explain, explainByRescoring, initialScoringModel, restoreScoringModel, snapshotScoringModel, type ScoringModel } from '../../projections';
import { factOf } from '../support/builders';
import { countyLedger } from '../support/county-scheme';
import { countyWorld, Recording, stepsArbitrary, yuxiWorld, type World } from '../support/ledger-arbitraries';
import { modelOf, recordAll } from '../support/model';

/**
 * `explain` scores only the unit's own facts and the groups their rules read; `explainByRescoring`
 * scores every fact of the year and keeps the unit's lines (what explain did before). They must
 * agree on every figure: items, order, rules, running totals, corrections and total.
 */
const WORLDS: World[] = [yuxiWorld(), countyWorld()];
const RUNS = Number(process.env.PROPERTY_RUNS ?? 30);

const month = (m: number) => `2017-${String(m).padStart(2, '0')}`;
const unitsOf = (world: World) => world.base.flatMap((f) => (f.type === 'UnitRegistered' ? [f.data.unitId, f.data.name, ...f.data.aliases] : []));

/** The explanation, or the error it throws. */
function outcome(run: typeof explain, model: ScoringModel, unit: string, m: string | null, p: number): unknown {
  try {
    return run(model, unit, 2017, m, p);
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : error;
  }
}

/** As a checkpoint would hand it back (node:v8 serialize of the snapshot, as apps/projections/checkpoint-file.ts writes it). */
/** Each key's positions, sorted (the order within a key is not meaningful). */
const keyed = (related: ScoringModel['related']) => new Map([...related.entries()].map(([key, positions]) => [key, [...positions].sort((a, b) => a - b)]));

const restored = (model: ScoringModel) => restoreScoringModel(deserialize(serialize(snapshotScoringModel(model))) as ReturnType<typeof snapshotScoringModel>);

describe.each(WORLDS.map((w) => [w.label, w] as const))('explain equals the full re-scoring over random %s ledgers', (_label, world) => {
  it('for every unit (by any name), at random positions, annual, monthly and quarterly', () => {
    fc.assert(
      fc.property(stepsArbitrary, fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 12 }), (steps, picks, m) => {
        const { facts } = Recording.of(world, steps);
        const model = modelOf(facts);
        // Names added by the steps (aliases, renames) as well as the base registry.
        const names = [...new Set([...unitsOf(world), ...model.names.keys()])];
        for (const p of [model.position, ...picks.map((pick) => pick % (model.position + 1))]) {
          for (const unit of names) {
            for (const period of [null, month(m), `2017-Q${Math.ceil(m / 3)}`]) expect(outcome(explain, model, unit, period, p)).toEqual(outcome(explainByRescoring, model, unit, period, p));
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('after a checkpoint round trip, and folding on from one, and its total is the table total', () => {
    fc.assert(
      fc.property(stepsArbitrary, fc.nat(), (steps, pick) => {
        const { facts } = Recording.of(world, steps);
        const model = modelOf(facts);
        const p = pick % (model.position + 1);
        const again = restored(model);
        expect(keyed(again.related)).toEqual(keyed(model.related));
        expect([...again.facts.values()]).toEqual([...model.facts.values()]);
        const rows = annualTable(model, 2017, p).groups.flatMap((g) => g.rows);
        for (const row of rows) {
          const expected = explainByRescoring(model, row.unitId, 2017, null, p);
          expect(explain(again, row.unitId, 2017, null, p)).toEqual(expected);
          expect(expected.total).toBe(row.total);
        }
        // Restored at p, then folding on: the same index and the same explanations.
        const recorded = recordAll(facts);
        const resumed = restored(recorded.slice(0, p).reduce(evolveScoringModel, initialScoringModel()));
        for (const fact of recorded.slice(p)) evolveScoringModel(resumed, fact);
        expect(keyed(resumed.related)).toEqual(keyed(model.related));
        for (const row of rows) expect(explain(resumed, row.unitId, 2017, null, p)).toEqual(explainByRescoring(model, row.unitId, 2017, null, p));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('explain on the county scheme ledger', () => {
  const ledger = countyLedger();
  const item = (n: number) => `county-item-${n}`;
  const adopt = (n: number, unitId: string, level: string, validDate: string, rest: Record<string, unknown> = {}) =>
    factOf('InformationAdopted', { itemId: item(n), unitId, level, publication: level === 'county' ? 'X' : null, category: level === 'county' ? 'item' : null, commissionId: null, contributors: [], validDate, ...rest });
  const adoptions = [
    adopt(1, 'chengguan', 'county', '2017-02-03'),
    adopt(1, 'chengguan', 'province', '2017-03-04'),
    adopt(1, 'chengguan', 'county', '2017-05-06', { category: 'lead' }),
    adopt(2, 'beicheng', 'prefecture', '2017-04-01', { contributors: ['chengguan', 'yanhe'] }),
    adopt(2, 'beicheng', 'county', '2017-06-01'),
  ];
  const facts = [...ledger, ...adoptions, factOf('FactCorrected', { correctedFactId: adoptions[2].id, correction: 'replace', replacement: { ...adoptions[2].data, unitId: 'yanhe' }, reason: '单位录错', validDate: '2017-12-31' })];

  it('gives, for every unit and every position, the explanation of the full re-scoring', () => {
    const model = modelOf(facts);
    const units = [...model.units.keys()];
    for (let p = 0; p <= model.position; p++) {
      for (const unit of units) for (const period of [null, '2017-03', '2017-05']) expect(outcome(explain, model, unit, period, p)).toEqual(outcome(explainByRescoring, model, unit, period, p));
    }
  });

  it('finds a fact replaced onto another unit under that unit too, and the unit it was taken from shows it with 0 points', () => {
    const model = modelOf(facts);
    const yanhe = explain(model, 'yanhe', 2017, null, model.position);
    expect(yanhe.items.map((i) => i.factId)).toContain(adoptions[2].id);
    const taken = explain(model, 'chengguan', 2017, null, model.position).items.filter((i) => i.factId === adoptions[2].id);
    expect(taken).toEqual([expect.objectContaining({ points: 0, rule: expect.stringMatching(/^更正后不计入本单位（现记于/) })]);
  });
});

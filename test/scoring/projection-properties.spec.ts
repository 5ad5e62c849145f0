import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { readCheckpoint } from '../../apps/projections/checkpoint-file';
import { ScoringProjection } from '../../apps/projections/scoring-projection';
import type { LedgerFact, RecordedFact } from '../../events';
import { Ledger, ledgerFactAt } from '../../libs/ledger';
import { MemoryStore } from '../../libs/store';
import { annualTable, evolveScoringModel, explain, initialScoringModel, monthlyView, type ScoringModel } from '../../projections';
import { countyWorld, NEIGHBOUR_YEARS, Recording, stepsArbitrary, yuxiWorld, type World } from '../support/ledger-arbitraries';

/**
 * The real incremental path (STYLE.md: incremental fold equals rebuild): facts appended through
 * the Ledger to a store in batches, folded by the projection runner from the store's catch-up
 * subscription and kept in its score index, stopped at a checkpoint and started again from it.
 * Its views as of any position p are those of a model folded from scratch from the first p facts.
 */
const WORLDS: World[] = [yuxiWorld(), countyWorld()];
/** Each run appends a ledger and runs two projections: PROPERTY_RUNS=200 for a deeper search. */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 50);
const staff = { actor: 'staff:test' };

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scoring-projection-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The facts in batches of the given sizes, taken in turn. */
function batchesOf(facts: readonly LedgerFact[], sizes: readonly number[]): LedgerFact[][] {
  const batches: LedgerFact[][] = [];
  for (let i = 0, j = 0; i < facts.length; j++) {
    const size = sizes[j % sizes.length];
    batches.push(facts.slice(i, i + size));
    i += size;
  }
  return batches;
}

/** explain, or the error it throws (a unit not registered as of p is refused by both). */
function explained(model: ScoringModel, unitId: string, year: number, month: string | null, p: number): unknown {
  try {
    return explain(model, unitId, year, month, p);
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : error;
  }
}

const fromScratch = (recorded: readonly RecordedFact<LedgerFact>[], p: number) => recorded.slice(0, p).reduce(evolveScoringModel, initialScoringModel());
const unitsOf = (world: World) => world.base.flatMap((f) => (f.type === 'UnitRegistered' ? [f.data.unitId] : []));

describe.each(WORLDS.map((w) => [w.label, w] as const))('the scoring projection over random %s ledgers', (_label, world) => {
  let run = 0;

  it('appended in batches, stopped at a checkpoint and restarted from it, gives as of every p the views of folding the first p facts from scratch', async () => {
    const scenario = fc.record({
      steps: stepsArbitrary,
      sizes: fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 6 }),
      // three cuts, in batches: the first projection starts after the first, is stopped at the
      // second; the second projection starts from the checkpoint after the third and follows the rest live
      cuts: fc.tuple(fc.nat(), fc.nat(), fc.nat()),
      picks: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
      // mostly 2017; sometimes a year a replacement moved facts into
      year: fc.constantFrom(2017, 2017, ...NEIGHBOUR_YEARS),
      month: fc.integer({ min: 1, max: 12 }),
      unitId: fc.constantFrom(...unitsOf(world)),
    });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ steps, sizes, cuts, picks, year, month, unitId }) => {
        const { facts } = Recording.of(world, steps);
        const batches = batchesOf(facts, sizes);
        const [started, stopped, restarted] = cuts.map((c) => c % (batches.length + 1)).sort((a, b) => a - b);
        let time = Date.UTC(2018, 0, 5);
        const store = new MemoryStore();
        const ledger = new Ledger(store, { now: () => new Date((time += 60_000)) });
        const checkpointPath = join(dir, `${world.schemeId}-${run++}.ckpt`);
        const projections: ScoringProjection[] = [];
        const append = async (from: number, to: number, following?: ScoringProjection) => {
          for (const batch of batches.slice(from, to)) {
            const { head } = await ledger.append(
              batch.map((fact) => ({ fact })),
              staff,
            );
            await following?.waitFor(head);
          }
        };
        try {
          // given the first projection, caught up and then following live appends
          await append(0, started);
          const first = new ScoringProjection(store, { checkpointPath });
          projections.push(first);
          await first.start();
          await append(started, stopped, first);
          // when it is stopped at a checkpoint, and facts are appended while nothing folds them
          await first.checkpoint(true);
          first.stop();
          const cut = first.model.position;
          expect(cut).toBe(await ledger.head());
          expect(readCheckpoint(checkpointPath)?.position).toBe(cut === 0 ? undefined : cut);
          await append(stopped, restarted);
          // then the second starts from the checkpoint, reads only what came after it, and follows the rest
          const second = new ScoringProjection(store, { checkpointPath });
          projections.push(second);
          const subscribe = jest.spyOn(store, 'subscribeToAll');
          await second.start();
          expect(subscribe.mock.calls[0]).toEqual([{ after: cut === 0 ? undefined : (await ledgerFactAt(store, cut))!.position }]);
          subscribe.mockRestore();
          await append(restarted, batches.length, second);
          expect(second.model.position).toBe(facts.length);

          const recorded: RecordedFact<LedgerFact>[] = [];
          for await (const fact of ledger.read()) recorded.push(fact);
          const m = `${year}-${String(month).padStart(2, '0')}`;
          for (const p of new Set([facts.length, cut, ...picks.map((pick) => pick % (facts.length + 1))])) {
            const rebuilt = fromScratch(recorded, p);
            expect([p, annualTable(second.model, year, p, second.index)]).toEqual([p, annualTable(rebuilt, year, p)]);
            expect([p, monthlyView(second.model, m, p, second.index)]).toEqual([p, monthlyView(rebuilt, m, p)]);
            expect([p, explained(second.model, unitId, year, null, p)]).toEqual([p, explained(rebuilt, unitId, year, null, p)]);
          }
        } finally {
          projections.forEach((projection) => projection.stop());
          ledger.close();
          rmSync(checkpointPath, { force: true });
        }
      }),
      { numRuns: RUNS },
    );
  });
});

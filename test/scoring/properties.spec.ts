import * as fc from 'fast-check';
import type { LedgerFact } from '../../events';
import { annualTable, circularContent, evolveScoringModel, explain, initialScoringModel, monthlyView, periodTable, ScoreIndex, scoredFactsAsOf, yearLines, type ScoringModel, type TableView } from '../../projections';
import { appendedHead } from '../support/accepted';
import { factOf } from '../support/builders';
import { countyWorld, factId, Recording, stepsArbitrary, yuxiWorld, type World } from '../support/ledger-arbitraries';
import { modelOf, recordAll } from '../support/model';

/**
 * Invariants of the scoring views over random valid ledgers (STYLE.md: incremental fold equals
 * rebuild; a view as of position p ignores every fact after p; explanation items sum to the
 * score), for the Yuxi-like scheme and for the county scheme alike.
 */
const WORLDS: World[] = [yuxiWorld(), countyWorld()];
/** Modest by default so the suite runs in seconds; PROPERTY_RUNS=500 for a deeper search. */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 30);

const month = (m: number) => `2017-${String(m).padStart(2, '0')}`;
const unitIds = (table: TableView) => table.groups.flatMap((g) => g.rows.map((r) => r.unitId));
const unitsOf = (world: World) => world.base.flatMap((f) => (f.type === 'UnitRegistered' ? [f.data.unitId] : []));

/** explain, or the error it throws (a unit not registered as of p is refused in both models). */
function explained(model: ScoringModel, unitId: string, m: string | null, p: number): unknown {
  try {
    return explain(model, unitId, 2017, m, p);
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : error;
  }
}

const withoutAsOf = (table: TableView) => ({ ...table, asOf: null });

describe.each(WORLDS.map((w) => [w.label, w] as const))('scoring invariants over random %s ledgers', (_label, world) => {
  it('the generator makes valid ledgers: the office checks accept every fact of every one', async () => {
    await fc.assert(
      fc.asyncProperty(stepsArbitrary, async (steps) => {
        const { facts } = Recording.of(world, steps);
        expect(await appendedHead(facts)).toBe(facts.length);
      }),
      { numRuns: Math.max(10, Math.round(RUNS / 2)) },
    );
  });

  it('a view as of position p ignores every fact after p', () => {
    fc.assert(
      fc.property(stepsArbitrary, fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 12 }), fc.constantFrom(...unitsOf(world)), (steps, picks, m, unitId) => {
        const { facts } = Recording.of(world, steps);
        const full = modelOf(facts);
        for (const pick of picks) {
          const p = pick % (facts.length + 1);
          const prefix = modelOf(facts.slice(0, p));
          expect(annualTable(full, 2017, p)).toEqual(annualTable(prefix, 2017, p));
          expect(monthlyView(full, month(m), p)).toEqual(monthlyView(prefix, month(m), p));
          expect(explained(full, unitId, null, p)).toEqual(explained(prefix, unitId, null, p));
          expect(explained(full, unitId, month(m), p)).toEqual(explained(prefix, unitId, month(m), p));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('explanation items sum to the total of every unit in the annual table and in a monthly view', () => {
    fc.assert(
      fc.property(stepsArbitrary, fc.integer({ min: 1, max: 12 }), (steps, m) => {
        const { facts } = Recording.of(world, steps);
        const model = modelOf(facts);
        const p = model.position;
        for (const [period, table] of [[null, annualTable(model, 2017, p)], [month(m), monthlyView(model, month(m), p)]] as const) {
          for (const row of table.groups.flatMap((g) => g.rows)) {
            const explanation = explain(model, row.unitId, 2017, period, p);
            const sum = explanation.items.reduce((total, item) => total + item.points, 0);
            expect([row.unitId, period, explanation.total, sum]).toEqual([row.unitId, period, row.total, row.total]);
            expect(explanation.items.at(-1)?.runningTotal ?? 0).toBe(row.total);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('folding one fact at a time gives, at every step, the views of a model rebuilt from that prefix', () => {
    fc.assert(
      fc.property(stepsArbitrary, (steps) => {
        const { facts } = Recording.of(world, steps);
        const recorded = recordAll(facts);
        const incremental = initialScoringModel();
        recorded.forEach((fact, i) => {
          evolveScoringModel(incremental, fact);
          const rebuilt = recorded.slice(0, i + 1).reduce(evolveScoringModel, initialScoringModel());
          expect(annualTable(incremental, 2017, incremental.position)).toEqual(annualTable(rebuilt, 2017, rebuilt.position));
        });
        const units = unitIds(annualTable(incremental, 2017, incremental.position));
        const rebuilt = modelOf(facts);
        for (const unitId of units) expect(explain(incremental, unitId, 2017, null, incremental.position)).toEqual(explain(rebuilt, unitId, 2017, null, rebuilt.position));
      }),
      { numRuns: RUNS },
    );
  });

  it('the score index, kept fact by fact, gives the tables of re-scoring from the facts, at the head and as of every earlier position', () => {
    fc.assert(
      fc.property(stepsArbitrary, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 4 }), (steps, m, q) => {
        const { facts } = Recording.of(world, steps);
        const model = initialScoringModel();
        const index = new ScoreIndex();
        const quarter = { year: 2017, fromMonth: 3 * q - 2, toMonth: 3 * q };
        for (const fact of recordAll(facts)) {
          evolveScoringModel(model, fact);
          index.apply(model, fact);
          expect(annualTable(model, 2017, model.position, index)).toEqual(annualTable(model, 2017, model.position));
        }
        for (let p = 0; p <= model.position; p++) {
          expect(annualTable(model, 2017, p, index)).toEqual(annualTable(model, 2017, p));
          expect(monthlyView(model, month(m), p, index)).toEqual(monthlyView(model, month(m), p));
          expect(periodTable(model, quarter, p, index)).toEqual(periodTable(model, quarter, p));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("the annual circular's header and named units, read by kind and from the index, equal those of the year's lines", () => {
    const request = { kind: 'annual' as const, period: '2017', document: { issuer: '玉政办信息通报', year: 2018, number: 1 }, issueDate: '2018-01-16' };
    fc.assert(
      fc.property(stepsArbitrary, (steps) => {
        const { facts } = Recording.of(world, steps);
        const model = initialScoringModel();
        const index = new ScoreIndex();
        for (const fact of recordAll(facts)) index.apply(evolveScoringModel(model, fact), fact);
        for (let p = 0; p <= model.position; p++) {
          const content = circularContent(model, request, p, index);
          expect(content).toEqual(circularContent(model, request, p));
          // The reference: every live line of the year.
          const lines = yearLines(model, 2017, p).lines.filter((line) => line.live);
          const inTable = new Set(content.table!.groups.flatMap((g) => g.rows.map((r) => r.unitId)));
          const unitsOf = (kinds: string[]) => [...new Set(lines.filter((l) => kinds.includes(l.kind) && inTable.has(l.unitId)).map((l) => l.unitId))].sort();
          expect(content.seriousErrors!.map((u) => u.unitId).sort()).toEqual(unitsOf(['ReportingFailureRecorded', 'FalseInformationRecorded']));
          expect(content.lateCommissions!.map((u) => u.unitId).sort()).toEqual(unitsOf(['CommissionMissed']));
          const submissions = scoredFactsAsOf(model, p).filter((f) => f.live && f.fact.type === 'InformationSubmitted' && (f.fact.data as { validDate: string }).validDate.startsWith('2017-'));
          expect(content.received).toBe(submissions.length);
          expect(content.adopted).toBe(lines.filter((l) => l.kind === 'InformationAdopted' && l.column === 'city' && l.counted).length);
        }
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });

  it('voiding a scored fact and appending its content again as a new fact restores the table', () => {
    fc.assert(
      fc.property(stepsArbitrary, fc.nat(), (steps, pick) => {
        const recording = Recording.of(world, steps);
        // Same-day peers are left out: their order by position decides which one earns an
        // instruction or pays an item's difference, and the re-appended fact comes last.
        const candidates = recording.liveScored().filter(({ fact, data }) => !hasSameDayPeer(recording, fact, data));
        if (candidates.length === 0) return;
        const { fact, data } = candidates[pick % candidates.length];
        const { facts } = recording;
        const voided = factOf('FactCorrected', { correctedFactId: fact.id, correction: 'void', replacement: null, reason: '重录', validDate: '2017-12-31' }, factId(facts.length + 1));
        const again = { id: factId(facts.length + 2), type: fact.type, data, metadata: { schemaVersion: 1 } } as LedgerFact;
        const before = modelOf(facts);
        const after = modelOf([...facts, voided, again]);
        expect(withoutAsOf(annualTable(after, 2017, after.position))).toEqual(withoutAsOf(annualTable(before, 2017, before.position)));
      }),
      { numRuns: RUNS },
    );
  });

  it('the same facts give byte-identical views', () => {
    fc.assert(
      fc.property(stepsArbitrary, fc.integer({ min: 1, max: 12 }), (steps, m) => {
        const once = Recording.of(world, steps).facts;
        const twice = Recording.of(world, steps).facts;
        const [a, b] = [modelOf(once), modelOf(twice)];
        expect(JSON.stringify(annualTable(a, 2017, a.position))).toBe(JSON.stringify(annualTable(b, 2017, b.position)));
        expect(JSON.stringify(monthlyView(a, month(m), a.position))).toBe(JSON.stringify(monthlyView(b, month(m), b.position)));
      }),
      { numRuns: RUNS },
    );
  });
});

/** Another live adoption of the item, or instruction on the item at the level, on the same day. */
function hasSameDayPeer(recording: Recording, fact: LedgerFact, data: Record<string, unknown>): boolean {
  if (fact.type !== 'InformationAdopted' && fact.type !== 'LeaderInstructionRecorded') return false;
  return recording
    .liveScored()
    .some(
      (other) =>
        other.fact.id !== fact.id &&
        other.fact.type === fact.type &&
        other.data.itemId === data.itemId &&
        other.data.validDate === data.validDate &&
        (fact.type === 'InformationAdopted' || other.data.level === data.level),
    );
}

describe('registry facts as of p and under corrections', () => {
  const alias = factOf('UnitAliasAdded', { unitId: 'hbj', alias: '市环保', validDate: '2017-06-01' });
  const facts = [...yuxiWorld().base, factOf('InformationAdopted', { itemId: 'i', unitId: 'hbj', level: 'city', publication: 'L', category: 'item', commissionId: null, contributors: [], validDate: '2017-03-02' }), alias];

  // Found by property 1 when explain is asked by every name the ledger knows at its head: as of a
  // position before 市环保 was recorded, no unit was named 市环保, so the view must refuse it, as
  // a model built from that prefix does.
  it('explain as of p does not know a name recorded after p', () => {
    const before = facts.length - 1;
    expect(() => explain(modelOf(facts.slice(0, before)), '市环保', 2017, null, before)).toThrow('no registered unit is named 市环保');
    expect(() => explain(modelOf(facts), '市环保', 2017, null, before)).toThrow('no registered unit is named 市环保');
  });

  // SPEC.md section 6: a void corrects a fact away, and the ledger accepts a void of a UnitRenamed:
  // the table prints the name in force again.
  it('a voided rename no longer names the unit in the table', async () => {
    const rename = factOf('UnitRenamed', { unitId: 'hbj', name: '市生态环境局', validDate: '2017-06-01' });
    const renamed = [...facts, rename, factOf('FactCorrected', { correctedFactId: rename.id, correction: 'void', replacement: null, reason: '改名未生效', validDate: '2017-06-02' })];
    expect(await appendedHead(renamed)).toBe(renamed.length);
    const model = modelOf(renamed);
    const printed = (p: number) => annualTable(model, 2017, p).groups.flatMap((g) => g.rows).find((r) => r.unitId === 'hbj')!.unit;
    expect(printed(model.position - 1)).toBe('市生态环境局'); // before the void: holds today
    expect(printed(model.position)).toBe('市环境保护局');
  });
});

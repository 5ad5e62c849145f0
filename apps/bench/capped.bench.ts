import { parseArgs } from 'node:util';
import type { LedgerFact, RecordedFact } from '../../events';
import { COUNTY_SCHEME_ID, countyScheme } from '../../libs/fixtures/county-2017';
import { annualTable, evolveScoringModel, initialScoringModel, ScoreIndex } from '../../projections';
import { seededRandom } from './province-ledger';
import { markdownTable } from './report';

/**
 * Capped submission points (the county scheme: points for submitting at all, up to a yearly cap,
 * handed out in valid-date order) folded into the model and the score index, with submissions
 * recorded out of valid-date order as an office records them. The cost per submission must not
 * grow with the unit-year's pieces as re-scoring them all would. Run with the scheme's own cap
 * (reached after a few pieces) and with a cap no unit reaches (every later piece moves).
 */
export interface CappedBenchOptions {
  readonly submissions: number;
  readonly units: number;
  readonly seed: number;
  readonly print: (line: string) => void;
}

export const CAPPED_BENCH_DEFAULTS: CappedBenchOptions = { submissions: 20_000, units: 20, seed: 2017, print: (line) => console.log(line) };

/** `--submissions N --units N --seed N`. */
export function cappedBenchOptionsFrom(args: string[]): CappedBenchOptions {
  const names = ['submissions', 'units', 'seed'] as const;
  const { values } = parseArgs({ args, options: Object.fromEntries(names.map((n) => [n, { type: 'string' }])) as Record<(typeof names)[number], { type: 'string' }> });
  const count = (name: (typeof names)[number], min: number) => {
    const value = Number(values[name] ?? CAPPED_BENCH_DEFAULTS[name]);
    if (!Number.isInteger(value) || value < min) throw new RangeError(`--${name} must be an integer >= ${min}, got ${values[name]}`);
    return value;
  };
  return { ...CAPPED_BENCH_DEFAULTS, submissions: count('submissions', 1), units: count('units', 1), seed: count('seed', 0) };
}

/** The county scheme with the given yearly cap, its units enrolled as townships, then the submissions in random valid-date order. */
function cappedLedger(options: CappedBenchOptions, yearlyCap: number): RecordedFact<LedgerFact>[] {
  const rng = seededRandom(options.seed);
  const scheme = countyScheme({ submission: { pointsPerPiece: 2, yearlyCap } });
  const facts: Array<Omit<LedgerFact, 'metadata'> & { metadata?: unknown }> = [{ id: rng.uuid(), type: 'SchemePublished', data: { schemeId: COUNTY_SCHEME_ID, version: 1, validDate: '2017-01-01', scheme } }];
  const units = Array.from({ length: options.units }, (_, i) => `township-${String(i + 1).padStart(3, '0')}`);
  for (const unitId of units) facts.push({ id: rng.uuid(), type: 'UnitRegistered', data: { unitId, name: `第${unitId.slice(9)}镇`, aliases: [], validDate: '2017-01-01' } });
  for (const unitId of units) facts.push({ id: rng.uuid(), type: 'UnitEnrolled', data: { schemeId: COUNTY_SCHEME_ID, unitId, group: 'township', tier: 'township-60', validDate: '2017-01-01' } });
  for (let i = 0; i < options.submissions; i++) {
    const date = new Date(Date.UTC(2017, 0, 1) + rng.int(365) * 86_400_000).toISOString().slice(0, 10);
    facts.push({ id: rng.uuid(), type: 'InformationSubmitted', data: { itemId: `s-${i}`, unitId: rng.pick(units), title: '报送信息', validDate: date } });
  }
  const start = Date.UTC(2017, 0, 2);
  return facts.map((fact, i) => ({ ...fact, metadata: { schemaVersion: 1, recordedAt: new Date(start + i * 1000).toISOString(), recordedBy: 'bench', position: i + 1 } }) as RecordedFact<LedgerFact>);
}

export function runCappedBench(options: Partial<CappedBenchOptions> = {}): void {
  const settings = { ...CAPPED_BENCH_DEFAULTS, ...options };
  const { submissions, units, print } = settings;
  print(`capped submissions bench: ${submissions.toLocaleString('en-US')} submissions over ${units} units in random valid-date order, 2 points a piece`);
  const rows: string[][] = [];
  for (const cap of [5, 2 * submissions]) {
    const facts = cappedLedger(settings, cap);
    const model = initialScoringModel();
    const index = new ScoreIndex();
    const t = performance.now();
    for (const fact of facts) index.apply(evolveScoringModel(model, fact), fact);
    const seconds = (performance.now() - t) / 1000;
    // The index must give the table re-scoring gives.
    const same = JSON.stringify(annualTable(model, 2017, model.position, index)) === JSON.stringify(annualTable(model, 2017, model.position));
    const reached = cap === 5 ? 'reached after 3 pieces' : 'never reached';
    rows.push([`yearly cap ${cap} (${reached})`, `${seconds.toFixed(2)} s`, Math.round(facts.length / seconds).toLocaleString('en-US'), same ? 'equal' : 'DIFFERS']);
  }
  print(markdownTable(['case', 'fold + index', 'facts/s', 'indexed table vs re-scored'], rows));
}

import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import type { Subscription } from 'rxjs';
import type { LedgerFact, RecordedFact } from '../../events';
import { annualTable, evolveScoringModelEncoded, explain, initialScoringModel, type ScoringModel } from '../../projections';
import { FactTable } from '../../projections/fact-table';
import { addToLog, emptyLog, type DeltaLog } from '../../projections/scoring/delta-log';
import { encodedRecordedFact, LEDGER_STREAM, Ledger, toRecordedFact, type Candidate } from '../../libs/ledger';
import { SqliteStore, type StoredFact } from '../../libs/store';
import { validateFact } from '../../libs/validation';
import { ScoringProjection } from '../projections/scoring-projection';
import { provinceLedger, seededRandom, writeProvinceLedger } from './province-ledger';
import { figuresTable, formatNumber, loadAverage, peakRssMiB, type Figure } from './report';

/**
 * Replaying a province-scale ledger into the scoring model, measured against the raw read ceiling
 * of the same file in the same run, then as-of queries on the folded model, and start-up from a
 * checkpoint in a new process that is asked the same queries. The ledger is generated in a child
 * process (and a small one proven through the real Ledger first), so this process's peak memory is
 * that of the replay and what follows it.
 */
export interface ReplayBenchOptions {
  readonly facts: number;
  readonly seed: number;
  /** Random as-of positions for the table and for explanations. */
  readonly queries: number;
  /** Size of the self-check ledger run through validateFact + Ledger.append; 0 skips it. */
  readonly check: number;
  readonly print: (line: string) => void;
}

export const REPLAY_BENCH_DEFAULTS: ReplayBenchOptions = { facts: 1_000_000, seed: 2017, queries: 50, check: 20_000, print: (line) => console.log(line) };

/** `--facts N --seed N --queries N --check N`, or BENCH_FACTS / BENCH_SEED / BENCH_QUERIES / BENCH_CHECK. */
export function replayBenchOptionsFrom(args: string[], env: NodeJS.ProcessEnv = process.env): ReplayBenchOptions {
  const names = ['facts', 'seed', 'queries', 'check'] as const;
  const { values } = parseArgs({ args, options: Object.fromEntries(names.map((n) => [n, { type: 'string' }])) as Record<(typeof names)[number], { type: 'string' }> });
  const count = (name: (typeof names)[number], min: number) => {
    const text = values[name] ?? env[`BENCH_${name.toUpperCase()}`];
    const value = Number(text ?? REPLAY_BENCH_DEFAULTS[name]);
    if (!Number.isInteger(value) || value < min) throw new RangeError(`--${name} must be an integer >= ${min}, got ${text}`);
    return value;
  };
  return { ...REPLAY_BENCH_DEFAULTS, facts: count('facts', 5000), seed: count('seed', 0), queries: count('queries', 1), check: count('check', 0) };
}

type Generated = { check: { ok: boolean; detail: string } | null; kinds: Record<string, number>; seconds: number; peakRssMiB: number };

const seconds = (since: number) => (performance.now() - since) / 1000;

/** Runs `count` times, or fewer (at least 3) when they take more than `budget` seconds together. */
function percentiles(run: () => unknown, count: number, budget = Infinity): { p50: number; p99: number; n: number } {
  const ms: number[] = [];
  const start = performance.now();
  while (ms.length < count && (ms.length < 3 || seconds(start) < budget)) {
    const t = performance.now();
    run();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.ceil((p / 100) * ms.length) - 1)];
  return { p50: at(50), p99: at(99), n: ms.length };
}

/** CPU seconds this process has used (every thread: the collector's too). */
const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/**
 * The ceiling: the same file through better-sqlite3 alone, both JSON columns parsed. Facts/s, by the
 * clock and by CPU time (steadier where other processes share the cores).
 */
function rawRead(path: string): { rate: number; cpuRate: number } {
  const db = new Database(path, { readonly: true });
  const t = performance.now();
  const cpu = cpuSeconds();
  let n = 0;
  for (const row of db.prepare<[], { data: string; metadata: string }>('SELECT data, metadata FROM facts ORDER BY position').iterate()) {
    JSON.parse(row.data);
    JSON.parse(row.metadata);
    n++;
  }
  const rates = { rate: n / seconds(t), cpuRate: n / (cpuSeconds() - cpu) };
  db.close();
  return rates;
}

/** Reads the ledger through the port's catch-up subscription, each fact as a RecordedFact, until caught up. Facts/s. */
async function catchUpRate(store: SqliteStore, each: (fact: RecordedFact<LedgerFact>, stored: StoredFact) => void): Promise<number> {
  const t = performance.now();
  let n = 0;
  let subscription: Subscription | undefined;
  await new Promise<void>((resolve, reject) => {
    subscription = store.subscribeToAll({}).subscribe({
      next: (message) => {
        if (message.kind === 'caughtUp') return resolve();
        if (message.fact.streamId !== LEDGER_STREAM) return;
        each(toRecordedFact(message.fact), message.fact);
        n++;
      },
      error: reject,
    });
  });
  subscription?.unsubscribe();
  return n / seconds(t);
}

/** The catch-up folding a model alone (no score index), as the projection folds it; the model is not kept. Facts/s. */
async function modelFoldRate(store: SqliteStore): Promise<number> {
  const model = initialScoringModel();
  return catchUpRate(store, (fact, stored) => void evolveScoringModelEncoded(model, fact, encodedRecordedFact(stored, fact)));
}

/**
 * Reference folds, no rules at all: one running-sum log entry per fact under its unit and month,
 * with or without the fact kept in a fact table as the model keeps it. What any fold of this shape
 * costs through this port, beside which the scoring fold's own cost can be read.
 */
async function referenceFoldRate(store: SqliteStore, keepFacts: boolean): Promise<number> {
  const table = new FactTable();
  const logs = new Map<string, DeltaLog[]>();
  const delta = [1, 10, 0, 0, 0, 1];
  return catchUpRate(store, (fact, stored) => {
    if (keepFacts) table.add(fact, fact.metadata.position, encodedRecordedFact(stored, fact));
    const { unitId, validDate } = fact.data as { unitId?: unknown; validDate?: unknown };
    if (typeof unitId !== 'string' || typeof validDate !== 'string') return;
    let months = logs.get(unitId);
    if (!months) logs.set(unitId, (months = Array.from({ length: 12 }, emptyLog)));
    addToLog(months[Number(validDate.slice(5, 7)) - 1], fact.metadata.position, delta);
  });
}

export async function runReplayBench(options: Partial<ReplayBenchOptions> = {}): Promise<Figure[]> {
  const { facts, seed, queries, check, print } = { ...REPLAY_BENCH_DEFAULTS, ...options };
  const dir = mkdtempSync(join(tmpdir(), 'ledger-replay-'));
  const path = join(dir, 'ledger.db');
  const checkpointPath = join(dir, 'scoring.checkpoint');
  const stores: SqliteStore[] = [];
  const open = () => (stores.push(new SqliteStore(path)), stores[stores.length - 1]);
  try {
    print(`replay bench: ${facts.toLocaleString('en-US')} facts, seed ${seed}, ${queries} as-of queries (${tmpdir()}, node ${process.version}, ${cpus().length} cores, load ${loadAverage()})`);
    const generated = await generateInChild(dir, facts, seed, check);
    print(`generated in a child process in ${generated.seconds.toFixed(1)} s (${Math.round(facts / generated.seconds).toLocaleString('en-US')} facts/s through the port, child peak RSS ${Math.round(generated.peakRssMiB)} MiB); ledger file ${(statSync(path).size / 2 ** 20).toFixed(0)} MiB`);
    print(`facts by kind: ${Object.entries(generated.kinds).map(([kind, n]) => `${kind} ${n.toLocaleString('en-US')}`).join(', ')}`);
    const figures: Figure[] = [];
    if (generated.check) figures.push({ figure: `self-check: ${check.toLocaleString('en-US')} generated facts through validateFact + Ledger.append`, value: generated.check.ok ? 'accepted' : 'REJECTED', target: 'accepted', pass: generated.check.ok });
    if (generated.check && !generated.check.ok) print(`self-check rejected: ${generated.check.detail}`);

    const reads = [rawRead(path), rawRead(path)];
    const raw = Math.max(...reads.map((r) => r.rate)); // the better of two reads: a stricter ceiling
    const rawCpu = Math.max(...reads.map((r) => r.cpuRate));
    const portOnly = await catchUpRate(open(), () => undefined); // what the projection's own reading costs
    const rssBefore = peakRssMiB();
    const store = open();
    const projection = new ScoringProjection(store, { checkpointPath });
    let t = performance.now();
    const cpu = cpuSeconds();
    await projection.start();
    const replaySeconds = seconds(t);
    const replayCpuRate = projection.model.position / (cpuSeconds() - cpu);
    const rssReplay = peakRssMiB();
    const model = projection.model;
    const head = model.position;
    if (head !== facts) throw new Error(`replay caught up at ${head}, expected ${facts}`);
    const rate = head / replaySeconds;
    figures.push(
      { figure: 'raw ceiling: SELECT data, metadata + JSON.parse, facts/s', value: formatNumber(raw) },
      { figure: 'the store port alone: subscribeToAll to caught up, each fact made a RecordedFact, no fold, facts/s', value: formatNumber(portOnly) },
      { figure: `replay: fresh ScoringProjection.start() to caught up, facts/s (${replaySeconds.toFixed(1)} s)`, value: formatNumber(rate) },
      { figure: 'replay / raw ceiling', value: (rate / raw).toFixed(2), target: '>= 0.5', pass: rate / raw >= 0.5 },
      { figure: `replay / raw ceiling by CPU time (${formatNumber(replayCpuRate)} / ${formatNumber(rawCpu)} facts per CPU second; steadier under other load)`, value: (replayCpuRate / rawCpu).toFixed(2) },
      { figure: `peak memory after replay: peak RSS, MiB (${Math.round(rssBefore)} before)`, value: formatNumber(rssReplay), target: '< 1024', pass: rssReplay < 1024 },
    );

    const rng = seededRandom(seed ^ 0x5eed);
    const asOf = (name: (n: number) => string, run: () => unknown, count: number, budget?: number) => {
      const { p50, p99, n } = percentiles(run, count, budget);
      figures.push({ figure: `${name(n)}, p50 ms`, value: formatNumber(p50) }, { figure: `${name(n)}, p99 ms`, value: formatNumber(p99), target: '< 100', pass: p99 < 100 });
    };
    const index = projection.index;
    asOf((n) => `annualTable(2017, index) at ${n} random positions`, () => annualTable(model, 2017, 1 + rng.int(head), index), queries);
    asOf((n) => `annualTable(2017, index) at the head (${n} runs)`, () => annualTable(model, 2017, head, index), 10);
    // explain scores the unit's facts and their groups (no index): half a minute of it at most.
    asOf((n) => `explain(random unit, 2017) at ${n} random positions`, randomExplain(model, rng), queries, 30);
    // The table re-scored from the model alone, as explain does: a reference, and a cross-check of the index.
    const rescored: Array<[number, string]> = [];
    const scratch = percentiles(() => {
      const p = 1 + rng.int(head);
      rescored.push([p, JSON.stringify(annualTable(model, 2017, p))]);
    }, 5, 20);
    const same = rescored.every(([p, table]) => JSON.stringify(annualTable(model, 2017, p, index)) === table);
    const differs = same ? '' : ' (DIFFERS from the index)';
    figures.push({ figure: `annualTable(2017) without the index at ${scratch.n} random positions, p50 / p99 ms${differs}`, value: `${formatNumber(scratch.p50)} / ${formatNumber(scratch.p99)}`, pass: same ? undefined : false });
    const headTable = JSON.stringify(annualTable(model, 2017, head, index));
    const rssQueries = peakRssMiB();

    t = performance.now();
    await projection.checkpoint(true);
    const writeSeconds = seconds(t);
    const size = statSync(checkpointPath).size;
    projection.stop();
    const rssWritten = peakRssMiB();
    // Start-up in a new process, as a server starts: its own clock, its own memory, the same queries.
    const restarted = await inChild<Restarted>(['--restart', path, checkpointPath, String(queries), String(seed)], 'the restart');
    const restored = restarted.position === head && restarted.headTable === headTable;
    figures.push(
      { figure: `start-up from checkpoint in a new process: new ScoringProjection to caught up, s${restored ? '' : ' (MODEL DIFFERS from the replayed one)'}`, value: restarted.startup.toFixed(2), target: '< 2', pass: restarted.startup < 2 && restored },
      { figure: `checkpoint file, MiB (written in ${writeSeconds.toFixed(1)} s)`, value: formatNumber(size / 2 ** 20) },
      { figure: `that process: annualTable(2017, index) / explain at ${restarted.queries} random positions, p99 ms`, value: `${formatNumber(restarted.tableP99)} / ${formatNumber(restarted.explainP99)}`, target: '< 100', pass: restarted.tableP99 < 100 && restarted.explainP99 < 100 },
      { figure: 'that process: peak RSS when caught up / after its queries, MiB', value: `${formatNumber(restarted.rssStarted)} / ${formatNumber(restarted.rssQueried)}` },
      { figure: 'this process: peak RSS after the queries (the re-scored tables included) / after the checkpoint write, MiB', value: `${formatNumber(rssQueries)} / ${formatNumber(rssWritten)}` },
    );
    // Where the replay's time goes: the same catch-up folding the model alone (no score index), last
    // (run before the replay, it slowed the replay that followed) and in a child process (beside the
    // replayed model it read low).
    const portAndModel = await inChild<number>(['--model-only', path], 'the model-only fold');
    const [logsOnly, logsAndTable] = [await inChild<number>(['--reference', path, 'logs'], 'the reference fold'), await inChild<number>(['--reference', path, 'logs+facts'], 'the reference fold')];
    const us = (rate: number) => 1e6 / rate;
    figures.push(
      { figure: 'reference, no rules: the port + one log entry per fact, facts/s (/ raw ceiling)', value: `${formatNumber(logsOnly)} (${(logsOnly / raw).toFixed(2)})` },
      { figure: 'reference, no rules: the port + one log entry per fact + the fact kept in a fact table, facts/s (/ raw ceiling)', value: `${formatNumber(logsAndTable)} (${(logsAndTable / raw).toFixed(2)})` },
    );
    figures.push(
      { figure: 'breakdown: the port with the model fold alone (no score index), facts/s', value: formatNumber(portAndModel) },
      { figure: 'breakdown per fact, µs: the port / the model fold / the score index (replay minus the other two)', value: `${us(portOnly).toFixed(1)} / ${(us(portAndModel) - us(portOnly)).toFixed(1)} / ${(us(rate) - us(portAndModel)).toFixed(1)}` },
      { figure: 'per fact the 0.5 target allows, µs (2 / raw ceiling)', value: (2 * us(raw)).toFixed(1) },
    );
    print(figuresTable(figures));
    print(`load average at the end: ${loadAverage()} (other processes on this machine share its cores)`);
    return figures;
  } finally {
    for (const store of stores) await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function generateInChild(dir: string, facts: number, seed: number, check: number): Promise<Generated> {
  return inChild<Generated>(['--generate', dir, String(facts), String(seed), String(check)], 'the generator');
}

/** Runs this file in a child process with `args` (handled at the end of the file) and resolves with what it sends. */
function inChild<T>(args: string[], what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const execArgv = process.execArgv.filter((arg) => !arg.startsWith('--cpu-prof'));
    const child = fork(__filename, args, { execArgv });
    let result: { value: T } | undefined;
    child.on('message', (message) => (result = { value: message as T }));
    child.on('error', reject);
    child.on('exit', (code) => (result && code === 0 ? resolve(result.value) : reject(new Error(`${what} exited with ${code}`))));
  });
}

/** In the child: prove a small ledger through the real checks, then write the bench ledger. */
async function generate(dir: string, facts: number, seed: number, check: number): Promise<Generated> {
  const result = check > 0 ? await selfCheck(join(dir, 'self-check.db'), check, seed) : null;
  const t = performance.now();
  const kinds = await writeProvinceLedger(join(dir, 'ledger.db'), facts, seed);
  return { check: result, kinds, seconds: seconds(t), peakRssMiB: peakRssMiB() };
}

async function selfCheck(path: string, count: number, seed: number): Promise<{ ok: boolean; detail: string }> {
  const store = new SqliteStore(path);
  const ledger = new Ledger(store, { now: () => new Date('2018-01-02T00:00:00.000Z') });
  let batch: Candidate[] = [];
  let line = 0;
  try {
    for (const fact of provinceLedger(count, seed)) {
      // As an import would: parsed from its JSON, validated at the edge, then decided by the ledger.
      batch.push({ fact: validateFact(JSON.parse(JSON.stringify(fact))), line: ++line });
      if (batch.length === 2000 || line === count) {
        await ledger.append(batch, { actor: 'bench', keepRecordedMetadata: true });
        batch = [];
      }
    }
    const head = await ledger.head();
    return { ok: head === count, detail: `head ${head}` };
  } catch (error) {
    const errors = (error as { errors?: unknown }).errors;
    return { ok: false, detail: `fact ${line}: ${error instanceof Error ? error.message : String(error)}${errors ? ` ${JSON.stringify(errors)}` : ''}` };
  } finally {
    await store.close();
  }
}


/** A query of the bench: a random unit's 2017 explanation at a random position from its registration on. */
function randomExplain(model: ScoringModel, rng: ReturnType<typeof seededRandom>): () => unknown {
  const unitIds = [...model.units.keys()];
  return () => {
    const unitId = rng.pick(unitIds);
    const from = model.units.get(unitId)!.registeredAt;
    return explain(model, unitId, 2017, null, from + rng.int(model.position - from + 1));
  };
}

type Restarted = { startup: number; position: number; headTable: string; queries: number; tableP99: number; explainP99: number; rssStarted: number; rssQueried: number };

/** In a child: start a projection from the checkpoint, as a new server does, and ask it what the parent asked the replayed one. */
async function restart(path: string, checkpointPath: string, queries: number, seed: number): Promise<Restarted> {
  const store = new SqliteStore(path);
  try {
    const t = performance.now();
    const projection = new ScoringProjection(store, { checkpointPath });
    await projection.start();
    const startup = seconds(t);
    projection.stop();
    const rssStarted = peakRssMiB();
    const { model, index } = projection;
    const head = model.position;
    const rng = seededRandom(seed ^ 0x5eed);
    const tables = percentiles(() => annualTable(model, 2017, 1 + rng.int(head), index), queries);
    const explains = percentiles(randomExplain(model, rng), queries, 30);
    const headTable = JSON.stringify(annualTable(model, 2017, head, index));
    return { startup, position: head, headTable, queries: Math.min(tables.n, explains.n), tableP99: tables.p99, explainP99: explains.p99, rssStarted, rssQueried: peakRssMiB() };
  } finally {
    await store.close();
  }
}

/** In a child: answer the parent, or fail with the error on stderr. */
function answer(work: Promise<unknown>): void {
  work.then(
    (result) => process.send!(result, () => process.exit(0)),
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exit(1);
    },
  );
}

if (require.main === module && process.argv[2] === '--generate') {
  const [dir, facts, seed, check] = process.argv.slice(3);
  answer(generate(dir, Number(facts), Number(seed), Number(check)));
}

if (require.main === module && process.argv[2] === '--reference') {
  const store = new SqliteStore(process.argv[3]);
  answer(referenceFoldRate(store, process.argv[4] === 'logs+facts').finally(() => store.close()));
}

if (require.main === module && process.argv[2] === '--model-only') {
  const store = new SqliteStore(process.argv[3]);
  answer(modelFoldRate(store).finally(() => store.close()));
}

if (require.main === module && process.argv[2] === '--restart') {
  const [path, checkpointPath, queries, seed] = process.argv.slice(3);
  answer(restart(path, checkpointPath, Number(queries), Number(seed)));
}

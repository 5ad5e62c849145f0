import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { SqliteStore, type NewFact } from '../../libs/store';
import { formatNumber, markdownTable } from './report';

/**
 * The SQLite store measured against the raw better-sqlite3 ceiling on the same machine, in the
 * same run: what the port costs on top of the driver (idempotency, expected revision, hash chain).
 * Both sides write a temporary file with WAL and synchronous FULL and a unique index on fact id.
 */
export interface StoreBenchOptions {
  /** Durable single-fact appends, one transaction each. */
  readonly singleAppends: number;
  readonly batches: number;
  readonly batchSize: number;
  readonly print: (line: string) => void;
}

export interface StoreBenchFigure {
  readonly figure: string;
  readonly port: number;
  readonly raw: number;
  /** Latencies are reported without a target; rates are held to one on the port's figure or on port/raw. */
  readonly target?: { readonly of: 'port' | 'ratio'; readonly atLeast: number; readonly pass: boolean };
}

export const STORE_BENCH_DEFAULTS: StoreBenchOptions = { singleAppends: 3000, batches: 100, batchSize: 1000, print: (line) => console.log(line) };

/** `--single N --batches N --batch-size N`, or BENCH_SINGLE / BENCH_BATCHES / BENCH_BATCH_SIZE. */
export function storeBenchOptionsFrom(args: string[], env: NodeJS.ProcessEnv = process.env): StoreBenchOptions {
  const { values } = parseArgs({ args, options: { single: { type: 'string' }, batches: { type: 'string' }, 'batch-size': { type: 'string' } } });
  const count = (flag: string | undefined, variable: string | undefined, fallback: number) => {
    const value = Number(flag ?? variable ?? fallback);
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`bench count must be a positive integer, got ${flag ?? variable}`);
    return value;
  };
  return {
    ...STORE_BENCH_DEFAULTS,
    singleAppends: count(values.single, env.BENCH_SINGLE, STORE_BENCH_DEFAULTS.singleAppends),
    batches: count(values.batches, env.BENCH_BATCHES, STORE_BENCH_DEFAULTS.batches),
    batchSize: count(values['batch-size'], env.BENCH_BATCH_SIZE, STORE_BENCH_DEFAULTS.batchSize),
  };
}

const UNITS = ['新平彝族傣族自治县人民政府办公室', '澄江县人民政府办公室', '华宁县人民政府办公室', '市发展和改革委员会', '市财政局', '红塔区人民政府办公室'];

/** An InformationAdopted-like fact: about 300 bytes of data JSON, Chinese names as the ledger holds them. */
function adoptedFact(i: number): NewFact {
  return {
    id: randomUUID(),
    type: 'InformationAdopted',
    data: {
      informationId: randomUUID(),
      unitId: `unit-${i % UNITS.length}`,
      unit: UNITS[i % UNITS.length],
      title: '抚仙湖流域生态保护工作取得阶段性成效',
      publication: '玉溪政务信息',
      issue: `2017年第${(i % 52) + 1}期`,
      level: 'city',
      category: 'adopted_in_full',
      adoptedOn: '2017-06-14',
    },
    metadata: { schemaVersion: 1, recordedBy: '信息科', recordedAt: '2017-06-14T08:30:00.000Z' },
  };
}

/** The ceiling: the same rows and indexes through better-sqlite3 alone, no checks, no chain. */
function openRaw(path: string) {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE facts (position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, revision INTEGER NOT NULL, id TEXT NOT NULL,
             type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL);
           CREATE UNIQUE INDEX facts_by_id ON facts (id);`);
  const insert = db.prepare('INSERT INTO facts (stream_id, revision, id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)');
  let revision = 0;
  const insertOne = (f: NewFact) => insert.run(f.data.unitId, revision++, f.id, f.type, JSON.stringify(f.data), JSON.stringify(f.metadata));
  const insertBatch = db.transaction((facts: NewFact[]) => facts.forEach(insertOne));
  return { db, insertOne, insertBatch };
}

interface Timing {
  readonly rate: number;
  readonly p50: number;
  readonly p99: number;
}

function timing(latenciesMs: number[], perStep: number): Timing {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const seconds = sorted.reduce((sum, ms) => sum + ms, 0) / 1000;
  const percentile = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return { rate: (sorted.length * perStep) / seconds, p50: percentile(50), p99: percentile(99) };
}

/**
 * Step i of raw, then step i of the port, and so on: interleaving puts both sides under the same
 * disk and CPU conditions (this machine's fsync and neighbours vary from second to second).
 */
async function timePairs(count: number, perStep: number, raw: (i: number) => unknown, port: (i: number) => unknown): Promise<{ raw: Timing; port: Timing }> {
  const rawMs: number[] = [];
  const portMs: number[] = [];
  for (let i = 0; i < count; i++) {
    let t = performance.now();
    await raw(i);
    rawMs.push(performance.now() - t);
    t = performance.now();
    await port(i);
    portMs.push(performance.now() - t);
  }
  return { raw: timing(rawMs, perStep), port: timing(portMs, perStep) };
}

type Raw = ReturnType<typeof openRaw>;

/** Writes the same facts through both sides, each into its own file in one directory. */
async function writeBoth(store: SqliteStore, raw: Raw, singles: NewFact[], batches: NewFact[][]) {
  const batchSize = batches[0]?.length ?? 0;
  const single = await timePairs(
    singles.length,
    1,
    (i) => raw.insertOne(singles[i]),
    (i) => store.appendToStream(String(singles[i].data.unitId), [singles[i]]),
  );
  const batch = await timePairs(
    batches.length,
    batchSize,
    (b) => raw.insertBatch(batches[b]),
    (b) => store.appendToStream(`batch-${b}`, batches[b]),
  );
  return { single, batch };
}

/** Reads everything back on both sides, twice, alternating; each side's rate is over both reads. */
async function readBoth(store: SqliteStore, raw: Raw, total: number) {
  const select = raw.db.prepare<[], { data: string; metadata: string }>('SELECT position, stream_id, revision, id, type, data, metadata FROM facts ORDER BY position');
  let read = 0;
  const times = await timePairs(
    2,
    total,
    () => {
      for (const row of select.iterate()) {
        JSON.parse(row.data);
        JSON.parse(row.metadata);
      }
    },
    async () => {
      for await (const _ of store.readAll()) read++;
    },
  );
  if (read !== 2 * total) throw new Error(`read ${read / 2} facts through the port, expected ${total}`);
  return times;
}

export async function runStoreBench(options: Partial<StoreBenchOptions> = {}): Promise<StoreBenchFigure[]> {
  const { singleAppends, batches, batchSize, print } = { ...STORE_BENCH_DEFAULTS, ...options };
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-'));
  const opened: { store: SqliteStore; raw: Raw }[] = [];
  const open = (name: string) => {
    const side = { store: new SqliteStore(join(dir, `${name}-port.db`)), raw: openRaw(join(dir, `${name}-raw.db`)) };
    opened.push(side);
    return side;
  };
  try {
    const singles = Array.from({ length: singleAppends }, (_, i) => adoptedFact(i));
    const batchFacts = Array.from({ length: batches }, (_, b) => Array.from({ length: batchSize }, (_, i) => adoptedFact(b * batchSize + i)));
    print(`store bench: ${singleAppends} single appends, ${batches} batches of ${batchSize}, then read all (${tmpdir()}, node ${process.version})`);
    print(`fact data: ${Buffer.byteLength(JSON.stringify(singles[0].data))} bytes of JSON`);

    // Warm both code paths up (JIT, statement caches) on throwaway files, so neither side pays for it.
    const warm = open('warm-up');
    await writeBoth(warm.store, warm.raw, singles.slice(0, 200), batchFacts.slice(0, 2));
    await readBoth(warm.store, warm.raw, Math.min(200, singleAppends) + Math.min(2, batches) * batchSize);

    const measured = open('measured');
    const { single, batch } = await writeBoth(measured.store, measured.raw, singles, batchFacts);
    const read = await readBoth(measured.store, measured.raw, singleAppends + batches * batchSize);

    const figures: StoreBenchFigure[] = [
      figure('durable single append, facts/s', single.port.rate, single.raw.rate, 'ratio', 0.5),
      figure('single append p50 latency, ms', single.port.p50, single.raw.p50),
      figure('single append p99 latency, ms', single.port.p99, single.raw.p99),
      figure(`${batchSize}-fact batches, facts/s`, batch.port.rate, batch.raw.rate, 'port', 25_000),
      figure('read all, facts/s', read.port.rate, read.raw.rate, 'ratio', 0.5),
    ];
    print(formatTable(figures));
    return figures;
  } finally {
    for (const side of opened) {
      await side.store.close();
      side.raw.db.close();
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

function figure(name: string, port: number, raw: number, of?: 'port' | 'ratio', atLeast?: number): StoreBenchFigure {
  if (of === undefined || atLeast === undefined) return { figure: name, port, raw };
  return { figure: name, port, raw, target: { of, atLeast, pass: (of === 'port' ? port : port / raw) >= atLeast } };
}

function formatTable(figures: StoreBenchFigure[]): string {
  const rows = figures.map((f) => {
    const ratio = (f.port / f.raw).toFixed(2);
    const target = f.target === undefined ? '-' : f.target.of === 'ratio' ? `port/raw >= ${f.target.atLeast}` : `port >= ${formatNumber(f.target.atLeast)}`;
    const result = f.target === undefined ? '' : f.target.pass ? 'PASS' : 'FAIL';
    return [f.figure, formatNumber(f.port), formatNumber(f.raw), ratio, target, result];
  });
  return markdownTable(['figure', 'port', 'raw', 'port/raw', 'target', 'result'], rows);
}

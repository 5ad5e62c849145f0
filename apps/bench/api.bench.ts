import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { CredentialStore } from '../../libs/credentials';
import { Ledger, systemClock } from '../../libs/ledger';
import { openStore } from '../../libs/store';
import { yuxi2017Ledger } from '../fixtures/yuxi-2017-ledger';
import { seededRandom } from './province-ledger';
import { figuresTable, formatNumber, loadAverage, type Figure } from './report';

/**
 * The HTTP API under load: `ledger serve` over a fresh SQLite store holding the 2017 fixture, run
 * as a child process from the build (as in production, and so the load generator's CPU stays out
 * of the server's event loop), driven by autocannon over loopback. Reads: the annual table at the
 * head and as of random positions, explanations rotating over units; writes: one fresh
 * InformationSubmitted per request, then the ledger head is checked against the 2xx responses.
 */
export interface ApiBenchOptions {
  /** Seconds of load per scenario. */
  readonly duration: number;
  /** Concurrent keep-alive connections. */
  readonly connections: number;
  readonly print: (line: string) => void;
}

export const API_BENCH_DEFAULTS: ApiBenchOptions = { duration: 10, connections: 10, print: (line) => console.log(line) };

/** `--duration <s> --connections <n>`, or BENCH_DURATION / BENCH_CONNECTIONS. */
export function apiBenchOptionsFrom(args: string[], env: NodeJS.ProcessEnv = process.env): ApiBenchOptions {
  const { values } = parseArgs({ args, options: { duration: { type: 'string' }, connections: { type: 'string' } } });
  const count = (name: 'duration' | 'connections', max: number) => {
    const text = values[name] ?? env[`BENCH_${name.toUpperCase()}`];
    const value = Number(text ?? API_BENCH_DEFAULTS[name]);
    if (!Number.isInteger(value) || value < 1 || value > max) throw new RangeError(`--${name} must be an integer from 1 to ${max}, got ${text}`);
    return value;
  };
  return { ...API_BENCH_DEFAULTS, duration: count('duration', 600), connections: count('connections', 1000) };
}


/** Units the explain scenario rotates over: counties and city departments by id, and two of them by name (fgw, xinping). */
const EXPLAIN_IDS = ['fgw', 'xinping', 'hongta', 'caizheng', 'renshe', 'jiaotong'];
const EXPLAIN_NAMES = ['市发展改革委', '新平县'];
const EXPLAIN_UNITS = [...EXPLAIN_IDS, ...EXPLAIN_NAMES];
const LOOPBACK = '127.0.0.1';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The promise's value, or `fallback` after `ms` (the timer cleared either way, so it holds no process up). */
async function within<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<F>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

export async function runApiBench(options: Partial<ApiBenchOptions> = {}): Promise<Figure[]> {
  const { duration, connections, print } = { ...API_BENCH_DEFAULTS, ...options };
  const cli = ledgerCli();
  const dir = mkdtempSync(join(tmpdir(), 'ledger-api-bench-'));
  const storeUrl = `sqlite:${join(dir, 'ledger.db')}`;
  let server: Server | null = null;
  try {
    print(`api bench: ${duration} s per scenario, ${connections} connections, loopback (${tmpdir()}, node ${process.version}, ${cpus().length} cores, load ${loadAverage()})`);
    let t = performance.now();
    const { facts, tokens } = await prepareStore(storeUrl);
    print(`store: the 2017 fixture (${facts} facts) appended through Ledger.append, staff and auditor tokens created, in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    server = await startServer(cli, storeUrl);
    print(`server: node bin/ledger.js serve --store sqlite:<tmp> --port 0 --host ${LOOPBACK} (pid ${server.child.pid}), /health 200 after ${((performance.now() - t) / 1000).toFixed(1)} s at ${server.url}`);

    print(`explain rotates over ${EXPLAIN_UNITS.join(', ')} (${EXPLAIN_NAMES.length} of the ${EXPLAIN_IDS.length} units also by name); appends are InformationSubmitted of unit fgw dated 2017-12-30`);
    const reader = { authorization: `Bearer ${tokens.auditor}` };
    const head = await headOf(server.url, reader);
    if (head !== facts) throw new Error(`the server's head is ${head}, expected the ${facts} facts of the fixture`);
    const rng = seededRandom(2017);
    const scenarios: Array<{ name: string; p99Below?: number; requests: autocannon.Request[] }> = [
      { name: 'GET /api/tables/2017', p99Below: 100, requests: [{ method: 'GET', path: '/api/tables/2017', headers: reader }] },
      {
        name: `GET /api/tables/2017?asOf=<random 1..${head}>`,
        p99Below: 100,
        requests: [{ method: 'GET', headers: reader, setupRequest: (request) => ({ ...request, path: `/api/tables/2017?asOf=${1 + rng.int(head)}` }) }],
      },
      {
        name: `GET /api/units/<${EXPLAIN_IDS.length} units>/explain?year=2017`,
        p99Below: 100,
        requests: [{ method: 'GET', headers: reader, setupRequest: (request) => ({ ...request, path: `/api/units/${encodeURIComponent(rng.pick(EXPLAIN_UNITS))}/explain?year=2017` }) }],
      },
    ];

    const figures: Figure[] = [];
    const notes: string[] = [];
    for (const scenario of scenarios) {
      await load1s(server.url, connections, scenario.requests); // warm-up (JIT, caches), not counted
      const run = await cannon(server.url, duration, connections, scenario.requests);
      figures.push(...readFigures(scenario.name, run, scenario.p99Below));
      notes.push(...run.notes.map((n) => `${scenario.name}: ${n}`));
    }

    // Appends: one fresh InformationSubmitted per request, each with its own id and itemId.
    const writer = { authorization: `Bearer ${tokens.staff}`, 'content-type': 'application/json' };
    const sent = new Set<string>();
    const acknowledged = new Set<string>();
    const appendRequests = (): autocannon.Request[] => [
      {
        method: 'POST',
        path: '/api/facts',
        headers: writer,
        setupRequest: (request, context) => {
          const id = randomUUID();
          sent.add(id);
          (context as { id?: string }).id = id;
          const data = { itemId: `bench-${id}`, unitId: 'fgw', title: '压力测试：政务信息报送', validDate: '2017-12-30' };
          return { ...request, body: JSON.stringify({ id, type: 'InformationSubmitted', data, metadata: { schemaVersion: 1 } }) };
        },
        onResponse: (status, _body, context) => {
          const id = (context as { id?: string }).id;
          if (id !== undefined && status >= 200 && status < 300) acknowledged.add(id);
        },
      },
    ];
    await load1s(server.url, connections, appendRequests());
    await settled(server.url, reader);
    sent.clear();
    acknowledged.clear();
    const before = await headOf(server.url, reader);
    const appends = await cannon(server.url, duration, connections, appendRequests());
    // autocannon stops by closing its sockets: requests then in flight may still be appended.
    const after = await settled(server.url, reader);
    const ours = await benchFactIds(server.url, reader, sent);
    const cutOff = [...sent].filter((id) => !acknowledged.has(id));
    const cutOffAppended = cutOff.filter((id) => ours.has(id)).length;
    const missing = [...acknowledged].filter((id) => !ours.has(id)).length;
    const grew = after - before;
    const twoxx = appends.result['2xx'];
    const accounted = grew === twoxx + cutOffAppended && missing === 0 && ours.size === grew;
    figures.push(
      { figure: `POST /api/facts (InformationSubmitted): appends/s (${twoxx} appended in ${appends.result.duration} s)`, value: formatNumber(twoxx / appends.result.duration) },
      { figure: `POST /api/facts: appends/s in the first / last second`, value: `${appends.perSecond[0]} / ${appends.perSecond[duration - 1]}` },
      { figure: 'POST /api/facts: p50 latency, ms', value: ms(appends.result.latency.p50) },
      { figure: 'POST /api/facts: p99 latency, ms', value: ms(appends.result.latency.p99) },
      errorFigure('POST /api/facts', appends),
      {
        figure: `POST /api/facts: ledger head growth (${before} -> ${after}) vs 2xx responses`,
        value: `+${grew} vs ${twoxx}${cutOffAppended > 0 ? ` + ${cutOffAppended} cut off` : ''}`,
        target: 'equal',
        pass: accounted,
      },
    );
    notes.push(
      `POST /api/facts: ${cutOff.length} requests were in flight when autocannon closed its sockets at the stop (no response counted), ${cutOffAppended} of them appended all the same;` +
        ` ${ours.size} of the run's facts are in the ledger, ${missing} acknowledged ones missing`,
    );
    notes.push(...appends.notes.map((n) => `POST /api/facts: ${n}`));

    print(figuresTable(figures));
    for (const note of notes) print(note);
    const logged = server.errorLines();
    if (logged.count > 0) print(`the server wrote ${logged.count} lines to stderr; the first: ${logged.first.slice(0, 5).join(' | ')}`);
    print('latencies are of 2xx responses, in whole ms, as autocannon records them; rates are completed responses over the run; each scenario follows a 1 s warm-up');
    print(`load average at the end: ${loadAverage()} (autocannon in this process, the server in its child; other processes share the cores)`);
    return figures;
  } finally {
    if (server) await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A fresh store with the 2017 fixture (as `ledger fixture 2017 | ledger import` would) and one token per role used. */
async function prepareStore(storeUrl: string): Promise<{ facts: number; tokens: { staff: string; auditor: string } }> {
  const store = await openStore(storeUrl);
  try {
    const fixture = await yuxi2017Ledger();
    const outcome = await new Ledger(store, systemClock).append(
      fixture.map((fact) => ({ fact })),
      { actor: 'bench:fixture-2017', keepRecordedMetadata: true },
    );
    if (outcome.appended !== fixture.length) throw new Error(`appended ${outcome.appended} of the fixture's ${fixture.length} facts`);
    const credentials = new CredentialStore(store, systemClock);
    const staff = (await credentials.create('staff', 'bench staff', 'bench')).token;
    const auditor = (await credentials.create('auditor', 'bench auditor', 'bench')).token;
    return { facts: outcome.head, tokens: { staff, auditor } };
  } finally {
    await store.close();
  }
}

/** bin/ledger.js of this checkout, with the CLI it loads built. */
function ledgerCli(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const bin = join(dir, 'bin', 'ledger.js');
    if (existsSync(bin)) {
      if (!existsSync(join(dir, 'dist', 'apps', 'cli', 'main.js'))) throw new Error(`${bin} needs the build: run npm run build first`);
      return bin;
    }
    if (dirname(dir) === dir) throw new Error(`no bin/ledger.js above ${__dirname}`);
  }
}

interface Server {
  readonly child: ChildProcess;
  readonly url: string;
  /** What the server wrote to stderr: how many lines, and the first 20. */
  errorLines(): { count: number; first: string[] };
  stop(): Promise<void>;
}

/** `ledger serve` on an ephemeral loopback port; resolves once GET /health answers 200. */
async function startServer(cli: string, storeUrl: string): Promise<Server> {
  const child = spawn(process.execPath, [cli, 'serve', '--store', storeUrl, '--port', '0', '--host', LOOPBACK], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LEDGER_BODY_LIMIT: '10mb' },
  });
  const stderr: string[] = [];
  let stderrLines = 0;
  let output = '';
  let exited: string | null = null;
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = chunk.split('\n').filter((l) => l.trim() !== '');
    stderrLines += lines.length;
    stderr.push(...lines.slice(0, Math.max(0, 20 - stderr.length)));
  });
  const exit = new Promise<void>((resolve) => child.once('exit', (code, signal) => ((exited = `exited with ${code ?? signal}`), resolve())));
  const url = new Promise<string>((resolve) => {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      if (output.length < 100_000) output += chunk;
      const found = /ledger serving on (http:\/\/\S+)/.exec(output);
      if (found) resolve(found[1].replace(/\/$/, ''));
    });
  });
  const stop = async () => {
    if (exited === null) {
      child.kill('SIGTERM');
      const killed = await within(exit.then(() => true), 10_000, false);
      if (!killed) child.kill('SIGKILL');
      await exit;
    }
  };
  const failed = () => new Error(`ledger serve ${exited ?? 'did not answer /health within 60 s'}:\n${[...output.split('\n'), ...stderr].slice(-20).join('\n')}`);
  const deadline = performance.now() + 60_000;
  try {
    const base = await within(Promise.race([url, exit.then(() => null)]), 60_000, null);
    if (base === null) throw failed();
    while (performance.now() < deadline && exited === null) {
      const ok = await fetch(`${base}/health`).then((r) => r.status === 200, () => false);
      if (ok) return { child, url: base, errorLines: () => ({ count: stderrLines, first: [...stderr] }), stop };
      await sleep(100);
    }
    throw failed();
  } catch (error) {
    await stop();
    throw error;
  }
}

async function getJson<T>(url: string, headers: Record<string, string>): Promise<T> {
  const response = await fetch(url, { headers });
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const headOf = async (base: string, headers: Record<string, string>) => (await getJson<{ position: number }>(`${base}/api/head`, headers)).position;

/** The head once nothing moves any more: the store's head folded by the views, and still so 300 ms later. */
async function settled(base: string, headers: Record<string, string>): Promise<number> {
  let last = -1;
  for (let i = 0; i < 100; i++) {
    const health = await getJson<{ store: { head: number }; projection: { position: number } }>(`${base}/health`, {});
    const head = await headOf(base, headers);
    if (health.projection.position === health.store.head && head === health.store.head && head === last) return head;
    last = head;
    await sleep(300);
  }
  throw new Error('the ledger head did not settle after the appends');
}

/** Which of the given fact ids the ledger holds (its InformationSubmitted facts of the day the bench writes). */
async function benchFactIds(base: string, headers: Record<string, string>, ids: ReadonlySet<string>): Promise<Set<string>> {
  const entries = await getJson<Array<{ id: string }>>(`${base}/api/history?type=InformationSubmitted&from=2017-12-30&to=2017-12-30`, headers);
  return new Set(entries.map((e) => e.id).filter((id) => ids.has(id)));
}

interface Run {
  readonly result: autocannon.Result;
  /** Status codes and sample bodies of non-2xx responses. */
  readonly notes: string[];
  /** 2xx responses in each second of the run. */
  readonly perSecond: number[];
}

async function cannon(base: string, duration: number, connections: number, requests: autocannon.Request[]): Promise<Run> {
  const samples = new Map<number, string>();
  const observed = requests.map((request): autocannon.Request => ({
    ...request,
    onResponse: (status, body, context, headers) => {
      if ((status < 200 || status >= 300) && !samples.has(status)) samples.set(status, body.slice(0, 300));
      if (typeof request.onResponse === 'function') request.onResponse(status, body, context, headers);
    },
  }));
  const perSecond: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: base, connections, duration, requests: observed, timeout: 10 }, (error: unknown, done) => (error ? reject(error) : resolve(done)));
    const start = performance.now();
    instance.on('response', (_client, status) => {
      const second = Math.floor((performance.now() - start) / 1000);
      if (status >= 200 && status < 300) perSecond[second] = (perSecond[second] ?? 0) + 1;
    });
  });
  const codes = Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => `${code} x${count ?? 0}`).join(', ');
  const notes = [...samples].map(([status, body]) => `non-2xx ${status} (status codes: ${codes}), e.g. ${body}`);
  if (result.errors > 0) notes.push(`${result.errors} connection errors (${result.timeouts} timeouts)`);
  return { result, notes, perSecond: Array.from({ length: duration }, (_, i) => perSecond[i] ?? 0) };
}

/** A short run whose figures are thrown away. */
async function load1s(base: string, connections: number, requests: autocannon.Request[]): Promise<void> {
  await autocannon({ url: base, connections, duration: 1, requests });
}

function readFigures(name: string, run: Run, p99Below?: number): Figure[] {
  const { result } = run;
  const p99 = result.latency.p99;
  return [
    { figure: `${name}: requests/s (${result.requests.total} in ${result.duration} s)`, value: formatNumber(result.requests.total / result.duration) },
    { figure: `${name}: p50 latency, ms`, value: ms(result.latency.p50) },
    p99Below === undefined
      ? { figure: `${name}: p99 latency, ms`, value: ms(p99) }
      : { figure: `${name}: p99 latency, ms`, value: ms(p99), target: `< ${p99Below}`, pass: result['2xx'] > 0 && p99 < p99Below },
    errorFigure(name, run),
  ];
}

function errorFigure(name: string, { result }: Run): Figure {
  return { figure: `${name}: errors / non-2xx`, value: `${result.errors} / ${result.non2xx}`, target: '0 / 0', pass: result.errors === 0 && result.non2xx === 0 && result['2xx'] > 0 };
}

/** autocannon's histograms hold whole milliseconds. */
const ms = (n: number) => (n < 1 ? '< 1' : String(Math.round(n)));



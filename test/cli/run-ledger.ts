import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Runs the built `ledger` binary as a user would (npm test builds it first). */
export const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin/ledger.js');

export interface LedgerRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function ledger(args: string[], options: { input?: string; store?: string } = {}): LedgerRun {
  if (!existsSync(join(ROOT, 'dist/apps/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does) before the CLI tests');
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    input: options.input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024, // the 2017 fixture is about 4 MB of NDJSON
    env: { ...process.env, LEDGER_STORE: options.store ?? 'memory:' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The directories `tempStore` made for this test file (jest evaluates this module afresh for each
 * file). They hold the SQLite file, its WAL and its checkpoints, and are removed after the file's
 * last test: an afterAll registered here, at the file's top level, runs after every describe's own
 * afterAll (a server a test started has stopped by then). Outside jest, when the process exits.
 */
const tempDirs: string[] = [];
function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}
if (typeof afterAll === 'function') afterAll(removeTempDirs);
else process.once('exit', removeTempDirs);

export function tempStore(): { url: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-cli-'));
  tempDirs.push(dir);
  const path = join(dir, 'ledger.db');
  return { url: `sqlite:${path}`, path };
}

/** An instant (`Date#toISOString`) as a clock `offsetMinutes` east of UTC writes it, e.g. 2018-01-16T10:00:00.000+08:00: for --as-of and asOf. */
export function inOffset(instant: string, offsetMinutes: number): string {
  const wallClock = new Date(Date.parse(instant) + offsetMinutes * 60_000).toISOString().slice(0, -1);
  const minutes = Math.abs(offsetMinutes);
  return `${wallClock}${offsetMinutes < 0 ? '-' : '+'}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The instant `ms` milliseconds later (earlier when negative), as the ledger's clock writes it. */
export function shifted(instant: string, ms: number): string {
  return new Date(Date.parse(instant) + ms).toISOString();
}

/** Runs the binary and closes its output after the first chunk, as `ledger … | head -1` does. */
export function ledgerClosedEarly(args: string[], options: { store?: string } = {}): Promise<{ status: number | null; stderr: string; first: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, LEDGER_STORE: options.store ?? 'memory:' } });
    let stderr = '';
    let first = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.setEncoding('utf8').once('data', (chunk: string) => {
      first = chunk;
      child.stdout.destroy();
    });
    child.on('error', reject);
    child.on('close', (status) => resolvePromise({ status, stderr, first }));
  });
}

/** The same, without blocking this process: needed when the store (the EventStoreDB stand-in) runs in it. */
export function ledgerAsync(args: string[], options: { input?: string; store: string }): Promise<LedgerRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, LEDGER_STORE: options.store } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolvePromise({ status, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

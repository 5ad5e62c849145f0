import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
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

export function tempStore(): { url: string; path: string } {
  const path = join(mkdtempSync(join(tmpdir(), 'ledger-cli-')), 'ledger.db');
  return { url: `sqlite:${path}`, path };
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

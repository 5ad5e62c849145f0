import { existsSync } from 'node:fs';
import type { EventStorePort } from './port';
import { MemoryStore } from './memory.store';

/**
 * The store named by `--store <url>` or LEDGER_STORE (SPEC.md section 11):
 * `sqlite:<path>` (default `sqlite:./data/ledger.db`), `esdb://host:port?tls=false`, `memory:`.
 */
export const DEFAULT_STORE_URL = 'sqlite:./data/ledger.db';

export class StoreUrlError extends Error {
  readonly code = 'BAD_STORE_URL';
}

export function storeUrlFrom(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? env.LEDGER_STORE ?? DEFAULT_STORE_URL;
}

/**
 * `create: false` (a command that only reads): an embedded store's file that is not there is an
 * error, not a new empty ledger (a mistyped path would otherwise answer with an empty table).
 */
export async function openStore(url: string, options: { create?: boolean } = {}): Promise<EventStorePort> {
  if (url === 'memory:') return new MemoryStore();
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (path === '') throw new StoreUrlError('--store: sqlite: needs a file path, e.g. sqlite:./data/ledger.db');
    if (options.create === false && path !== ':memory:' && !existsSync(path)) throw new StoreUrlError(`--store: ${url}: there is no ledger file at ${path}; a command that only reads creates none (ledger import or ledger serve does)`);
    const { SqliteStore } = await import('./sqlite.store.js');
    return new SqliteStore(path);
  }
  if (url.startsWith('esdb://') || url.startsWith('esdb+discover://')) {
    // Loaded on demand: the gRPC client is only needed when the production store is chosen.
    const { EsdbStore } = await import('./esdb/index.js');
    return new EsdbStore(url);
  }
  throw new StoreUrlError(`--store: ${url} is not a store URL; use sqlite:<path>, esdb://host:port?tls=false or memory:`);
}

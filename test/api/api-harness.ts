import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createApp } from '../../apps/api/create-app';
import { LedgerRuntime } from '../../apps/api/ledger-runtime.service';
import { yuxi2017Ledger } from '../../apps/fixtures/yuxi-2017-ledger';
import { CredentialStore, type Role } from '../../libs/credentials';
import { Ledger, systemClock } from '../../libs/ledger';
import { openStore } from '../../libs/store';

export interface Harness {
  readonly app: INestApplication;
  readonly runtime: LedgerRuntime;
  readonly storeUrl: string;
  readonly tokens: Record<Role, string>;
  close(): Promise<void>;
}

let fixture: Awaited<ReturnType<typeof yuxi2017Ledger>> | null = null;

/**
 * The real application over a fresh embedded store holding the 2017 fixture, with one token per
 * role created the way `ledger token create` does. `demo` as `ledger serve --demo`.
 */
export async function startApi(options: { demo?: boolean; bodyLimit?: string } = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-api-'));
  const storeUrl = `sqlite:${join(dir, 'ledger.db')}`;
  const store = await openStore(storeUrl);
  fixture ??= await yuxi2017Ledger();
  await new Ledger(store, systemClock).append(fixture.map((fact) => ({ fact })), { actor: 'test', keepRecordedMetadata: true });
  const credentials = new CredentialStore(store, systemClock);
  const tokens = {} as Record<Role, string>;
  for (const role of ['staff', 'auditor', 'supervisor', 'admin'] as const) tokens[role] = (await credentials.create(role, `${role} tester`, 'test')).token;
  await store.close();

  const app = await createApp({ store: storeUrl, demo: options.demo ?? false, bodyLimit: options.bodyLimit ?? '1mb' }, false);
  await app.init();
  return {
    app,
    runtime: app.get(LedgerRuntime),
    storeUrl,
    tokens,
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

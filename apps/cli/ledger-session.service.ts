import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { userInfo } from 'node:os';
import { Ledger, systemClock } from '../../libs/ledger';
import { openStore, storeUrlFrom, type EventStorePort } from '../../libs/store';

/**
 * Opens the store a command names (`--store`, else LEDGER_STORE, else the embedded default) once
 * per process, and the ledger over it. Closed when the CLI shuts down.
 */
@Injectable()
export class LedgerSession implements OnApplicationShutdown {
  private opened: { store: EventStorePort; ledger: Ledger } | null = null;

  async open(storeFlag: string | undefined): Promise<{ store: EventStorePort; ledger: Ledger }> {
    if (!this.opened) {
      const store = await openStore(storeUrlFrom(storeFlag));
      this.opened = { store, ledger: new Ledger(store, systemClock) };
    }
    return this.opened;
  }

  /** The local actor: the CLI runs with the operating-system user's own file access. */
  actor(flag: string | undefined): string {
    return flag ?? `cli:${userInfo().username}`;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.opened?.store.close();
    this.opened = null;
  }
}

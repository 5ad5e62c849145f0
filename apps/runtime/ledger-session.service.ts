import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { userInfo } from 'node:os';
import { Ledger, systemClock } from '../../libs/ledger';
import { createHash } from 'node:crypto';
import { openStore, storeUrlFrom, type EventStorePort } from '../../libs/store';
import { CircularDesk } from '../circulars/circular-desk';
import { ScoringProjection } from '../projections/scoring-projection';

/**
 * Opens the store a command names (`--store`, else LEDGER_STORE, else the embedded default) once
 * per process, and the ledger over it. Closed when the CLI shuts down.
 */
@Injectable()
export class LedgerSession implements OnApplicationShutdown {
  private opened: { store: EventStorePort; ledger: Ledger; url: string } | null = null;
  private projection: ScoringProjection | null = null;

  async open(storeFlag: string | undefined): Promise<{ store: EventStorePort; ledger: Ledger; url: string }> {
    if (!this.opened) {
      const url = storeUrlFrom(storeFlag);
      const store = await openStore(url);
      this.opened = { store, ledger: new Ledger(store, systemClock), url };
    }
    return this.opened;
  }

  /** The scoring projection over the store, caught up (from its checkpoint when there is one). */
  async views(storeFlag: string | undefined): Promise<ScoringProjection> {
    if (!this.projection) {
      const { store, url } = await this.open(storeFlag);
      this.projection = new ScoringProjection(store, { checkpointPath: checkpointPathFor(url) });
      await this.projection.start();
      this.projection.checkpoint();
    }
    return this.projection;
  }

  /** Issuing and verifying circulars over the caught-up projection. */
  async circulars(storeFlag: string | undefined): Promise<CircularDesk> {
    const { ledger, store } = await this.open(storeFlag);
    return new CircularDesk(ledger, store, await this.views(storeFlag));
  }

  /** The local actor: the CLI runs with the operating-system user's own file access. */
  actor(flag: string | undefined): string {
    return flag ?? `cli:${userInfo().username}`;
  }

  async onApplicationShutdown(): Promise<void> {
    this.projection?.stop();
    await this.opened?.store.close();
    this.opened = null;
  }
}

/** Checkpoints sit beside the embedded store's file; for a server store, under ./data/checkpoints. */
function checkpointPathFor(url: string): string | undefined {
  if (url === 'memory:') return undefined;
  if (url.startsWith('sqlite:')) return `${url.slice('sqlite:'.length)}.scoring.ckpt`;
  return `./data/checkpoints/${createHash('sha256').update(url).digest('hex').slice(0, 16)}.scoring.ckpt`;
}

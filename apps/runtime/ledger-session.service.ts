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
  private creates = false;

  /** The command appends (import, settle, issue, tokens, serve): it may create the embedded store's file; the others only read one that is there. */
  writes(): this {
    this.creates = true;
    return this;
  }

  async open(storeFlag: string | undefined): Promise<{ store: EventStorePort; ledger: Ledger; url: string }> {
    if (!this.opened) {
      const url = storeUrlFrom(storeFlag);
      const store = await openStore(url, { create: this.creates });
      this.opened = { store, ledger: new Ledger(store, systemClock, { checkpointPath: checkpointPathFor(url, 'ledger') }), url };
    }
    return this.opened;
  }

  /** The scoring projection over the store, caught up (from its checkpoint when there is one). */
  async views(storeFlag: string | undefined): Promise<ScoringProjection> {
    if (!this.projection) {
      const { store, url } = await this.open(storeFlag);
      this.projection = new ScoringProjection(store, { checkpointPath: checkpointPathFor(url, 'scoring') });
      await this.projection.start();
      await this.projection.checkpoint();
    }
    return this.projection;
  }

  /** Issuing and verifying circulars over the caught-up projection. */
  async circulars(storeFlag: string | undefined): Promise<CircularDesk> {
    const { ledger, store } = await this.open(storeFlag);
    return new CircularDesk(ledger, store, await this.views(storeFlag));
  }

  /**
   * The local actor: the CLI runs with the operating-system user's own file access, and that user
   * is always who is recorded (SPEC.md section 8: the actor is the authenticated one, never what
   * the input says). `--actor` names whom the operator records for, beside it: `cli:li for staff:王五`.
   */
  actor(flag: string | undefined): string {
    return flag === undefined ? `cli:${osUser()}` : `cli:${osUser()} for ${flag}`;
  }

  async onApplicationShutdown(): Promise<void> {
    this.projection?.stop();
    this.projection = null;
    // A command that folded many facts leaves the decision state for the next one (when due).
    await this.opened?.ledger.checkpoint().catch(() => undefined); // a checkpoint only saves the next command a fold
    this.opened?.ledger.close();
    await this.opened?.store.close();
    this.opened = null;
  }
}

/**
 * Checkpoints (the scoring views', the append path's decision state) sit beside the embedded
 * store's file; for a server store, under ./data/checkpoints.
 */
function checkpointPathFor(url: string, of: 'scoring' | 'ledger'): string | undefined {
  if (url === 'memory:') return undefined;
  if (url.startsWith('sqlite:')) return `${url.slice('sqlite:'.length)}.${of}.ckpt`;
  return `./data/checkpoints/${createHash('sha256').update(url).digest('hex').slice(0, 16)}.${of}.ckpt`;
}

/**
 * The operating-system user's name; a user with no entry in the passwd database (a container run
 * with --user 1001) is named by the environment, or by its uid.
 */
export function osUser(info: () => { username: string } = userInfo, env: NodeJS.ProcessEnv = process.env): string {
  try {
    return info().username;
  } catch {
    return env.USER ?? env.LOGNAME ?? `uid:${process.getuid?.() ?? 'unknown'}`;
  }
}

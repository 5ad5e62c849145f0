import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { CredentialStore } from '../../libs/credentials';
import { systemClock, type AppendContext, type Candidate, type Ledger } from '../../libs/ledger';
import type { EventStorePort } from '../../libs/store';
import type { CircularDesk } from '../circulars/circular-desk';
import { LedgerSession } from '../runtime/ledger-session.service';
import { yuxi2017Ledger } from '../fixtures/yuxi-2017-ledger';
import type { ScoringProjection } from '../projections/scoring-projection';
import { SERVE_OPTIONS, type ServeOptions } from './serve-options';

/** The actor recorded for the facts `--demo` loads. */
export const DEMO_LOADER = 'demo:fixture-2017';

/**
 * The server's one ledger: the store, the ledger's append path, the scoring projection following
 * live appends, the circular desk and the credentials. Opened before the app listens.
 */
@Injectable()
export class LedgerRuntime implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ledger');
  private parts: { store: EventStorePort; ledger: Ledger; views: ScoringProjection; desk: CircularDesk; credentials: CredentialStore; url: string } | null = null;

  constructor(
    @Inject(SERVE_OPTIONS) private readonly options: ServeOptions,
    private readonly session: LedgerSession,
  ) {}

  async onModuleInit(): Promise<void> {
    const { store, ledger, url } = await this.session.writes().open(this.options.store);
    if (this.options.demo && (await ledger.head()) === 0) {
      const facts = await yuxi2017Ledger();
      const outcome = await ledger.append(facts.map((fact) => ({ fact })), { actor: DEMO_LOADER, keepRecordedMetadata: true });
      this.logger.log(`--demo: loaded the 2017 fixture (${outcome.appended} facts)`);
    }
    const views = await this.session.views(this.options.store);
    const desk = await this.session.circulars(this.options.store);
    this.parts = { store, ledger, views, desk, credentials: new CredentialStore(store, systemClock), url };
    // The append path's decision state catches up while the server is idle, not in the first append
    // (seconds on a large ledger); appends that arrive meanwhile wait for the same catch-up.
    void ledger.head().catch((error: unknown) => this.logger.warn(`catching up the ledger state: ${error instanceof Error ? error.message : String(error)}`));
  }

  get store(): EventStorePort {
    return this.opened().store;
  }
  get ledger(): Ledger {
    return this.opened().ledger;
  }
  get views(): ScoringProjection {
    return this.opened().views;
  }
  get desk(): CircularDesk {
    return this.opened().desk;
  }
  get credentials(): CredentialStore {
    return this.opened().credentials;
  }
  get storeUrl(): string {
    return this.opened().url;
  }

  /** Appends and waits until the views have folded it (read-your-writes for the next request). */
  async append(candidates: readonly Candidate[], actor: string, forbids?: AppendContext['forbids']): Promise<{ appended: number; skipped: number; head: number }> {
    const outcome = await this.ledger.append(candidates, { actor, forbids });
    await this.views.waitFor(outcome.head); // the projection checkpoints by itself, after the response
    return outcome;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.parts?.views.checkpoint(true).catch(() => undefined); // a checkpoint only saves the next start a fold
  }

  private opened(): NonNullable<LedgerRuntime['parts']> {
    if (!this.parts) throw new Error('the ledger runtime is not open yet');
    return this.parts;
  }
}

import type { Subscription } from 'rxjs';
import { evolveScoringModelEncoded, initialScoringModel, positionAtTime, restoreScoreIndex, restoreScoringModel, ScoreIndex, snapshotScoreIndex, snapshotScoringModel, type ScoringModel } from '../../projections';
import { encodedRecordedFact, LEDGER_STREAM, ledgerFactAt, toRecordedFact } from '../../libs/ledger';
import { StoreUnavailableError, type EventStorePort } from '../../libs/store';
import { asOfInstant } from '../../libs/validation';
import { readCheckpoint, writeCheckpoint } from './checkpoint-file';

export interface ScoringProjectionOptions {
  /** Where to keep the checkpoint; none: always fold from the start. */
  readonly checkpointPath?: string;
  /** Write a checkpoint when the model has advanced this many facts since the last one. */
  readonly checkpointEvery?: number;
  /**
   * Once caught up, a checkpoint due after live appends is written this long after the fact that
   * made it due (by a timer, not inside whoever appended), so no request waits for one. Default 1 s.
   */
  readonly checkpointDelayMs?: number;
  /**
   * When the live subscription drops (the store restarted, a cluster elected a new leader), it is
   * opened again after this long, doubling on each failed attempt up to 30 s. Default 500 ms.
   */
  readonly resubscribeDelayMs?: number;
  /** How long `waitFor` waits for a position before it gives up with ProjectionBehindError. Default 30 s. */
  readonly waitTimeoutMs?: number;
}

const MAX_RESUBSCRIBE_DELAY_MS = 30_000;

/** The views did not reach a position in time: their subscription to the store is down, or far behind. */
export class ProjectionBehindError extends StoreUnavailableError {}

/** Whether the projection is following the store live, and if not, since when and why. */
export type ProjectionState =
  | { readonly live: true }
  | { readonly live: false; readonly since: string; readonly reason: string; readonly attempts: number };

/** A position or time a view cannot be asked as of: `flag` names the flag or field, `reason` says why. */
export class AsOfError extends Error {
  readonly code = 'BAD_AS_OF';
  constructor(
    readonly flag: string,
    readonly reason: string,
  ) {
    super(`${flag}: ${reason}`);
  }
}

/**
 * Folds the ledger into the scoring model through the store port's catch-up subscription: it
 * starts from the checkpoint (when one matches this ledger), catches up, then follows live
 * appends. The model is position-tagged, so a view as of any position is answered from the
 * current model with no replay at all.
 */
export class ScoringProjection {
  private current: ScoringModel = initialScoringModel();
  private scores = new ScoreIndex();
  private checkpointedAt = 0;
  private subscription: Subscription | null = null;
  private caughtUp = false;
  private stopped = false;
  /** Counts stop()s: a subscription opened for an earlier generation is not kept. */
  private generation = 0;
  /** null while the subscription is live */
  private dropped: { since: string; reason: string; attempts: number } | null = null;
  private resubscribeTimer: NodeJS.Timeout | undefined;
  private checkpointTimer: NodeJS.Timeout | undefined;
  private readonly waiters: Array<{ position: number; resolve: () => void; reject: (error: Error) => void; timer: NodeJS.Timeout }> = [];

  constructor(
    private readonly store: EventStorePort,
    private readonly options: ScoringProjectionOptions = {},
  ) {}

  get model(): ScoringModel {
    return this.current;
  }

  /** The score index kept at the model's position (tables as of any position without re-scoring). */
  get index(): ScoreIndex {
    return this.scores;
  }

  /**
   * Resolves once the model has caught up with everything stored when it started (rejects when the
   * store cannot be read then). From then on it follows live appends, and when that subscription
   * drops it is opened again from the last fact folded (`resubscribeDelayMs`).
   */
  async start(): Promise<void> {
    this.stopped = false;
    await this.loadCheckpoint();
    await new Promise<void>((resolve, reject) => {
      void this.subscribe(() => resolve(), reject).catch(reject);
    });
  }

  /** Live, or since when and why not (reported by the health check). */
  get state(): ProjectionState {
    return this.dropped === null ? { live: true } : { live: false, ...this.dropped };
  }

  /**
   * Resolves when the model has folded the given ledger position (read-your-writes after an append);
   * rejects with ProjectionBehindError when it has not within `waitTimeoutMs` (the facts are recorded
   * all the same: the views show them once the subscription is back).
   */
  waitFor(position: number): Promise<void> {
    if (this.current.position >= position) return Promise.resolve();
    if (this.stopped) return Promise.reject(new ProjectionBehindError(`the views are stopped at ledger position ${this.current.position}, before position ${position}`));
    return new Promise((resolve, reject) => {
      const timeout = this.options.waitTimeoutMs ?? 30_000;
      const timer = setTimeout(() => {
        const at = this.waiters.findIndex((w) => w.timer === timer);
        if (at >= 0) this.waiters.splice(at, 1);
        const why = this.dropped ? `the subscription to the store is down since ${this.dropped.since} (${this.dropped.reason})` : 'the views are behind the store';
        reject(new ProjectionBehindError(`the views did not reach ledger position ${position} within ${timeout} ms (they are at ${this.current.position}): ${why}; facts already appended are recorded, and the views show them once they catch up`));
      }, timeout); // not unref'd: a command waiting for its own append must answer, not exit silently
      this.waiters.push({ position, resolve, reject, timer });
    });
  }

  /**
   * `--as-of` (or another flag that names a moment, such as history's `--since`): a ledger position,
   * or an ISO time (the last fact recorded at or before it); default the head.
   */
  positionFor(asOf: string | undefined, flag = '--as-of'): number {
    const head = this.current.position;
    if (asOf === undefined) return head;
    if (/^\d+$/.test(asOf)) {
      const position = Number(asOf);
      if (position > head) throw new AsOfError(flag, `position ${position} is beyond the ledger head ${head}`);
      return position;
    }
    const instant = asOfInstant(asOf);
    if (instant === null) throw new AsOfError(flag, `${asOf} is neither a ledger position nor an ISO time (e.g. 11343, 2018-01-16 or 2018-01-16T10:00:00+08:00: a real day and time, with its offset)`);
    return positionAtTime(this.current, instant);
  }

  /**
   * History's `--since`: a ledger position, an ISO time (as `positionFor` reads them), or an issued
   * circular (its circular or fact id): the position its figures were computed at, so what was
   * recorded after it is what could have changed them (the circular's own fact among it).
   */
  sincePosition(since: string, flag = '--since'): number {
    const circular = this.current.circulars.find((c) => c.fact.type === 'CircularIssued' && (c.fact.data.circularId === since || c.fact.id === since));
    if (circular?.fact.type === 'CircularIssued') return circular.fact.data.position;
    if (/^\d+$/.test(since) || asOfInstant(since) !== null) return this.positionFor(since, flag);
    throw new AsOfError(flag, `${since} is neither a ledger position, an ISO time (e.g. 2018-01-16T10:00:00+08:00) nor the id of an issued circular`);
  }

  /**
   * Writes a checkpoint if the model advanced enough since the last one: the chain's hash at the
   * model's position is read first, then the model is taken and written at once (three attempts: facts
   * folded meanwhile move the position; under steady appends it gives up, and the next one is due soon).
   */
  async checkpoint(force = false): Promise<void> {
    const path = this.options.checkpointPath;
    for (let attempt = 0; attempt < 3; attempt++) {
      const { position } = this.current;
      if (!path || position === 0) return;
      if (!force && position - this.checkpointedAt < (this.options.checkpointEvery ?? 5000)) return;
      const headHash = await this.store.chainHashAt(LEDGER_STREAM, BigInt(position - 1));
      // The model is taken and written in one synchronous step, at the position the hash is of: a
      // fact folded while the hash was read moves the position, and the hash is read again.
      if (this.current.position !== position) continue;
      const factId = this.current.facts.idAt(position) ?? null;
      writeCheckpoint(path, { version: 7, position, factId, headHash, model: snapshotScoringModel(this.current), index: snapshotScoreIndex(this.scores.state) });
      this.checkpointedAt = position;
      return;
    }
  }

  stop(): void {
    this.stopped = true;
    this.generation += 1;
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(new ProjectionBehindError(`the views were stopped at ledger position ${this.current.position}, before position ${waiter.position}`));
    }
    this.subscription?.unsubscribe();
    this.subscription = null;
    clearTimeout(this.checkpointTimer);
    this.checkpointTimer = undefined;
    clearTimeout(this.resubscribeTimer);
    this.resubscribeTimer = undefined;
  }

  /**
   * Opens the catch-up subscription after the last fact folded. `caughtUp` is called when it has
   * read everything stored; `failed` when it ends before that (the caller decides what then).
   * Once caught up, an end or error of the subscription schedules a new one.
   */
  private async subscribe(caughtUp: () => void, failed: (error: unknown) => void): Promise<void> {
    const generation = this.generation;
    const after = this.current.position === 0 ? undefined : await this.storePositionOf(this.current.position);
    if (this.stopped || generation !== this.generation) return failed(new ProjectionBehindError('the views were stopped before they caught up'));
    this.subscription?.unsubscribe(); // never two at once
    let live = false;
    const ended = (error: unknown) => {
      if (live) this.resubscribeLater(error);
      else failed(error);
    };
    // No operator in between: this runs for every fact replayed.
    this.subscription = this.store.subscribeToAll({ after }).subscribe({
      next: (message) => {
        if (message.kind === 'caughtUp') {
          this.caughtUp = true;
          if (!live) {
            live = true;
            this.dropped = null;
            caughtUp();
          }
          return;
        }
        if (message.fact.streamId !== LEDGER_STREAM) return;
        const recorded = toRecordedFact(message.fact);
        evolveScoringModelEncoded(this.current, recorded, encodedRecordedFact(message.fact, recorded));
        this.scores.apply(this.current, recorded);
        this.release();
        if (this.caughtUp) this.scheduleCheckpoint();
      },
      error: ended,
      complete: () => ended(new StoreUnavailableError('the store ended the subscription')),
    });
  }

  /** The live subscription ended: open a new one after a delay, doubling on each failure. */
  private resubscribeLater(error: unknown): void {
    if (this.stopped) return;
    this.subscription = null;
    const reason = error instanceof Error ? error.message : String(error);
    this.dropped = { since: this.dropped?.since ?? new Date().toISOString(), reason, attempts: (this.dropped?.attempts ?? 0) + 1 };
    const base = this.options.resubscribeDelayMs ?? 500;
    const delay = Math.min(MAX_RESUBSCRIBE_DELAY_MS, base * 2 ** (this.dropped.attempts - 1));
    clearTimeout(this.resubscribeTimer);
    const generation = this.generation;
    this.resubscribeTimer = setTimeout(() => {
      this.resubscribeTimer = undefined;
      if (generation !== this.generation) return;
      // Ending before caught up again, or not opening at all, is one more failed attempt.
      const again = (error: unknown) => generation === this.generation && this.resubscribeLater(error);
      void this.subscribe(() => undefined, again).catch(again);
    }, delay);
    this.resubscribeTimer.unref();
  }

  private scheduleCheckpoint(): void {
    const due = this.current.position - this.checkpointedAt >= (this.options.checkpointEvery ?? 5000);
    if (!this.options.checkpointPath || !due || this.checkpointTimer !== undefined) return;
    this.checkpointTimer = setTimeout(() => {
      this.checkpointTimer = undefined;
      // A checkpoint only saves the next start a fold: one that cannot be written now is written another time.
      this.checkpoint().catch(() => undefined);
    }, this.options.checkpointDelayMs ?? 1000);
    this.checkpointTimer.unref(); // never what keeps a process alive
  }

  private release(): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i].position > this.current.position) continue;
      const [waiter] = this.waiters.splice(i, 1);
      clearTimeout(waiter.timer);
      waiter.resolve();
    }
  }

  private async loadCheckpoint(): Promise<void> {
    const path = this.options.checkpointPath;
    const checkpoint = path ? readCheckpoint(path) : null;
    if (!checkpoint || checkpoint.factId === null || checkpoint.headHash === null) return;
    // The checkpoint is ours only if the store holds the same fact at the same position, and the
    // same facts up to it: the chain's hash there covers every one of them.
    const stored = await ledgerFactAt(this.store, checkpoint.position);
    if (stored?.id !== checkpoint.factId) return;
    if ((await this.store.chainHashAt(LEDGER_STREAM, BigInt(checkpoint.position - 1))) !== checkpoint.headHash) return;
    this.current = restoreScoringModel(checkpoint.model);
    this.scores = new ScoreIndex(restoreScoreIndex(checkpoint.index));
    this.checkpointedAt = checkpoint.position;
  }

  private async storePositionOf(position: number): Promise<bigint | undefined> {
    return (await ledgerFactAt(this.store, position))?.position;
  }
}

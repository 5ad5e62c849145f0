import type { Subscription } from 'rxjs';
import { evolveScoringModelEncoded, initialScoringModel, positionAtTime, restoreScoreIndex, restoreScoringModel, ScoreIndex, snapshotScoreIndex, snapshotScoringModel, type ScoringModel } from '../../projections';
import { encodedRecordedFact, LEDGER_STREAM, ledgerFactAt, toRecordedFact } from '../../libs/ledger';
import type { EventStorePort } from '../../libs/store';
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
}

export class AsOfError extends Error {
  readonly code = 'BAD_AS_OF';
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
  private checkpointTimer: NodeJS.Timeout | undefined;
  private readonly waiters: Array<{ position: number; resolve: () => void }> = [];

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

  /** Resolves once the model has caught up with everything stored when it started. */
  async start(): Promise<void> {
    await this.loadCheckpoint();
    const after = this.current.position === 0 ? undefined : await this.storePositionOf(this.current.position);
    await new Promise<void>((resolve, reject) => {
      // No operator in between: this runs for every fact replayed.
      this.subscription = this.store.subscribeToAll({ after }).subscribe({
        next: (message) => {
          if (message.kind === 'caughtUp') {
            this.caughtUp = true;
            return resolve();
          }
          if (message.fact.streamId !== LEDGER_STREAM) return;
          const recorded = toRecordedFact(message.fact);
          evolveScoringModelEncoded(this.current, recorded, encodedRecordedFact(message.fact, recorded));
          this.scores.apply(this.current, recorded);
          this.release();
          if (this.caughtUp) this.scheduleCheckpoint();
        },
        error: reject,
      });
    });
  }

  /** Resolves when the model has folded the given ledger position (read-your-writes after an append). */
  waitFor(position: number): Promise<void> {
    if (this.current.position >= position) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ position, resolve }));
  }

  /** `--as-of`: a ledger position, or an ISO time (the last fact recorded at or before it); default the head. */
  positionFor(asOf: string | undefined): number {
    const head = this.current.position;
    if (asOf === undefined) return head;
    if (/^\d+$/.test(asOf)) {
      const position = Number(asOf);
      if (position > head) throw new AsOfError(`--as-of: position ${position} is beyond the ledger head ${head}`);
      return position;
    }
    const instant = asOfInstant(asOf);
    if (instant === null) throw new AsOfError(`--as-of: ${asOf} is neither a ledger position nor an ISO time (e.g. 11343, 2018-01-16 or 2018-01-16T10:00:00+08:00: a real day and time, with its offset)`);
    return positionAtTime(this.current, instant);
  }

  /** Writes a checkpoint if the model advanced enough since the last one. */
  checkpoint(force = false): void {
    const path = this.options.checkpointPath;
    if (!path || this.current.position === 0) return;
    if (!force && this.current.position - this.checkpointedAt < (this.options.checkpointEvery ?? 5000)) return;
    const factId = this.current.facts.idAt(this.current.position) ?? null;
    writeCheckpoint(path, { version: 5, position: this.current.position, factId, model: snapshotScoringModel(this.current), index: snapshotScoreIndex(this.scores.state) });
    this.checkpointedAt = this.current.position;
  }

  stop(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
    clearTimeout(this.checkpointTimer);
    this.checkpointTimer = undefined;
  }

  private scheduleCheckpoint(): void {
    const due = this.current.position - this.checkpointedAt >= (this.options.checkpointEvery ?? 5000);
    if (!this.options.checkpointPath || !due || this.checkpointTimer !== undefined) return;
    this.checkpointTimer = setTimeout(() => {
      this.checkpointTimer = undefined;
      this.checkpoint();
    }, this.options.checkpointDelayMs ?? 1000);
    this.checkpointTimer.unref(); // never what keeps a process alive
  }

  private release(): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i].position <= this.current.position) this.waiters.splice(i, 1)[0].resolve();
    }
  }

  private async loadCheckpoint(): Promise<void> {
    const path = this.options.checkpointPath;
    const checkpoint = path ? readCheckpoint(path) : null;
    if (!checkpoint || checkpoint.factId === null) return;
    // The checkpoint is ours only if the store holds the same fact at the same position.
    const stored = await ledgerFactAt(this.store, checkpoint.position);
    if (stored?.id !== checkpoint.factId) return;
    this.current = restoreScoringModel(checkpoint.model);
    this.scores = new ScoreIndex(restoreScoreIndex(checkpoint.index));
    this.checkpointedAt = checkpoint.position;
  }

  private async storePositionOf(position: number): Promise<bigint | undefined> {
    return (await ledgerFactAt(this.store, position))?.position;
  }
}

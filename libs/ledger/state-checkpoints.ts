import { restoreLedgerState, snapshotLedgerState, type LedgerState, type LedgerStateSnapshot } from '../../projections';
import { readCheckpointFile, writeCheckpointFile, type CheckpointHeader } from '../checkpoint';
import type { EventStorePort } from '../store';
import { ledgerFactAt } from './recorded-fact';

export interface StateCheckpointOptions {
  /** Where to keep the checkpoint; none: the state is always folded from the start. */
  readonly checkpointPath?: string;
  /** A checkpoint is due when the state has advanced this many facts since the last one. Default 5000. */
  readonly checkpointEvery?: number;
  /** After appends make one due, it is written this long after (by a timer, not inside the append). Default 1 s. */
  readonly checkpointDelayMs?: number;
}

/** The decision state's checkpoint file (`libs/checkpoint`). */
interface LedgerCheckpoint extends CheckpointHeader {
  readonly version: 4; // 2: with the chain's hash at its position; 3: with the adoptions naming each commission; 4: with the id index's cells
  /** The tamper-evident chain's hash at the checkpoint's fact: it covers that fact and every one before it. */
  readonly headHash: string | null;
  readonly state: LedgerStateSnapshot;
}

/**
 * The checkpoints of the ledger's decision state, so a process on a large ledger decides without
 * folding every fact first. A checkpoint names the fact at its position and the chain's hash there,
 * and is used only when the store holds that fact there with that hash (the same facts up to it, not
 * only the same id). The ledger says when its state is the store's (`write` is given only
 * such a state); writing after appends waits on a timer for a moment when it is.
 */
export class StateCheckpoints {
  private writtenAt = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: EventStorePort,
    private readonly streamId: string,
    private readonly options: StateCheckpointOptions,
  ) {}

  /** The checkpointed state, when there is one and the store holds its fact at its position. */
  async restore(): Promise<LedgerState | null> {
    const path = this.options.checkpointPath;
    const checkpoint = path ? readCheckpointFile<LedgerCheckpoint>(path, 4) : null;
    if (!checkpoint || checkpoint.factId === null || checkpoint.headHash === null) return null;
    if ((await ledgerFactAt(this.store, checkpoint.position, this.streamId))?.id !== checkpoint.factId) return null;
    if ((await this.store.chainHashAt(this.streamId, BigInt(checkpoint.position - 1))) !== checkpoint.headHash) return null;
    this.writtenAt = checkpoint.position;
    return restoreLedgerState(checkpoint.state);
  }

  /** The state is folded again from the start: nothing written counts as written for it. */
  reset(): void {
    this.writtenAt = 0;
  }

  due(position: number): boolean {
    return this.options.checkpointPath !== undefined && position - this.writtenAt >= (this.options.checkpointEvery ?? 5000);
  }

  /** The chain's hash at a position, for `write` (read first, so taking the state and writing it are one synchronous step). */
  hashAt(position: number): Promise<string | null> {
    return this.store.chainHashAt(this.streamId, BigInt(position - 1));
  }

  /** Writes a state that is the store's up to its position, with the chain's hash there (`hashAt`). */
  write(state: LedgerState, headHash: string | null): void {
    const path = this.options.checkpointPath;
    if (!path || state.position === 0) return;
    const factId = state.facts.idAt(state.position) ?? null;
    writeCheckpointFile<LedgerCheckpoint>(path, { version: 4, position: state.position, factId, headHash, state: snapshotLedgerState(state) });
    this.writtenAt = state.position;
  }

  /** When one is due at `position`: later, `attempt()`; it returns false when the state is not the store's yet (tried again later). */
  schedule(position: number, attempt: () => boolean): void {
    if (!this.due(position) || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!attempt()) this.schedule(position, attempt);
    }, this.options.checkpointDelayMs ?? 1000);
    this.timer.unref(); // never what keeps a process alive
  }

  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

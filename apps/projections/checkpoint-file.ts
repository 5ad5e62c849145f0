import { readCheckpointFile, writeCheckpointFile, type CheckpointHeader } from '../../libs/checkpoint';
import type { ScoreIndexSnapshot, ScoringModelSnapshot } from '../../projections';

/** The scoring projection's checkpoint: the model and the score index folded to a ledger position. */
export interface Checkpoint extends CheckpointHeader {
  readonly version: 7; // 4: facts encoded in buffers, the index and the model's columns as typed arrays; 5: the related index as hashed key columns; 6: the chain's hash at its position; 7: the hash indexes' cells, a unit's name given again
  /** The tamper-evident chain's hash at the checkpoint's fact: it covers that fact and every one before it. */
  readonly headHash: string | null;
  readonly model: ScoringModelSnapshot;
  readonly index: ScoreIndexSnapshot;
}

export function readCheckpoint(path: string): Checkpoint | null {
  return readCheckpointFile<Checkpoint>(path, 7);
}

export function writeCheckpoint(path: string, checkpoint: Checkpoint): void {
  writeCheckpointFile(path, checkpoint);
}

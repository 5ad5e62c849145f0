import { readCheckpointFile, writeCheckpointFile, type CheckpointHeader } from '../../libs/checkpoint';
import type { ScoreIndexSnapshot, ScoringModelSnapshot } from '../../projections';

/** The scoring projection's checkpoint: the model and the score index folded to a ledger position. */
export interface Checkpoint extends CheckpointHeader {
  readonly version: 5; // 4: facts encoded in buffers, the index and the model's columns as typed arrays; 5: the related index as hashed key columns
  readonly model: ScoringModelSnapshot;
  readonly index: ScoreIndexSnapshot;
}

export function readCheckpoint(path: string): Checkpoint | null {
  return readCheckpointFile<Checkpoint>(path, 5);
}

export function writeCheckpoint(path: string, checkpoint: Checkpoint): void {
  writeCheckpointFile(path, checkpoint);
}

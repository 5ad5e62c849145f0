import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { ScoreIndexSnapshot, ScoringModelSnapshot } from '../../projections';

/**
 * A checkpoint is the scoring model folded to a ledger position, kept in a local file so a
 * process starts serving without replaying the ledger. It names the fact at its position; a
 * checkpoint whose fact is not the store's fact at that position (another ledger) is ignored.
 * Written to a temporary file and renamed, so a crash never leaves half a checkpoint.
 */
export interface Checkpoint {
  /** bumped whenever the shape of what is stored changes; other versions are ignored */
  readonly version: 5; // 4: facts encoded in buffers, the index and the model's columns as typed arrays; 5: the related index as hashed key columns
  readonly position: number;
  readonly factId: string | null;
  readonly model: ScoringModelSnapshot;
  readonly index: ScoreIndexSnapshot;
}

export function readCheckpoint(path: string): Checkpoint | null {
  if (!existsSync(path)) return null;
  try {
    const checkpoint = deserialize(readFileSync(path)) as Checkpoint;
    return checkpoint.version === 5 ? checkpoint : null;
  } catch {
    return null; // unreadable: rebuild from the ledger, which is the source of truth
  }
}

export function writeCheckpoint(path: string, checkpoint: Checkpoint): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, serialize(checkpoint));
  renameSync(temporary, path);
}

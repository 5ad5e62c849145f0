import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { deserialize, serialize } from 'node:v8';

/**
 * A checkpoint is a fold of the ledger up to a position, kept in a local file so a process
 * starts without folding the ledger again. It names the fact at its position: a checkpoint whose
 * fact is not the store's fact at that position (another ledger) is for its owner to ignore.
 * Written to a temporary file and renamed, so a crash never leaves half a checkpoint; the ledger
 * stays the source of truth, and a checkpoint that cannot be read is no checkpoint.
 */
export interface CheckpointHeader {
  /** bumped whenever the shape of what is stored changes; other versions are ignored */
  readonly version: number;
  readonly position: number;
  readonly factId: string | null;
}

/** The checkpoint at `path` when there is one of this version, else null. */
export function readCheckpointFile<T extends CheckpointHeader>(path: string, version: T['version']): T | null {
  if (!existsSync(path)) return null;
  try {
    const checkpoint = deserialize(readFileSync(path)) as T;
    return checkpoint.version === version ? checkpoint : null;
  } catch {
    return null;
  }
}

export function writeCheckpointFile<T extends CheckpointHeader>(path: string, checkpoint: T): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, serialize(checkpoint));
  renameSync(temporary, path);
}

import type { UnitSums } from './table';

/**
 * Running column sums of one unit and month, by ledger position: each entry holds the sums after
 * every change recorded at or before its position, so the sums as of any position are one binary
 * search away. Plain arrays, so a checkpoint can serialize them.
 */
export interface DeltaLog {
  readonly positions: number[];
  /** WIDTH numbers per entry: cityAdopted, cityPoints, provincialAdopted, bonus, missedCommissions, scoredFacts */
  readonly sums: number[];
}

export const WIDTH = 6;

export function emptyLog(): DeltaLog {
  return { positions: [], sums: [] };
}

export function addToLog(log: DeltaLog, position: number, delta: readonly number[]): void {
  const n = log.positions.length;
  if (n > 0 && log.positions[n - 1] === position) {
    for (let i = 0; i < WIDTH; i++) log.sums[(n - 1) * WIDTH + i] += delta[i];
    return;
  }
  log.positions.push(position);
  for (let i = 0; i < WIDTH; i++) log.sums.push((n > 0 ? log.sums[(n - 1) * WIDTH + i] : 0) + delta[i]);
}

/** Adds the log's sums as of position p into `into`. */
export function addSumsAsOf(log: DeltaLog, p: number, into: UnitSums): void {
  let lo = 0;
  let hi = log.positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (log.positions[mid] <= p) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return;
  const at = (lo - 1) * WIDTH;
  into.cityAdopted += log.sums[at];
  into.cityPoints += log.sums[at + 1];
  into.provincialAdopted += log.sums[at + 2];
  into.bonus += log.sums[at + 3];
  into.missedCommissions += log.sums[at + 4];
  into.scoredFacts += log.sums[at + 5];
}

import { TypedColumn } from '../fact-table';
import type { ScoreLine } from './lines';
import type { UnitSums } from './table';

/**
 * Running column sums of one unit and month, by ledger position: each entry holds the sums after
 * every change recorded at or before its position, so the sums as of any position are one binary
 * search away. Typed columns, so a checkpoint stores them whole.
 */
export interface DeltaLog {
  readonly positions: TypedColumn<Uint32Array>;
  /** WIDTH numbers per entry: cityAdopted, cityPoints, provincialAdopted, bonus, missedCommissions, scoredFacts */
  readonly sums: TypedColumn<Float64Array>;
}

export interface DeltaLogSnapshot {
  readonly positions: Uint32Array;
  readonly sums: Float64Array;
}

export const WIDTH = 6;

export function emptyLog(): DeltaLog {
  return { positions: new TypedColumn<Uint32Array>(new Uint32Array(0), (n) => new Uint32Array(n)), sums: new TypedColumn<Float64Array>(new Float64Array(0), (n) => new Float64Array(n)) };
}

export function snapshotLog(log: DeltaLog): DeltaLogSnapshot {
  return { positions: log.positions.copy(), sums: log.sums.copy() };
}

export function restoreLog(snapshot: DeltaLogSnapshot): DeltaLog {
  return { positions: TypedColumn.restore<Uint32Array>(snapshot.positions, (n) => new Uint32Array(n)), sums: TypedColumn.restore<Float64Array>(snapshot.sums, (n) => new Float64Array(n)) };
}

export function addToLog(log: DeltaLog, position: number, delta: readonly number[]): void {
  const n = log.positions.length;
  if (n > 0 && log.positions.get(n - 1) === position) {
    const sums = log.sums.extend(0);
    for (let i = 0, at = (n - 1) * WIDTH; i < WIDTH; i++) sums[at + i] += delta[i];
    return;
  }
  log.positions.push(position);
  const sums = log.sums.extend(WIDTH);
  const at = n * WIDTH;
  if (n === 0) for (let i = 0; i < WIDTH; i++) sums[at + i] = delta[i];
  else for (let i = 0; i < WIDTH; i++) sums[at + i] = sums[at - WIDTH + i] + delta[i];
}

/** Adds the log's sums as of position p into `into`. */
export function addSumsAsOf(log: DeltaLog, p: number, into: UnitSums): void {
  let lo = 0;
  let hi = log.positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (log.positions.get(mid) <= p) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return;
  const at = (lo - 1) * WIDTH;
  const { sums } = log;
  into.cityAdopted += sums.get(at);
  into.cityPoints += sums.get(at + 1);
  into.provincialAdopted += sums.get(at + 2);
  into.bonus += sums.get(at + 3);
  into.missedCommissions += sums.get(at + 4);
  into.scoredFacts += sums.get(at + 5);
}

export function allZero(values: readonly number[]): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] !== 0) return false;
  return true;
}

/** One line into the log's columns: cityAdopted, cityPoints, provincialAdopted, bonus, missedCommissions, scoredFacts. */
export function addLine(values: number[], line: ScoreLine, sign: 1 | -1): void {
  if (line.column === 'city') {
    values[1] += sign * line.points;
    if (line.counted) values[0] += sign;
  } else {
    values[3] += sign * line.points;
    if (line.column === 'upper' && line.counted) values[2] += sign;
  }
  if (line.kind === 'CommissionMissed' && line.live) values[4] += sign;
  if (line.live) values[5] += sign;
}

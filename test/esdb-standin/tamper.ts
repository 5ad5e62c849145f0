import type { StandInLog } from './log';

/**
 * Tampering with the stored log, as someone with write access to the database files could: the
 * changes bypass the API, so no subscriber is told and no revision or hash is adjusted. Indexes
 * count every record of $all, system records included (see `list()`).
 */

export interface StoredRecordSummary {
  readonly index: number;
  readonly streamName: string;
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  readonly position: bigint;
}

export interface Tamper {
  /** What the log holds now, in $all order. */
  list(): StoredRecordSummary[];
  /** Replaces the data bytes of the record at `index`; later positions move if its size changes. */
  changeData(index: number, change: (data: Buffer) => Uint8Array): void;
  /** Removes the record at `index`; the records after it move up. */
  deleteRecord(index: number): void;
  /** Exchanges the records at `a` and `b`; each takes the position of the slot it lands in. */
  swapRecords(a: number, b: number): void;
}

export function tamperHandle(log: StandInLog): Tamper {
  const at = (index: number) => {
    const record = log.records[index];
    if (!record) throw new RangeError(`no record at $all index ${index}`);
    return record;
  };
  return {
    list: () => log.records.map((r, index) => ({ index, streamName: r.streamName, revision: r.revision, id: r.id, type: r.type, position: r.position })),
    changeData: (index, change) => {
      const record = at(index);
      record.data = Uint8Array.from(change(Buffer.from(record.data)));
      log.relayout();
    },
    deleteRecord: (index) => {
      at(index);
      log.records.splice(index, 1);
      log.relayout();
    },
    swapRecords: (a, b) => {
      const [first, second] = [at(a), at(b)];
      log.records[a] = second;
      log.records[b] = first;
      log.relayout();
    },
  };
}

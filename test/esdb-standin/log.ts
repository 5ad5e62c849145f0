/**
 * The stand-in's transaction log: one ordered list of records, like EventStoreDB's $all. A
 * record's position is its byte offset in the log (commit = prepare, as EventStoreDB reports for
 * events not written in explicit transactions), so positions grow by record size, not by one.
 * Stream reads go through an index by stream name, as the server's own index does.
 */

/** EventStoreDB's chunk header is 128 bytes; no record ever sits at position 0. */
const LOG_HEADER_BYTES = 128n;
/** Fixed bytes a record costs besides its variable parts (flags, ids, revision, timestamps). */
const RECORD_OVERHEAD_BYTES = 96n;
/** The wire's `created` is .NET ticks (100 ns) since the Unix epoch. */
const TICKS_PER_MILLISECOND = 10_000n;

export interface LogRecord {
  readonly streamName: string;
  readonly revision: bigint;
  /** Lower-case UUID, as the server formats a Guid. */
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly created: string;
  /** Mutable only through the tamper handle. */
  data: Uint8Array;
  readonly customMetadata: Uint8Array;
  position: bigint;
}

export interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

export type ExpectedState = { readonly kind: 'any' } | { readonly kind: 'no_stream' } | { readonly kind: 'stream_exists' } | { readonly kind: 'revision'; readonly revision: bigint };

export type AppendOutcome =
  | { readonly kind: 'success'; readonly revision: bigint; readonly position: bigint }
  /** `current` is -1n when the stream does not exist. */
  | { readonly kind: 'wrong_expected_version'; readonly current: bigint };

type Listener = (records: readonly LogRecord[]) => void;

function recordSize(record: LogRecord): bigint {
  const variable = Buffer.byteLength(record.streamName) + Buffer.byteLength(record.type) + record.data.length + record.customMetadata.length;
  return RECORD_OVERHEAD_BYTES + BigInt(variable);
}

function expectationHolds(expected: ExpectedState, current: bigint): boolean {
  switch (expected.kind) {
    case 'any':
      return true;
    case 'no_stream':
      return current === -1n;
    case 'stream_exists':
      return current >= 0n;
    case 'revision':
      return current === expected.revision;
    default: {
      const _: never = expected;
      return _;
    }
  }
}

export class StandInLog {
  readonly records: LogRecord[] = [];
  private streams = new Map<string, LogRecord[]>();
  private readonly listeners = new Set<Listener>();

  stream(name: string): readonly LogRecord[] | undefined {
    return this.streams.get(name);
  }

  append(streamName: string, expected: ExpectedState, proposed: readonly ProposedEvent[]): AppendOutcome {
    const stream = this.streams.get(streamName) ?? [];
    const current = stream.at(-1)?.revision ?? -1n;
    const replayed = this.idempotentReplay(stream, expected, proposed);
    if (replayed) return { kind: 'success', revision: replayed.revision, position: replayed.position };
    if (!expectationHolds(expected, current)) return { kind: 'wrong_expected_version', current };
    if (proposed.length === 0) {
      // The server acknowledges an empty append without writing; there is no position to report.
      return { kind: 'success', revision: current, position: stream.at(-1)?.position ?? 0n };
    }
    const created = (BigInt(Date.now()) * TICKS_PER_MILLISECOND).toString();
    const written = proposed.map((event, offset): LogRecord => ({ ...event, streamName, revision: current + 1n + BigInt(offset), created, position: 0n }));
    for (const record of written) {
      const previous = this.records.at(-1);
      record.position = previous ? previous.position + recordSize(previous) : LOG_HEADER_BYTES;
      this.records.push(record);
    }
    stream.push(...written);
    this.streams.set(streamName, stream);
    // The batch becomes visible to subscribers at once, after it is wholly in the log.
    for (const listener of [...this.listeners]) listener(written);
    const last = written[written.length - 1];
    return { kind: 'success', revision: last.revision, position: last.position };
  }

  /**
   * EventStoreDB's idempotent write, the part a client can rely on: when the proposed ids are the
   * ids of the events already stored where this append would put them (right after the expected
   * revision, or, for any/stream_exists, where the first id is found), the append succeeds
   * without writing and reports those events.
   */
  private idempotentReplay(stream: readonly LogRecord[], expected: ExpectedState, proposed: readonly ProposedEvent[]): LogRecord | null {
    if (proposed.length === 0) return null;
    const first =
      expected.kind === 'revision' ? Number(expected.revision) + 1 : expected.kind === 'no_stream' ? 0 : stream.findIndex((r) => r.id === proposed[0].id);
    if (first < 0 || first + proposed.length > stream.length) return null;
    const matches = proposed.every((event, i) => stream[first + i].id === event.id);
    return matches ? stream[first + proposed.length - 1] : null;
  }

  /** Calls `listener` with every batch appended from now on; returns the unsubscribe function. */
  onAppend(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get liveListeners(): number {
    return this.listeners.size;
  }

  /** After tampering: records keep their bytes, positions follow the new layout, the index is rebuilt. */
  relayout(): void {
    let position = LOG_HEADER_BYTES;
    const streams = new Map<string, LogRecord[]>();
    for (const record of this.records) {
      record.position = position;
      position += recordSize(record);
      const stream = streams.get(record.streamName);
      if (stream) stream.push(record);
      else streams.set(record.streamName, [record]);
    }
    this.streams = streams;
  }
}

import { randomUUID } from 'node:crypto';
import { status, type ServerWritableStream } from '@grpc/grpc-js';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { grpcError, type ServedCounts } from './append';
import type { LogRecord, StandInLog } from './log';
import { BadRequest, readEventResponse, streamIdentifier, streamNameOf } from './wire';

/**
 * Streams.Read: reads of one stream or of $all, forwards or backwards with a count, and catch-up
 * subscriptions (confirmation, the stored events, `caughtUp`, then live events). Starting points
 * follow the server: a read from a revision or position includes it, a subscription from one
 * excludes it; a backwards read of $all from a position returns what lies before it.
 */

const BACKWARDS = ReadReq.Options.ReadDirection.BACKWARDS;

type Selection = (records: readonly LogRecord[]) => readonly LogRecord[];

/** The $all filter the client builds from streamNameFilter / eventTypeFilter / excludeSystemEvents. */
function filterOf(options: ReadReq.Options): (record: LogRecord) => boolean {
  if (!options.hasFilter()) return () => true;
  const filter = options.getFilter()!;
  const onStream = filter.hasStreamIdentifier();
  const expression = onStream ? filter.getStreamIdentifier()! : filter.getEventType()!;
  const prefixes = expression.getPrefixList();
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : null;
  return (record) => {
    const value = onStream ? record.streamName : record.type;
    if (prefixes.length > 0) return prefixes.some((prefix) => value.startsWith(prefix));
    return regex ? regex.test(value) : true;
  };
}

/** What a read (or the catch-up phase of a subscription) returns, in delivery order. */
function selection(options: ReadReq.Options): { streamName: string | null; select: Selection } {
  const backwards = options.getReadDirection() === BACKWARDS;
  const subscription = options.hasSubscription();
  if (options.hasStream()) {
    const stream = options.getStream()!;
    const streamName = streamNameOf(stream.getStreamIdentifier());
    if (stream.hasEnd()) return { streamName, select: (records) => (backwards && !subscription ? [...records].reverse() : []) };
    if (stream.hasStart()) return { streamName, select: (records) => (backwards ? [] : records) };
    const revision = BigInt(stream.getRevision());
    if (subscription) return { streamName, select: (records) => records.filter((r) => r.revision > revision) };
    return { streamName, select: (records) => (backwards ? records.filter((r) => r.revision <= revision).reverse() : records.filter((r) => r.revision >= revision)) };
  }
  const all = options.getAll();
  if (!all) throw new BadRequest('read options name neither a stream nor $all');
  const matches = filterOf(options);
  const pick = (select: Selection): Selection => (records) => select(records).filter(matches);
  if (all.hasEnd()) return { streamName: null, select: pick((records) => (backwards && !subscription ? [...records].reverse() : [])) };
  if (all.hasStart()) return { streamName: null, select: pick((records) => (backwards ? [] : records)) };
  const position = BigInt(all.getPosition()!.getCommitPosition());
  if (subscription) return { streamName: null, select: pick((records) => records.filter((r) => r.position > position)) };
  return {
    streamName: null,
    select: pick((records) => (backwards ? records.filter((r) => r.position < position).reverse() : records.filter((r) => r.position >= position))),
  };
}

export function handleRead(log: StandInLog, served: ServedCounts) {
  return (call: ServerWritableStream<ReadReq, ReadResp>): void => {
    served.read += 1;
    try {
      const options = call.request.getOptions();
      if (!options) throw new BadRequest('read options missing');
      const { streamName, select } = selection(options);
      if (options.hasSubscription()) return subscribe(call, log, streamName, options, served);
      const records = streamName === null ? log.records : log.stream(streamName);
      if (!records) {
        const notFound = new ReadResp.StreamNotFound();
        notFound.setStreamIdentifier(streamIdentifier(streamName!));
        const response = new ReadResp();
        response.setStreamNotFound(notFound);
        call.write(response);
        return void call.end();
      }
      const count = Number(options.getCount());
      for (const record of select(records).slice(0, count)) call.write(readEventResponse(record));
      call.end();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      call.emit('error', grpcError(error instanceof BadRequest ? status.INVALID_ARGUMENT : status.INTERNAL, message));
    }
  };
}

function subscribe(call: ServerWritableStream<ReadReq, ReadResp>, log: StandInLog, streamName: string | null, options: ReadReq.Options, served: ServedCounts): void {
  const { select } = selection(options);
  const matches = streamName === null ? filterOf(options) : (record: LogRecord) => record.streamName === streamName;
  const confirmation = new ReadResp.SubscriptionConfirmation();
  confirmation.setSubscriptionId(randomUUID());
  const confirmed = new ReadResp();
  confirmed.setConfirmation(confirmation);
  call.write(confirmed);
  // Everything below runs in one turn of the event loop, and appends notify synchronously, so no
  // batch can fall between the catch-up snapshot and the live listener.
  const stored = streamName === null ? log.records : (log.stream(streamName) ?? []);
  const send = (record: LogRecord) => {
    served.subscribed += 1;
    call.write(readEventResponse(record));
  };
  for (const record of select(stored)) send(record);
  const caughtUp = new ReadResp();
  caughtUp.setCaughtUp(new ReadResp.CaughtUp());
  call.write(caughtUp);
  const stop = log.onAppend((records) => {
    for (const record of records) if (matches(record)) send(record);
  });
  // The client unsubscribes by cancelling the call; a server shutdown cancels it too.
  call.on('cancelled', stop);
  call.on('close', stop);
}

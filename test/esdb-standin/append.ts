import { Metadata, status, type sendUnaryData, type ServerDuplexStream, type ServerErrorResponse, type ServerReadableStream } from '@grpc/grpc-js';
import { Code } from '@eventstore/db-client/generated/code_pb';
import { BadRequest as BadRequestDetail, Empty, MaximumAppendSizeExceeded, WrongExpectedVersion, AllStreamPosition } from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { AppendReq, AppendResp, BatchAppendReq, BatchAppendResp } from '@eventstore/db-client/generated/streams_pb';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as ProtobufEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import type { ExpectedState, ProposedEvent, StandInLog } from './log';
import { BadRequest, proposedEvent, streamIdentifier, streamNameOf, uuid, uuidOf } from './wire';

/**
 * Streams.Append (client streaming: options, then one proposed message per request) and
 * Streams.BatchAppend (bidirectional: requests grouped by correlation id, answered when the
 * request marked is_final arrives). They differ in how a wrong expected revision comes back:
 * inside an OK AppendResp, or as a google.rpc.Status carrying a packed WrongExpectedVersion.
 */

export interface ServedCounts {
  getSupportedMethods: number;
  append: number;
  batchAppend: number;
  read: number;
  /** event records a subscription sent (catch-up and live), system records included when the filter lets them through */
  subscribed: number;
}

export function grpcError(code: status, message: string, exception?: string, trailers: Record<string, string> = {}): ServerErrorResponse {
  const metadata = new Metadata();
  if (exception) metadata.set('exception', exception);
  if (exception === 'missing-required-metadata-property') metadata.set('required-properties', 'type,content-type');
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return Object.assign(new Error(message), { code, details: message, metadata });
}

/** The server refuses one write of more than `MaxAppendSize` cumulative bytes (default 1 MiB). */
function appendSize(events: readonly ProposedEvent[]): number {
  return events.reduce((sum, event) => sum + event.data.length + event.customMetadata.length, 0);
}
const tooLarge = (max: number) => `Maximum Append Size of ${max} Exceeded.`;

interface ExpectedOptions {
  hasAny(): boolean;
  hasNoStream(): boolean;
  hasStreamExists(): boolean;
}

function expectedState(options: ExpectedOptions, revision: string | undefined): ExpectedState {
  if (revision !== undefined) return { kind: 'revision', revision: BigInt(revision) };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  return { kind: 'any' };
}

export function handleAppend(log: StandInLog, served: ServedCounts, maxAppendSize: number) {
  return (call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>): void => {
    let options: AppendReq.Options | undefined;
    const events: ProposedEvent[] = [];
    let failure: ServerErrorResponse | undefined;
    call.on('data', (request: AppendReq) => {
      if (failure) return;
      try {
        if (request.hasOptions()) options = request.getOptions();
        else if (!options) throw new BadRequest('the first append request must carry the options');
        if (request.hasProposedMessage()) events.push(proposedEvent(request.getProposedMessage()!));
      } catch (error) {
        failure = toGrpcError(error);
      }
    });
    call.on('end', () => {
      if (failure || !options) return callback(failure ?? grpcError(status.INVALID_ARGUMENT, 'no append options received'));
      if (appendSize(events) > maxAppendSize) {
        return callback(grpcError(status.INVALID_ARGUMENT, tooLarge(maxAppendSize), 'maximum-append-size-exceeded', { 'maximum-append-size': String(maxAppendSize) }));
      }
      served.append += 1;
      try {
        const expected = expectedState(options, options.hasRevision() ? options.getRevision() : undefined);
        const outcome = log.append(streamNameOf(options.getStreamIdentifier()), expected, events);
        const response = new AppendResp();
        if (outcome.kind === 'success') {
          const success = new AppendResp.Success();
          const position = new AppendResp.Position();
          position.setCommitPosition(outcome.position.toString());
          position.setPreparePosition(outcome.position.toString());
          success.setCurrentRevision(outcome.revision.toString());
          success.setPosition(position);
          response.setSuccess(success);
        } else {
          const wrong = new AppendResp.WrongExpectedVersion();
          if (outcome.current >= 0n) wrong.setCurrentRevision(outcome.current.toString());
          else wrong.setCurrentNoStream(new Empty());
          if (expected.kind === 'revision') wrong.setExpectedRevision(expected.revision.toString());
          else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new Empty());
          else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
          else wrong.setExpectedAny(new Empty());
          response.setWrongExpectedVersion(wrong);
        }
        callback(null, response);
      } catch (error) {
        callback(toGrpcError(error));
      }
    });
  };
}

function toGrpcError(error: unknown): ServerErrorResponse {
  if (error instanceof BadRequest) return grpcError(status.INVALID_ARGUMENT, error.message, error.exception);
  return grpcError(status.INTERNAL, error instanceof Error ? error.message : String(error));
}

interface PendingBatch {
  readonly options: BatchAppendReq.Options;
  readonly events: ProposedEvent[];
}

export function handleBatchAppend(log: StandInLog, served: ServedCounts, maxAppendSize: number) {
  return (call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>): void => {
    // One long-lived call carries every append of a client; batches may interleave.
    const pending = new Map<string, PendingBatch>();
    call.on('data', (request: BatchAppendReq) => {
      let correlation: string;
      try {
        correlation = uuidOf(request.getCorrelationId());
      } catch (error) {
        call.emit('error', toGrpcError(error));
        return;
      }
      const options = request.getOptions() ?? pending.get(correlation)?.options;
      if (!options) {
        call.write(failedBatch(correlation, new BatchAppendReq.Options(), new BadRequest('the first request of a batch must carry the options')));
        return;
      }
      const batch = pending.get(correlation) ?? { options, events: [] };
      pending.set(correlation, batch);
      try {
        batch.events.push(...request.getProposedMessagesList().map(proposedEvent));
        if (!request.getIsFinal()) return;
        pending.delete(correlation);
        if (appendSize(batch.events) > maxAppendSize) {
          const detail = new MaximumAppendSizeExceeded();
          detail.setMaxappendsize(maxAppendSize);
          const response = responseFor(correlation, options);
          response.setError(packedStatus(Code.INVALID_ARGUMENT, tooLarge(maxAppendSize), detail.serializeBinary(), 'event_store.client.MaximumAppendSizeExceeded'));
          call.write(response);
          return;
        }
        served.batchAppend += 1;
        call.write(batchResponse(log, correlation, batch));
      } catch (error) {
        pending.delete(correlation);
        call.write(failedBatch(correlation, options, error));
      }
    });
    call.on('end', () => call.end());
  };
}

function batchResponse(log: StandInLog, correlation: string, { options, events }: PendingBatch): BatchAppendResp {
  const streamName = streamNameOf(options.getStreamIdentifier());
  const expected = expectedState(options, options.hasStreamPosition() ? options.getStreamPosition() : undefined);
  const outcome = log.append(streamName, expected, events);
  const response = responseFor(correlation, options);
  if (outcome.kind === 'success') {
    const success = new BatchAppendResp.Success();
    const position = new AllStreamPosition();
    position.setCommitPosition(outcome.position.toString());
    position.setPreparePosition(outcome.position.toString());
    success.setCurrentRevision(outcome.revision.toString());
    success.setPosition(position);
    response.setSuccess(success);
    return response;
  }
  const wrong = new WrongExpectedVersion();
  if (outcome.current >= 0n) wrong.setCurrentStreamRevision(outcome.current.toString());
  else wrong.setCurrentNoStream(new ProtobufEmpty());
  if (expected.kind === 'revision') wrong.setExpectedStreamPosition(expected.revision.toString());
  else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new ProtobufEmpty());
  else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new ProtobufEmpty());
  else wrong.setExpectedAny(new ProtobufEmpty());
  response.setError(packedStatus(Code.FAILED_PRECONDITION, `Append failed due to WrongExpectedVersion. Stream: ${streamName}`, wrong.serializeBinary(), 'event_store.client.WrongExpectedVersion'));
  return response;
}

function failedBatch(correlation: string, options: BatchAppendReq.Options, error: unknown): BatchAppendResp {
  const message = error instanceof Error ? error.message : String(error);
  const detail = new BadRequestDetail();
  detail.setMessage(message);
  const response = responseFor(correlation, options);
  response.setError(packedStatus(Code.INVALID_ARGUMENT, message, detail.serializeBinary(), 'event_store.client.BadRequest'));
  return response;
}

function responseFor(correlation: string, options: BatchAppendReq.Options): BatchAppendResp {
  const response = new BatchAppendResp();
  response.setCorrelationId(uuid(correlation));
  // The client names the stream of a failed batch from the response, so it is always echoed.
  response.setStreamIdentifier(options.getStreamIdentifier() ?? streamIdentifier(''));
  if (options.hasStreamPosition()) response.setStreamPosition(options.getStreamPosition());
  else if (options.hasNoStream()) response.setNoStream(new ProtobufEmpty());
  else if (options.hasStreamExists()) response.setStreamExists(new ProtobufEmpty());
  else response.setAny(new ProtobufEmpty());
  return response;
}

function packedStatus(code: Code, message: string, detail: Uint8Array, typeName: string): Status {
  const packed = new Any();
  packed.pack(detail, typeName);
  const result = new Status();
  result.setCode(code);
  result.setMessage(message);
  result.setDetails(packed);
  return result;
}

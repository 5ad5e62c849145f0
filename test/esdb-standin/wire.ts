import { StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { LogRecord, ProposedEvent } from './log';

/**
 * Translation between the protobuf messages of EventStoreDB's gRPC API and the stand-in's log.
 * Only the string form of UUIDs is spoken (the form client 6.x sends and asks for).
 */

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A request the server refuses as malformed (gRPC INVALID_ARGUMENT). */
export class BadRequest extends Error {
  constructor(
    message: string,
    /** Set when the server reports it in the `exception` trailer (the client maps it to a typed error). */
    readonly exception?: string,
  ) {
    super(message);
  }
}

export function streamNameOf(identifier: StreamIdentifier | undefined): string {
  if (!identifier) throw new BadRequest('stream identifier missing');
  return Buffer.from(identifier.getStreamName_asU8()).toString('utf8');
}

export function streamIdentifier(name: string): StreamIdentifier {
  const identifier = new StreamIdentifier();
  identifier.setStreamName(Uint8Array.from(Buffer.from(name, 'utf8')));
  return identifier;
}

export function uuidOf(uuid: UUID | undefined): string {
  if (!uuid?.hasString()) throw new BadRequest('only string UUIDs are supported by the stand-in');
  const text = uuid.getString();
  if (!UUID_PATTERN.test(text)) throw new BadRequest(`"${text}" is not a UUID`);
  // The server parses ids into Guids and formats them back in lower case.
  return text.toLowerCase();
}

export function uuid(text: string): UUID {
  const message = new UUID();
  message.setString(text);
  return message;
}

interface ProposedMessage {
  getId(): UUID | undefined;
  getMetadataMap(): { get(key: string): string | undefined };
  getData_asU8(): Uint8Array;
  getCustomMetadata_asU8(): Uint8Array;
}

/** Append and BatchAppend carry the same proposed-message shape in two different classes. */
export function proposedEvent(message: ProposedMessage): ProposedEvent {
  const metadata = message.getMetadataMap();
  const type = metadata.get('type');
  const contentType = metadata.get('content-type');
  if (!type || !contentType) throw new BadRequest('required metadata properties missing: type, content-type', 'missing-required-metadata-property');
  return { id: uuidOf(message.getId()), type, contentType, data: Uint8Array.from(message.getData_asU8()), customMetadata: Uint8Array.from(message.getCustomMetadata_asU8()) };
}

export function readEventResponse(record: LogRecord): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent();
  recorded.setId(uuid(record.id));
  recorded.setStreamIdentifier(streamIdentifier(record.streamName));
  recorded.setStreamRevision(record.revision.toString());
  recorded.setPreparePosition(record.position.toString());
  recorded.setCommitPosition(record.position.toString());
  const metadata = recorded.getMetadataMap();
  metadata.set('type', record.type);
  metadata.set('content-type', record.contentType);
  metadata.set('created', record.created);
  recorded.setCustomMetadata(record.customMetadata);
  recorded.setData(record.data);
  const event = new ReadResp.ReadEvent();
  event.setEvent(recorded);
  event.setCommitPosition(record.position.toString());
  const response = new ReadResp();
  response.setEvent(event);
  return response;
}

import { chainHash } from '../chain';
import { StoreError } from '../errors';
import type { NewFact, StoredFact } from '../port';

/**
 * How a fact sits in EventStoreDB, independent of the client library: a JSON event whose id,
 * type and data are the fact's, and whose metadata is the fact's metadata plus its link in its
 * stream's hash chain under one reserved key. Reads strip the key again, so a stored fact's
 * metadata is exactly what was appended.
 */
export const CHAIN_KEY = '$chain';

export interface ChainFields {
  /** Hash of the previous fact of the same stream (GENESIS_HASH at revision 0). */
  readonly prev: string;
  readonly hash: string;
}

/** An event as read back, before it is trusted as a fact. */
export interface RecordedLedgerEvent {
  readonly streamId: string;
  readonly revision: bigint;
  /** Commit position in $all (equal to the prepare position for events written outside explicit transactions). */
  readonly position: bigint;
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
}

/** A stored event that this adapter did not write, or that was changed so it no longer parses as a fact. */
export class UnreadableFactError extends StoreError {
  readonly code = 'UNREADABLE_FACT';
}

/** EventStoreDB's own streams and events ($settings, $scavenges, $metadata, links `$>`) are not facts. */
export function isSystemEvent(event: { readonly streamId: string; readonly type: string }): boolean {
  return event.streamId.startsWith('$') || event.type.startsWith('$');
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** What JSON.stringify on the way in and JSON.parse on the way out will make of a value: hash that. */
export function jsonCopy(value: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

/**
 * Hash of one link; `position` is left out because it is unknown before the write. The id is
 * hashed lower-case because the server stores ids as Guids and returns them lower-case.
 */
export function linkHash(previousHash: string, streamId: string, revision: bigint, event: { id: string; type: string; data: Record<string, unknown>; metadata: Record<string, unknown> }): string {
  return chainHash(previousHash, { streamId, revision, id: event.id.toLowerCase(), type: event.type, data: event.data, metadata: event.metadata });
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Input EventStoreDB would refuse, or that would collide with the chain fields, is refused up front. */
export function assertAppendable(facts: readonly NewFact[]): void {
  if (facts.length === 0) throw new RangeError('append needs at least one fact');
  for (const fact of facts) {
    if (!UUID_PATTERN.test(fact.id)) throw new RangeError(`fact id ${fact.id} is not a UUID`);
    if (CHAIN_KEY in fact.metadata) throw new RangeError(`fact ${fact.id}: metadata key ${CHAIN_KEY} is reserved for the hash chain`);
  }
}

export interface ChainedEvent {
  readonly id: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
  /** The fact's metadata plus `$chain`. */
  readonly metadata: Record<string, unknown>;
}

/** The events that append `facts` right after a stream's head, each carrying its link in the chain. */
export function chainedEvents(streamId: string, head: { readonly revision: bigint; readonly hash: string }, facts: readonly NewFact[]): ChainedEvent[] {
  let previousHash = head.hash;
  return facts.map((fact, offset) => {
    const data = jsonCopy(fact.data);
    const metadata = jsonCopy(fact.metadata);
    const hash = linkHash(previousHash, streamId, head.revision + 1n + BigInt(offset), { id: fact.id, type: fact.type, data, metadata });
    const event = { id: fact.id, type: fact.type, data, metadata: { ...metadata, [CHAIN_KEY]: { prev: previousHash, hash } } };
    previousHash = hash;
    return event;
  });
}

/** The caller's metadata and the chain fields, or null where either is not what this adapter writes. */
export function splitMetadata(stored: unknown): { metadata: Record<string, unknown>; chain: ChainFields | null } | null {
  if (stored === undefined) return { metadata: {}, chain: null };
  if (!isJsonObject(stored)) return null;
  const { [CHAIN_KEY]: chain, ...metadata } = stored;
  const valid = isJsonObject(chain) && typeof chain.prev === 'string' && typeof chain.hash === 'string';
  return { metadata, chain: valid ? { prev: chain.prev as string, hash: chain.hash as string } : null };
}

export function toStoredFact(event: RecordedLedgerEvent): StoredFact {
  const split = splitMetadata(event.metadata);
  if (!isJsonObject(event.data) || !split) {
    throw new UnreadableFactError(`event ${event.id} at position ${event.position} (stream ${event.streamId}) is not a JSON fact`);
  }
  const { streamId, revision, position, id, type, data } = event;
  return { id, type, data, metadata: split.metadata, streamId, revision, position };
}

/** The chain fields of a stream's last event, which the next append links to. */
export function chainOf(event: RecordedLedgerEvent): ChainFields {
  const chain = splitMetadata(event.metadata)?.chain;
  if (!chain) throw new UnreadableFactError(`stream ${event.streamId} revision ${event.revision} carries no chain hash; the next fact cannot link to it`);
  return chain;
}

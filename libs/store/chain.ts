import { canonicalJson, sha256Hex } from '../canonical';

/**
 * Tamper evidence: each fact's hash covers the previous hash and the fact's canonical bytes
 * (RFC 8785), including where it sits (stream, revision and, where the store knows it at write
 * time, the global position). A changed, removed, inserted or reordered fact breaks the chain
 * at the first place it touches.
 */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The link covers the fact and where it sits in its stream, not the store's global position, so
 * the ledger stream's hashes are the same on every store, each of which chains every stream on its
 * own (the credentials beside the ledger change none of its hashes). A moved, removed or reordered
 * fact still breaks the link to its neighbour in its stream.
 */
export interface ChainLink {
  readonly streamId: string;
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly metadata: Record<string, unknown>;
}

export function chainHash(previousHash: string, link: ChainLink): string {
  const body = canonicalJson({
    streamId: link.streamId,
    revision: link.revision.toString(),
    id: link.id,
    type: link.type,
    data: link.data,
    metadata: link.metadata,
  });
  return sha256Hex(`${previousHash}\n${body}`);
}

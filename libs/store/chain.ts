import { canonicalJson, sha256Hex } from '../canonical';

/**
 * Tamper evidence: each fact's hash covers the previous hash and the fact's canonical bytes
 * (RFC 8785), including where it sits (stream, revision and, where the store knows it at write
 * time, the global position). A changed, removed, inserted or reordered fact breaks the chain
 * at the first place it touches.
 */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainLink {
  readonly position?: bigint;
  readonly streamId: string;
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly metadata: Record<string, unknown>;
}

export function chainHash(previousHash: string, link: ChainLink): string {
  const body = canonicalJson({
    ...(link.position === undefined ? {} : { position: link.position.toString() }),
    streamId: link.streamId,
    revision: link.revision.toString(),
    id: link.id,
    type: link.type,
    data: link.data,
    metadata: link.metadata,
  });
  return sha256Hex(`${previousHash}\n${body}`);
}

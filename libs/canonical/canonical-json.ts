import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';

/**
 * RFC 8785 (JSON Canonicalization Scheme) through its reference implementation. Everything that is
 * hashed or compared byte for byte (the ledger chain, circular digests, export lines) goes through here.
 */
const canonicalizeFn = canonicalizeModule as unknown as (value: unknown) => string | undefined;

export function canonicalJson(value: unknown): string {
  const text = canonicalizeFn(value);
  if (text === undefined) throw new TypeError('value cannot be represented as JSON');
  return text;
}

export function sha256Hex(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** 'sha256:<hex>' of the canonical JSON of a value. */
export function digestOf(value: unknown): string {
  return `sha256:${sha256Hex(canonicalJson(value))}`;
}

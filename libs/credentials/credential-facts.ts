import type { Role } from './roles';

/**
 * Credentials live in a stream of their own beside the ledger (same store, same tamper-evident
 * chain on SQLite), so they are append-only like the facts but never part of a ledger export or of
 * its positions. Only a token's SHA-256 is stored: the token itself is printed once.
 */
export const CREDENTIALS_STREAM = 'credentials';

export interface CredentialIssued {
  readonly type: 'CredentialIssued';
  readonly data: { tokenId: string; role: Role; name: string; tokenHash: string; issuedAt: string; issuedBy: string };
}

export interface CredentialRevoked {
  readonly type: 'CredentialRevoked';
  readonly data: { tokenId: string; revokedAt: string; revokedBy: string };
}

export type CredentialFact = CredentialIssued | CredentialRevoked;

export interface Credential {
  readonly tokenId: string;
  readonly role: Role;
  readonly name: string;
  readonly issuedAt: string;
  readonly revoked: boolean;
}

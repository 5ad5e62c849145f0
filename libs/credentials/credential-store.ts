import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { StreamNotFoundError, type EventStorePort } from '../store';
import type { Clock } from '../ledger';
import { CREDENTIALS_STREAM, type Credential, type CredentialFact } from './credential-facts';
import { isRole, ROLES, type Role } from './roles';

export class CredentialError extends Error {
  readonly code = 'BAD_CREDENTIAL_REQUEST';
}

/** A token is 32 random bytes; its SHA-256 suffices to store it (no password stretching needed for that entropy). */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const TOKEN_PREFIX = 'lgr_';
/** Re-read the stream at most this often on a hit, so a revocation on another instance lands within it. */
const REFRESH_MS = 1000;

/**
 * Bearer-token credentials: `create` appends a CredentialIssued and returns the token once;
 * `authenticate` finds the live credential of a token by its hash. The fold is rebuilt from the
 * stream incrementally, so every application instance over one store sees the same credentials.
 */
export class CredentialStore {
  private readonly byHash = new Map<string, Credential>();
  private readonly byId = new Map<string, { hash: string; credential: Credential }>();
  private nextRevision = 0n;
  private refreshedAt = -Infinity;

  constructor(
    private readonly store: EventStorePort,
    private readonly clock: Clock,
  ) {}

  async create(role: string, name: string, issuedBy: string): Promise<{ token: string; credential: Credential }> {
    if (!isRole(role)) throw new CredentialError(`role: must be one of ${ROLES.join(', ')}`);
    if (name.trim() === '' || name.length > 100) throw new CredentialError('name: must be 1 to 100 characters naming who holds the token');
    const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const tokenId = randomUUID();
    await this.append({ type: 'CredentialIssued', data: { tokenId, role, name: name.trim(), tokenHash: tokenHash(token), issuedAt: this.clock.now().toISOString(), issuedBy } });
    return { token, credential: this.byId.get(tokenId)!.credential };
  }

  async revoke(tokenId: string, revokedBy: string): Promise<Credential> {
    await this.refresh();
    const found = this.byId.get(tokenId);
    if (!found) throw new CredentialError(`tokenId: no credential ${tokenId}`);
    if (found.credential.revoked) throw new CredentialError(`tokenId: credential ${tokenId} is already revoked`);
    await this.append({ type: 'CredentialRevoked', data: { tokenId, revokedAt: this.clock.now().toISOString(), revokedBy } });
    return this.byId.get(tokenId)!.credential;
  }

  async list(): Promise<Credential[]> {
    await this.refresh();
    return [...this.byId.values()].map((c) => c.credential);
  }

  /** The live credential of a token, or null (unknown or revoked). */
  async authenticate(token: string): Promise<{ role: Role; name: string; tokenId: string } | null> {
    const hash = tokenHash(token);
    const now = Date.now();
    if (!this.byHash.has(hash) || now - this.refreshedAt > REFRESH_MS) await this.refresh();
    const credential = this.byHash.get(hash);
    return credential && !credential.revoked ? { role: credential.role, name: credential.name, tokenId: credential.tokenId } : null;
  }

  private async append(fact: CredentialFact): Promise<void> {
    await this.refresh();
    await this.store.appendToStream(CREDENTIALS_STREAM, [{ id: randomUUID(), type: fact.type, data: fact.data, metadata: { schemaVersion: 1 } }], {
      expectedRevision: this.nextRevision === 0n ? 'no_stream' : this.nextRevision - 1n,
    });
    await this.refresh();
  }

  private async refresh(): Promise<void> {
    this.refreshedAt = Date.now();
    try {
      for await (const stored of this.store.readStream(CREDENTIALS_STREAM, { fromRevision: this.nextRevision })) {
        this.evolve({ type: stored.type, data: stored.data } as CredentialFact);
        this.nextRevision = stored.revision + 1n;
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
  }

  private evolve(fact: CredentialFact): void {
    switch (fact.type) {
      case 'CredentialIssued': {
        const { tokenId, role, name, tokenHash: hash, issuedAt } = fact.data;
        const credential = { tokenId, role, name, issuedAt, revoked: false };
        this.byId.set(tokenId, { hash, credential });
        this.byHash.set(hash, credential);
        return;
      }
      case 'CredentialRevoked': {
        const found = this.byId.get(fact.data.tokenId);
        if (!found) return;
        const credential = { ...found.credential, revoked: true };
        this.byId.set(fact.data.tokenId, { hash: found.hash, credential });
        this.byHash.set(found.hash, credential);
        return;
      }
      default: {
        const _: never = fact;
        return _;
      }
    }
  }
}

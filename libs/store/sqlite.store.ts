import type { Observable } from 'rxjs';
import { chainHash, GENESIS_HASH } from './chain';
import { StreamNotFoundError } from './errors';
import { checkExpectedRevision } from './expected-revision';
import { idempotentRetry } from './idempotency';
import type { AppendResult, ChainReport, EventStorePort, ExpectedRevision, NewFact, ReadAllOptions, ReadStreamOptions, StoredFact, SubscriptionMessage } from './port';
import { chainModeOf, verifySqliteChain, type ChainMode } from './sqlite-chain';
import { openSqliteDatabase, sqliteCall, type SqliteDatabase } from './sqlite-database';
import { PAGE_SIZE, prepareStatements, toStoredFact, type SqliteStatements } from './sqlite-statements';
import { catchUpSubscription, CommitWatch } from './sqlite-subscription';

/**
 * The embedded store (SPEC section 9): the whole ledger in one SQLite file through better-sqlite3.
 *
 * - Durable: WAL with synchronous = FULL, so an acknowledged append survives a power cut.
 * - One writer at a time: each append is one BEGIN IMMEDIATE transaction that checks idempotency
 *   and the expected revision, reads the last position and hash, and inserts. Other processes or
 *   instances on the same file wait on the busy timeout instead of failing.
 * - Fact ids are idempotent across restarts because they live in a unique index in the file
 *   (EventStoreDB only remembers recent ids in a cache, so there a retry after a restart or a
 *   cache eviction can append twice unless the expected revision guards it).
 * - Positions are 1..n with no gaps and each stream's chain hash runs over its facts in that
 *   order, so verifyChain can name the first deleted, changed, swapped or forged row.
 */
export class SqliteStore implements EventStorePort {
  private readonly db: SqliteDatabase;
  private readonly chainMode: ChainMode;
  private readonly statements: SqliteStatements;
  private readonly commits: CommitWatch;
  private readonly appendTransaction: (streamId: string, facts: readonly NewFact[], expected: ExpectedRevision) => AppendResult;

  /** `path` is a file (its directory is created if missing) or `:memory:`. */
  constructor(readonly path: string) {
    this.db = openSqliteDatabase(path);
    this.chainMode = sqliteCall(() => chainModeOf(this.db));
    this.statements = prepareStatements(this.db);
    this.commits = new CommitWatch(() => this.statements.dataVersion.get()!);
    const transaction = this.db.transaction((streamId: string, facts: readonly NewFact[], expected: ExpectedRevision) =>
      this.appendInTransaction(streamId, facts, expected),
    );
    // IMMEDIATE takes the write lock before the first read, so the revision and head read below
    // cannot be overtaken by another writer between the check and the insert.
    this.appendTransaction = (streamId, facts, expected) => transaction.immediate(streamId, facts, expected);
  }

  static open(path: string): SqliteStore {
    return new SqliteStore(path);
  }

  async appendToStream(streamId: string, facts: readonly NewFact[], options: { expectedRevision?: ExpectedRevision } = {}): Promise<AppendResult> {
    if (facts.length === 0) throw new RangeError('append needs at least one fact');
    const result = sqliteCall(() => this.appendTransaction(streamId, facts, options.expectedRevision ?? 'any'));
    // After the commit, never inside it: a subscriber may append again from its handler.
    this.commits.committed();
    return result;
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<StoredFact> {
    let from = options.fromRevision ?? 0n;
    let remaining = options.maxCount ?? Infinity;
    let first = true;
    while (remaining > 0) {
      const page = sqliteCall(() => this.statements.streamPage.all(streamId, from, Math.min(PAGE_SIZE, remaining)));
      if (first && page.length === 0) break;
      first = false;
      for (const row of page) yield toStoredFact(row);
      if (page.length < PAGE_SIZE) return;
      remaining -= page.length;
      from = page[page.length - 1][2] + 1n;
    }
    // An empty first page (or maxCount 0) is either the end of an existing stream or no stream at all.
    if (first && sqliteCall(() => this.statements.lastRevision.get(streamId)) === null) throw new StreamNotFoundError(streamId);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<StoredFact> {
    let after = options.after ?? 0n;
    let remaining = options.maxCount ?? Infinity;
    while (remaining > 0) {
      const page = sqliteCall(() => this.statements.pageAfter.all(after, Math.min(PAGE_SIZE, remaining)));
      for (const row of page) yield toStoredFact(row);
      if (page.length < PAGE_SIZE) return;
      remaining -= page.length;
      after = page[page.length - 1][0];
    }
  }

  subscribeToAll(options: { after?: bigint } = {}): Observable<SubscriptionMessage> {
    return catchUpSubscription(
      {
        readPage: (after) => sqliteCall(() => this.statements.pageAfter.all(after, PAGE_SIZE)).map(toStoredFact),
        pageSize: PAGE_SIZE,
        head: () => sqliteCall(() => this.statements.headPosition.get()) ?? 0n,
        commits: this.commits,
      },
      options.after ?? 0n,
    );
  }

  async headPosition(): Promise<bigint | null> {
    return sqliteCall(() => this.statements.headPosition.get()) ?? null;
  }

  async chainHashAt(streamId: string, revision: bigint): Promise<string | null> {
    return sqliteCall(() => this.statements.hashAt.get(streamId, revision)) ?? null;
  }

  async verifyChain(): Promise<ChainReport> {
    return verifySqliteChain((after) => sqliteCall(() => this.statements.hashedPageAfter.all(after, PAGE_SIZE)), this.chainMode);
  }

  /** The connection's durability settings as SQLite reports them (for health checks and tests). */
  durability(): { journalMode: string; synchronous: number; busyTimeoutMs: number } {
    return {
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      synchronous: Number(this.db.pragma('synchronous', { simple: true })),
      busyTimeoutMs: Number(this.db.pragma('busy_timeout', { simple: true })),
    };
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    this.commits.close();
    this.db.close();
  }

  private appendInTransaction(streamId: string, facts: readonly NewFact[], expected: ExpectedRevision): AppendResult {
    // Ids live in the file, so a retry is recognised even after a restart or from another process.
    const retried = idempotentRetry(streamId, facts, (id) => {
      const row = this.statements.factById.get(id);
      return row === undefined ? undefined : toStoredFact(row);
    });
    if (retried) return retried;
    let revision = this.statements.lastRevision.get(streamId) ?? -1n;
    checkExpectedRevision(streamId, expected, revision);

    // Read inside the write transaction, never from a cache: another instance may have appended.
    const head = this.statements.head.get();
    let position = head?.[0] ?? 0n;
    // Each stream is its own chain (chain.ts), but in a file written before as one chain (sqlite-chain.ts).
    let previousHash = (this.chainMode === 'stream' ? this.statements.streamHead.get(streamId) : head?.[1]) ?? GENESIS_HASH;
    for (const fact of facts) {
      position += 1n;
      revision += 1n;
      previousHash = chainHash(previousHash, { streamId, revision, id: fact.id, type: fact.type, data: fact.data, metadata: fact.metadata });
      this.statements.insert.run(position, streamId, revision, fact.id, fact.type, JSON.stringify(fact.data), JSON.stringify(fact.metadata), previousHash);
    }
    return { nextExpectedRevision: revision, position };
  }
}

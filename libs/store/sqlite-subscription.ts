import { Observable } from 'rxjs';
import type { StoredFact, SubscriptionMessage } from './port';

/** How often a store with live subscribers looks for commits made by other connections. */
export const FOREIGN_COMMIT_POLL_MS = 150;

interface Watcher {
  /** Something was committed: read on from the last delivered position. */
  wake(): void;
  /** The store is closing. */
  end(): void;
}

/**
 * Tells subscriptions that the file may hold new facts: at once for appends through this instance,
 * and, for commits by other processes or instances, when `PRAGMA data_version` (a cheap counter
 * that moves only on other connections' commits) has changed since the last poll. The timer runs
 * only while someone is watching.
 */
export class CommitWatch {
  private readonly watchers = new Set<Watcher>();
  private timer: NodeJS.Timeout | undefined;
  private seenVersion = 0n;

  constructor(private readonly dataVersion: () => bigint) {}

  watch(watcher: Watcher): () => void {
    if (this.timer === undefined) {
      this.seenVersion = this.dataVersion();
      this.timer = setInterval(() => this.poll(), FOREIGN_COMMIT_POLL_MS);
    }
    this.watchers.add(watcher);
    return () => {
      this.watchers.delete(watcher);
      if (this.watchers.size === 0) this.stopTimer();
    };
  }

  /** An append through this instance committed. */
  committed(): void {
    for (const watcher of [...this.watchers]) watcher.wake();
  }

  close(): void {
    this.stopTimer();
    for (const watcher of [...this.watchers]) watcher.end();
    this.watchers.clear();
  }

  private poll(): void {
    let version: bigint;
    try {
      version = this.dataVersion();
    } catch {
      // Let the subscriptions' own read surface the error to their subscribers.
      this.committed();
      return;
    }
    if (version === this.seenVersion) return;
    this.seenVersion = version;
    this.committed();
  }

  private stopTimer(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

export interface SubscriptionSource {
  /** Up to `pageSize` facts after `after`, in position order, read from the file. */
  readPage(after: bigint): StoredFact[];
  readonly pageSize: number;
  /** Last stored position, 0n when empty. */
  head(): bigint;
  readonly commits: CommitWatch;
}

/**
 * Catch-up then live, driven by one pump that always reads the file after the last position it
 * delivered. Because the file is the only source (notifications carry no facts), a fact appended
 * from inside a handler, by another instance, or while a page is being delivered is read exactly
 * once, in order. One page per macrotask, so replaying a large ledger does not starve the event loop.
 */
export function catchUpSubscription(source: SubscriptionSource, after: bigint): Observable<SubscriptionMessage> {
  return new Observable<SubscriptionMessage>((subscriber) => {
    let last = after;
    // `caughtUp` marks the end of what was stored when the subscription started.
    const caughtUpAt = source.head();
    let caughtUp = false;
    let pumping = false;
    let readAgain = false;
    let scheduled: NodeJS.Immediate | undefined;

    const announceCaughtUp = (force: boolean) => {
      if (caughtUp || (!force && last < caughtUpAt)) return;
      caughtUp = true;
      subscriber.next({ kind: 'caughtUp' });
    };

    const pump = () => {
      scheduled = undefined;
      pumping = true;
      readAgain = false;
      let page: StoredFact[];
      try {
        page = source.readPage(last);
        announceCaughtUp(false);
        for (const fact of page) {
          if (subscriber.closed) return;
          last = fact.position;
          subscriber.next({ kind: 'fact', fact });
          announceCaughtUp(false);
        }
        // A short page means nothing more was stored when it was read (covers gaps left by tampering).
        if (page.length < source.pageSize) announceCaughtUp(true);
      } catch (error) {
        subscriber.error(error);
        return;
      } finally {
        pumping = false;
      }
      if (readAgain || page.length === source.pageSize) schedule();
    };

    const schedule = () => {
      if (pumping) readAgain = true;
      else if (scheduled === undefined && !subscriber.closed) scheduled = setImmediate(pump);
    };

    const unwatch = source.commits.watch({ wake: schedule, end: () => subscriber.complete() });
    schedule();
    return () => {
      unwatch();
      if (scheduled !== undefined) clearImmediate(scheduled);
    };
  });
}

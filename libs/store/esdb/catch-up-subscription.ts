import { Observable } from 'rxjs';
import type { StoredFact, SubscriptionMessage } from '../port';

/**
 * The part of the client's catch-up subscription (a Node object-mode stream) the port needs,
 * described here so that only esdb.store.ts imports the client.
 */
export interface ClientCatchUp<E> {
  on(event: 'data', listener: (event: E) => void): unknown;
  on(event: 'caughtUp', listener: () => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  /** Events received but not yet emitted as 'data'. */
  readonly readableLength: number;
  unsubscribe(): Promise<void>;
}

/**
 * The port's subscription over the client's: facts in position order, `caughtUp` once, in its
 * place. The client emits `caughtUp` as an event the moment the server's message is processed,
 * while facts received before it may still wait in the stream's buffer; counting those down puts
 * `caughtUp` back where the server sent it. Unsubscribing cancels the gRPC call.
 */
export function portSubscription<E>(open: () => ClientCatchUp<E>, toFact: (event: E) => StoredFact | null, translate: (error: unknown) => unknown): Observable<SubscriptionMessage> {
  return new Observable<SubscriptionMessage>((subscriber) => {
    const subscription = open();
    // null: not caught up yet; n > 0: facts still to deliver first; -1: said.
    let beforeCaughtUp: number | null = null;
    const sayCaughtUp = () => {
      beforeCaughtUp = -1;
      subscriber.next({ kind: 'caughtUp' });
    };
    subscription.on('data', (event) => {
      try {
        const fact = toFact(event);
        if (fact) subscriber.next({ kind: 'fact', fact });
      } catch (error) {
        subscriber.error(error);
      }
      if (beforeCaughtUp !== null && beforeCaughtUp > 0 && --beforeCaughtUp === 0) sayCaughtUp();
    });
    subscription.on('caughtUp', () => {
      // Said once: a later caughtUp (after falling behind) is no news to the port's subscribers.
      if (beforeCaughtUp !== null) return;
      beforeCaughtUp = subscription.readableLength;
      if (beforeCaughtUp === 0) sayCaughtUp();
    });
    subscription.on('error', (error) => subscriber.error(translate(error)));
    subscription.on('end', () => subscriber.complete());
    return () => void subscription.unsubscribe();
  });
}

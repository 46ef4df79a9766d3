import type { FailureReason, WireParams } from './types.js';
import { unsent, type Outcome } from './response.js';
import type { OutboxStore } from './outbox-store.js';
import { wireParams, type Hit } from './hit.js';
import { offline } from './lifecycle.js';
import { backoffDelay } from './lib/backoff-delay.js';
import { withLock } from './lib/with-lock.js';

/** Failures worth another attempt later: the hit is kept, its caller told it will be retried. */
export const RETRY: Partial<Record<FailureReason, 1>> = { failed: 1, unavailable: 1 };

/** The outbox's second chances: hits kept in the store, and brought back when they are due. */
export interface Retry {
  /**
   * Stores hits for a later attempt, in one write, and tells each `done` whether it will be retried
   * (`queued`). `params`: what the one attempted hit went out with; hits that never left report their own.
   */
  keep(hits: Hit[], outcome: Outcome, params?: WireParams): void;
  /**
   * A hit's attempt ended: a failure worth another attempt (`failed`, `unavailable`) keeps it;
   * anything else is its outcome (and a stored hit leaves the store).
   */
  ended(hit: Hit, outcome: Outcome, params: WireParams): void;
  /**
   * The page is hidden or unloads: the hits `waiting` are kept, as nothing may wait in memory any
   * more. Hits `inFlight` travel with keepalive: the browser finishes them, so stored ones among them
   * must not come back.
   */
  stash(waiting: Hit[], inFlight: Set<Hit>): void;
  /** Claims the stored hits that are due, if no other tab is replaying, and hands them to `requeue`. */
  replay(): Promise<void>;
}

/**
 * Retries through the stored outbox `store`: only a real attempt counts and backs off (or waits as
 * long as the server's Retry-After); a hit that never left (offline, page hidden) is due at once.
 * The next due hit is replayed by timer (not offline: the `online` event replays then). One tab at
 * a time replays, under the Web Lock `lockName`, held until this tab's attempts at the claimed
 * hits ended; each claimed hit also carries a lease (`outbox-store.ts`).
 */
export function createRetry(
  store: OutboxStore,
  lockName: string,
  deviceId: () => string | undefined,
  requeue: (claimed: Hit[]) => void,
): Retry {
  let timer: ReturnType<typeof setTimeout> | undefined;

  const schedule = (): void => {
    const due = store.nextDue();
    clearTimeout(timer);
    if (due < Infinity && !offline()) timer = setTimeout(replay, due - Date.now()); // a past time runs at once
  };

  const replay = async (): Promise<void> => {
    if (store.nextDue() == Infinity || offline()) return;
    await withLock(
      lockName,
      () =>
        new Promise<void>((done) => {
          const claimed = store.claim(Date.now());
          let left = claimed.length;
          if (!left) done();
          claimed.forEach((hit) => (hit.done = () => --left || done()));
          requeue(claimed);
        }),
    );
    schedule();
  };

  const retry: Retry = {
    replay,
    ended(hit, outcome, params) {
      if (RETRY[outcome.reason!]) retry.keep([hit], outcome, params);
      else {
        if (hit.lease) store.remove(hit.id);
        if (hit.done) hit.done(outcome, params);
      }
    },
    stash(waiting, inFlight) {
      retry.keep(waiting, unsent('hidden'));
      inFlight.forEach((hit) => hit.lease && store.remove(hit.id));
    },
    keep(hits, outcome, params) {
      if (!hits.length) return; // nothing waiting: no storage write at every hide
      const attempted = !!RETRY[outcome.reason!];
      hits.forEach((hit) => {
        hit.tries = (hit.tries || 0) + +attempted;
        hit.due = Date.now() + (attempted ? Math.max(backoffDelay(hit.tries), outcome.retryAfter || 0) : 0);
        // Stored again, it is free for any tab (this one included) once due.
        delete hit.lease;
      });
      const kept = store.keepAll(hits);
      schedule();
      hits.forEach((hit, i) => {
        if (hit.done) hit.done({ ...outcome, queued: kept[i] }, params || wireParams(hit, deviceId()));
      });
    },
  };
  return retry;
}

import type { WireParams } from './types.js';
import { unsent, type Outcome } from './response.js';
import type { OutboxStore } from './outbox-store.js';
import { createRetry } from './outbox-retry.js';
import { wireParams, type Hit } from './hit.js';
import { offline, onPage } from './lifecycle.js';

/** Hands a hit's final params to the transport and reports the interpreted outcome. Never rejects. */
export type Deliver = (params: WireParams) => Promise<Outcome>;

/** Hits waiting to go out, in order, and the stored ones of earlier attempts and page loads. */
export interface Outbox {
  /** Sends a hit when its turn comes; its `done` hears the outcome, once. */
  add(hit: Hit): void;
  /** Drops every hit still waiting here (visitor forgotten: reset, consent revoked); their `done` hears `dropped`. */
  clear(): void;
}

/**
 * At most this many hits in flight: a browser opens 6 connections per host anyway, and a burst of
 * hundreds of requests in one task would block the page and exhaust the keepalive budget.
 */
const MAX_IN_FLIGHT = 6;

/**
 * Hits wait behind a hit in flight for up to this long. Mautic answers in 3–10 s on a busy day, and
 * the first answer carries the device id every later hit must send (else each would make another
 * anonymous contact): a generous bound, after which the line moves on without that answer.
 */
export const HOLD_LIMIT_MS = 30_000;

/**
 * Sends hits in order, and keeps every hit that could not be delivered for a later attempt.
 *
 * - At most 6 hits in flight; while the visitor has no device id, one at a time: before Mautic's
 *   first answer there is no id, and hits sent in parallel would each create another anonymous
 *   contact. The end of each delivery releases the next (no polling); a hit unanswered after
 *   HOLD_LIMIT_MS stops holding the others back.
 * - Network failures, `408`/`429`/`503` and offline hits go to the stored outbox (`outbox-store.ts`)
 *   and are retried (`outbox-retry.ts`) with backoff, on `online`, when the page is shown again, and
 *   on the site's next page load — before that page's own hits.
 * - When the page is hidden or unloads, hits still waiting here are stored; hits already in flight
 *   travel with `keepalive` and are treated as delivered.
 * - Stored hits are replayed by one tab at a time (a Web Lock, and a lease on each hit).
 */
export function createOutbox(
  deliver: Deliver,
  deviceId: () => string | undefined,
  store: OutboxStore,
  lockName: string,
): Outbox {
  const waiting: Hit[] = [];
  /** Every hit whose request is out: at unload, stored ones among them are left to the browser. */
  const inFlight = new Set<Hit>();
  /** Those of them that still hold back the line: not answered, and not yet HOLD_LIMIT_MS old. */
  const holding = new Set<Hit>();
  /** The hit in flight that must end before any other leaves (no device id yet, or a stored hit). */
  let holder: Hit | undefined;
  let started = false;
  let ready = false;
  // Claimed stored hits go first in line.
  const retry = createRetry(store, lockName, deviceId, (claimed) => {
    waiting.unshift(...claimed);
    go();
  });

  /** Sends what may go now: `send` releases the next when its attempt ends (no polling). */
  const pump = (): void => {
    while (ready && waiting.length) {
      // Stored hits (claimed: they carry a lease) go one at a time so they arrive, and are dated by
      // Mautic, in their order.
      if (holding.size && (holding.has(holder!) || holding.size >= MAX_IN_FLIGHT || waiting[0].lease || !deviceId())) break;
      // Nothing is attempted offline: everything waiting is stored, in one write.
      if (offline()) return retry.keep(waiting.splice(0), unsent('offline'));
      send(waiting.shift()!);
    }
  };

  const send = (hit: Hit): void => {
    const params = wireParams(hit, deviceId());
    if (hit.lease || !deviceId()) holder = hit;
    inFlight.add(hit);
    holding.add(hit);
    // A slow answer is awaited, so later hits go with its device id; a hung one stops holding the
    // line after a while (its request goes on, and its late answer is still read).
    const bound = setTimeout(() => (holding.delete(hit), pump()), HOLD_LIMIT_MS);
    deliver(params).then((outcome) => {
      clearTimeout(bound);
      holding.delete(hit);
      inFlight.delete(hit);
      retry.ended(hit, outcome, params);
      pump();
    });
  };

  /** The line may move (from the first claim of stored hits on). */
  const go = (): void => {
    ready = true;
    pump();
  };

  return {
    add(hit) {
      waiting.push(hit);
      if (!started) {
        started = true;
        onPage('hidden', () => retry.stash(waiting.splice(0), inFlight));
        onPage('shown', retry.replay);
        onPage('online', retry.replay);
        // Hits stored by earlier pages go first: the page's own hits wait for the claim.
        retry.replay().then(go);
      }
      pump();
    },
    clear() {
      waiting.splice(0).forEach((hit) => hit.done && hit.done(unsent('dropped'), hit.params));
    },
  };
}

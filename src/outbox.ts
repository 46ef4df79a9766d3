import type { FailureReason, WireParams } from './types.js';
import type { Outcome } from './response.js';
import { wireParams, type Hit } from './hit.js';
import { createOutboxStore, type OnDrop } from './outbox-store.js';
import { offline, onPage } from './lifecycle.js';
import type { StorageArea } from './lib/storage-area.js';

/** Hands a hit's final params to the transport and reports the interpreted outcome. Never rejects. */
export type Deliver = (params: WireParams) => Promise<Outcome>;

/** Hits waiting to go out, in order, and the stored ones of earlier attempts and page loads. */
export interface Outbox {
  /** Sends a hit when its turn comes; its `done` (every hit handed here has one) hears the outcome, once. */
  add(hit: Hit): void;
  /** Drops every hit still waiting here (visitor forgotten: reset, consent revoked); their `done` hears `dropped`. */
  clear(): void;
}

/**
 * The outcome of a hit that did not leave (a guard stopped it, or the outbox kept it): `transport`
 * none, and why. `queued`: it is kept and will be sent later.
 */
export function unsent(reason: FailureReason, queued?: boolean): Outcome {
  // `queued` only when set: the detail shows no `queued: undefined` (nor false).
  return { ok: false, transport: 'none', reason, ...(queued && { queued }) };
}

/** Failures worth another attempt later (network, 408/429/503): the outbox keeps the hit. */
export const retried = (outcome: Outcome): boolean => outcome.reason == 'failed' || outcome.reason == 'unavailable';

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
 * Sends hits in order, and keeps every hit that could not be delivered for a later attempt, in the
 * stored outbox under `key` of `area()` (`outbox-store.ts`; `onDrop` hears what its bounds drop).
 *
 * - At most 6 hits in flight; while the visitor has no device id, one at a time: before Mautic's
 *   first answer there is no id, and hits sent in parallel would each create another anonymous
 *   contact. The end of each delivery releases the next (no polling); a hit unanswered after
 *   HOLD_LIMIT_MS stops holding the others back.
 * - Network failures, `408`/`429`/`503` (`failed`, `unavailable`) and offline hits are stored and
 *   retried with backoff, on `online`, when the page is shown again, and on the site's next page
 *   load — before that page's own hits.
 * - When the page is hidden or unloads, hits still waiting are stored; hits in flight travel with
 *   `keepalive` and are the browser's: stored ones among them leave the store.
 * - One tab at a time replays stored hits (a Web Lock, and a lease on each hit); they go one at a
 *   time, in order.
 */
export function createOutbox(deliver: Deliver, deviceId: () => string | undefined, area: () => StorageArea, key: string, onDrop: OnDrop): Outbox {
  const waiting: Hit[] = [];
  // Hits whose request is out (at unload, stored ones among them are left to the browser), and those
  // of them that still hold back the line (not answered, and not yet HOLD_LIMIT_MS old).
  const inFlight = new Set<Hit>();
  const holding = new Set<Hit>();
  /** The hit in flight that must end before any other leaves (no device id yet, or a stored hit). */
  let holder: Hit | undefined;
  let ready: boolean | undefined; // unset until the first hit; true once stored hits were claimed
  // Claimed stored hits go first in line.
  const [keep, replay, forget] = createOutboxStore(area, key, onDrop, deviceId, (claimed) => (waiting.unshift(...claimed), go()));
  /** Sends what may go now: each attempt's end sends the next (no polling). */
  const pump = (): void => {
    while (ready && waiting[0]) {
      // Claimed hits (they carry a lease) go one at a time, so they arrive (and Mautic dates them) in order.
      if (holding.size && (holding.has(holder!) || holding.size >= MAX_IN_FLIGHT || waiting[0].lease || !deviceId())) break;
      // Nothing is attempted offline: everything waiting is stored, in one write.
      if (offline()) return keep(waiting.splice(0), unsent('offline'));
      const hit = waiting.shift()!;
      const id = deviceId();
      const params = wireParams(hit, id);
      if (hit.lease || !id) holder = hit;
      inFlight.add(hit);
      holding.add(hit);
      // A slow answer is awaited (later hits go with its device id); a hung one stops holding the line
      // after a while (its request goes on, and its late answer is still read).
      const bound = setTimeout(() => (holding.delete(hit), pump()), HOLD_LIMIT_MS);
      deliver(params).then((outcome) => {
        clearTimeout(bound);
        holding.delete(hit);
        inFlight.delete(hit);
        // Failures worth another attempt keep the hit; anything else is its outcome.
        if (retried(outcome)) keep([hit], outcome, params);
        else forget(hit), hit.done!(outcome, params);
        pump();
      });
    }
  };
  const go = (): void => void ((ready = true), pump());
  return {
    add(hit) {
      waiting.push(hit);
      if (ready == null) {
        ready = false;
        onPage('hidden', () => (keep(waiting.splice(0), unsent('hidden')), inFlight.forEach(forget)));
        onPage('shown', replay);
        onPage('online', replay);
        // Hits stored by earlier pages go first: the page's own hits wait for the claim.
        replay().then(go);
      }
      pump();
    },
    clear() {
      waiting.splice(0).forEach((hit) => hit.done!(unsent('dropped'), hit.params));
    },
  };
}

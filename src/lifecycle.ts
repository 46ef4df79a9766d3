import { patchHistory, NAVIGATED } from './navigation.js';
import { IN_SCRIPT_TAG } from './config.js';

/**
 * What a page tells its trackers:
 * - `hidden`: the page was hidden (`visibilitychange`) or is unloading (`pagehide`);
 * - `shown`: visible again (`visibilitychange`), or restored from the back/forward cache (`pageshow`
 *   with `persisted`; a first `pageshow` is no return);
 * - `online`: the browser is back online;
 * - `navigated`: a single-page app changed the URL: `pushState` / `replaceState` (patched on the
 *   first subscription to `navigated`), back/forward (`popstate`), `hashchange`.
 */
export type PageEvent = 'hidden' | 'shown' | 'online' | 'navigated';

/** True from `pagehide` until the page is shown again: the page is going away. */
export let unloading = false;

/** True when the browser says it is offline (nothing is attempted then; `online` tells the way back). */
export const offline = (): boolean => navigator.onLine === false;

/** Subscriptions, in the order they were made. */
const subscribers = new Set<[PageEvent, (event: Event) => void]>();
let started = false;
let navigating = false;

const emit = (name: PageEvent, event: Event): void =>
  subscribers.forEach(([on, listener]) => on == name && listener(event));

/**
 * Calls `listener` on each `name` event of the page from now on, until the returned function is
 * called (npm only: in the script-tag bundles, which never unsubscribe, it does nothing). The first subscription (the first outbox, identity or navigation watcher of the page)
 * starts hearing the page, once per page (per copy of the bundle): every browser listener of the
 * tracker is registered then, in this order, and a page event reaches its subscribers in the order
 * they subscribed:
 * 1. `pagehide`: `unloading` is set, then `hidden` is emitted. So a transport whose POST the
 *    navigation cut off knows the page is unloading (its keepalive request goes on: no pixel, no
 *    retry) before any outbox stashes what still waits. (The transport sends only what an outbox
 *    hands it, and an outbox subscribes before its first hit.)
 * 2. `pageshow`: `unloading` is cleared; then, for a page restored from the back/forward cache,
 *    `shown` is emitted (the outboxes replay).
 * 3. `visibilitychange` (on `document`): `hidden` or `shown`.
 * 4. `online`.
 * 5. Only from the first subscription to `navigated` on (automatic SPA pageviews): history patched,
 *    then our history event, `popstate` and `hashchange`: `navigated`. A page without them pays for
 *    none of it.
 * Nothing here runs before a tracker subscribes, so creating one touches no browser global.
 */
export function onPage(name: PageEvent, listener: (event: Event) => void): () => void {
  const subscription: [PageEvent, (event: Event) => void] = [name, listener];
  if (!started) {
    started = true;
    addEventListener('pagehide', (event) => {
      unloading = true;
      emit('hidden', event);
    });
    addEventListener('pageshow', (event) => {
      unloading = false;
      if (event.persisted) emit('shown', event);
    });
    document.addEventListener('visibilitychange', (event) => emit(document.visibilityState == 'hidden' ? 'hidden' : 'shown', event));
    addEventListener('online', (event) => emit('online', event));
  }
  if (name == 'navigated' && !navigating) {
    navigating = true;
    patchHistory();
    [NAVIGATED, 'popstate', 'hashchange'].forEach((type) => addEventListener(type, (event) => emit('navigated', event)));
  }
  subscribers.add(subscription);
  // Only npm `destroy()` unsubscribes (automatic pageviews); a function still, as a mark of being subscribed.
  return IN_SCRIPT_TAG ? () => {} : () => void subscribers.delete(subscription);
}

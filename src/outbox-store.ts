import type { WireParams } from './types.js';
import type { Outcome } from './response.js';
import { wireParams, type Hit } from './hit.js';
import { offline } from './lifecycle.js';
import type { StorageArea } from './lib/storage-area.js';
import { backoffDelay } from './lib/backoff-delay.js';
import { withLock } from './lib/with-lock.js';

/**
 * Bounds of the stored outbox, so a blocked endpoint never fills the visitor's storage: at most 100
 * hits, 64 KiB of JSON, each at most 24 hours old. Beyond them the oldest hits are dropped.
 */
export const OUTBOX_LIMITS = { hits: 100, bytes: 65_536, ageMs: 86_400_000 };

/**
 * How long a tab may hold a claimed stored hit before other tabs may send it: past the transport's
 * 60 s request limit, so a slow answer in one tab never lets another tab send the hit again.
 */
const LEASE_MS = 90_000;

/**
 * A hit as the outbox stores it: its times are numbers (NaN otherwise), so timers and bounds work.
 * Anything else in the key (tampered, another version) is dropped; only the tab's own code writes
 * it, and any other field is harmless (`encodeForm` encodes any value).
 */
const isStoredHit = (hit: Hit): boolean => Math.min(hit.at, hit.tries!, hit.due!) >= 0;

/**
 * The stored outbox under `key` of `area` (localStorage unless a privacy mode chose sessionStorage or
 * memory): shared by the tabs of the site, read whole. Hits are stored as they are (`Hit`): their
 * data fields, as JSON leaves `done` out.
 */
export function readOutbox(area: StorageArea, key: string): Hit[] {
  try {
    // Not a list, or a null in it: the whole key is none.
    return JSON.parse(area.get(key) || '[]').filter(isStoredHit);
  } catch (_) {
    return [];
  }
}

/** Hears a hit the stored outbox dropped (its bounds, or a storage that refused the write), and why. */
export type OnDrop = (hit: Hit, why: string) => void;

/**
 * Stores `list` whole under `key`, within the bounds (the oldest go first). `onDrop` hears every hit
 * the bounds, or a storage that refused the write, dropped. Returns what is stored afterwards.
 */
export function writeOutbox(area: StorageArea, key: string, list: Hit[], onDrop: OnDrop): Hit[] {
  const now = Date.now();
  const kept = list.filter((hit) => now - hit.at < OUTBOX_LIMITS.ageMs || void onDrop(hit, 'older than 24 h')).sort((a, b) => a.at - b.at);
  let json: string;
  // An empty list always fits.
  while (kept.length > OUTBOX_LIMITS.hits || (json = JSON.stringify(kept)).length > OUTBOX_LIMITS.bytes) onDrop(kept.shift()!, 'outbox full');
  if (kept[0]) area.set(key, json!);
  else area.remove(key);
  if (area.get(key) == (kept[0] ? json! : null)) return kept;
  // A browser that refused the write (storage full or disabled) kept none of it: what an earlier
  // write left there is all that is stored.
  kept.forEach((hit) => onDrop(hit, 'storage refused'));
  return readOutbox(area, key);
}

/**
 * The stored outbox's part in a line (`outbox.ts`), as `[keep, replay, forget]`:
 * - `keep(hits, outcome, params?)` stores hits in one write, and tells each `done` whether it is kept
 *   (`queued`), with `params` (what the one attempted hit went out with) or its own. Only a real
 *   attempt counts and backs off (or waits as long as the server's Retry-After); a hit that never
 *   left (offline, hidden) is due at once.
 * - `replay()` claims the stored hits that are due, with a 90 s lease, if no other tab is replaying:
 *   under the Web Lock `key`, held until this tab's attempts at them ended. `requeue` puts them first
 *   in line. The next due hit is replayed by timer (not offline: `online` replays then).
 * - `forget(hit)`: a claimed hit ended (delivered, or handed to the browser at unload).
 */
export function createOutboxStore(
  area: () => StorageArea,
  key: string,
  onDrop: OnDrop,
  deviceId: () => string | undefined,
  requeue: (claimed: Hit[]) => void,
): [(hits: Hit[], outcome: Outcome, params?: WireParams) => void, () => Promise<void>, (hit: Hit) => void] {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const read = () => readOutbox(area(), key);
  const write = (list: Hit[]) => writeOutbox(area(), key, list, onDrop);

  /** Replays when the next stored hit is due (or its lease ends); a past time runs at once. */
  const replayLater = (): void => {
    const due = Math.min(...read().map((hit) => Math.max(hit.due!, hit.lease || 0)));
    clearTimeout(timer);
    if (due < Infinity && !offline()) timer = setTimeout(replay, due - Date.now());
  };

  const replay = async (): Promise<void> => {
    if (!read()[0] || offline()) return;
    await withLock(
      key,
      () =>
        new Promise<void>((release) => {
          const now = Date.now();
          const list = read();
          const claimed = list.filter((hit) => hit.due! <= now && !(hit.lease! > now));
          let left = claimed.length;
          claimed.forEach((hit) => ((hit.lease = now + LEASE_MS), (hit.done = () => --left || release())));
          if (left) write(list), requeue(claimed);
          else release();
        }),
    );
    replayLater();
  };

  const keep = (hits: Hit[], outcome: Outcome, params?: WireParams): void => {
    if (!hits[0]) return; // nothing waiting: no storage write at every hide
    const attempted = outcome.transport != 'none';
    hits.forEach((hit) => {
      hit.tries = (hit.tries || 0) + +attempted;
      hit.due = Date.now() + (attempted ? Math.max(backoffDelay(hit.tries), outcome.retryAfter || 0) : 0);
      delete hit.lease; // stored again, it is free for any tab (this one included) once due
    });
    const kept = write(read().filter((stored) => !hits.some((hit) => hit.id == stored.id)).concat(hits));
    replayLater();
    // A refused write keeps none of `hits` (what `write` returns is then a fresh read).
    hits.forEach((hit) => hit.done!({ ...outcome, queued: kept.includes(hit) }, params || wireParams(hit, deviceId())));
  };

  return [keep, replay, (hit) => void (hit.lease && write(read().filter((stored) => stored.id != hit.id)))];
}

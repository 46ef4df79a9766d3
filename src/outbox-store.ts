import type { Hit } from './hit.js';
import type { StorageArea } from './lib/storage-area.js';

/**
 * Bounds of the stored outbox, so a blocked endpoint never fills the visitor's storage: at most 100
 * hits, 64 KiB of JSON, each at most 24 hours old. Beyond them the oldest hits are dropped.
 */
export const OUTBOX_LIMITS = { hits: 100, bytes: 65_536, ageMs: 86_400_000 };

/**
 * How long a tab may hold a claimed hit before other tabs may send it: past the transport's
 * 60 s request limit, so a slow answer in one tab never lets another tab send the hit again.
 */
const LEASE_MS = 90_000;

/**
 * The stored outbox, in localStorage by default: shared by the tabs of the site, read and written
 * whole. It stores hits as they are (`Hit`): their data fields, as JSON leaves `done` out.
 */
export interface OutboxStore {
  /**
   * Adds or replaces hits, in one write (a retry, or everything waiting when the page hides or goes
   * offline). One answer per hit: false when the bounds or the storage dropped it at once.
   */
  keepAll(hits: Hit[]): boolean[];
  /** Forgets hits that were delivered (or handed to the browser at unload). */
  remove(id: string): void;
  /** Leases and returns every hit that is due and not leased by another tab, oldest first. */
  claim(now: number): Hit[];
  /** The earliest time a stored hit is due (or leased until): Infinity when none is stored. */
  nextDue(): number;
}

/** A hit as the outbox stores it; anything else in its key (tampered, another version) is none. */
const isStoredHit = (hit: Hit): boolean =>
  !!hit &&
  typeof hit.id == 'string' &&
  (hit.type == 'pageview' || hit.type == 'event') &&
  // Numbers all three (NaN otherwise).
  Math.min(hit.at, hit.tries!, hit.due!) >= 0 &&
  !!hit.params &&
  typeof hit.params == 'object' &&
  Object.values(hit.params).every((value) => typeof value == 'string');

/**
 * Creates the store under `key` of the storage area `area()` (localStorage unless a privacy mode
 * chose sessionStorage or memory). `onDrop` hears every hit the bounds (or a full storage) dropped.
 */
export function createOutboxStore(
  key: string,
  area: () => StorageArea,
  onDrop: (hit: Hit, why: string) => void,
): OutboxStore {
  const read = (): Hit[] => {
    try {
      const list = JSON.parse(area().get(key) || '[]');
      return Array.isArray(list) ? list.filter(isStoredHit) : [];
    } catch (_) {
      return [];
    }
  };

  /** Stores the list within the bounds; returns the ids the storage holds afterwards. */
  const write = (list: Hit[]): string[] => {
    const now = Date.now();
    const kept = list
      .filter((hit) => now - hit.at < OUTBOX_LIMITS.ageMs || (onDrop(hit, 'older than 24 h'), false))
      .sort((a, b) => a.at - b.at);
    let json: string;
    // The oldest go first, until both bounds hold (an empty list always fits).
    while (kept.length > OUTBOX_LIMITS.hits || (json = JSON.stringify(kept)).length > OUTBOX_LIMITS.bytes) {
      const bound = kept.length > OUTBOX_LIMITS.hits ? '100 hits' : '64 KiB';
      onDrop(kept.shift()!, 'outbox full (' + bound + ')');
    }
    if (kept.length) area().set(key, json);
    else area().remove(key);
    if (area().get(key) == (kept.length ? json : null)) return kept.map((hit) => hit.id);
    // A browser that refused the write (storage full or disabled) kept none of it: say so. What an
    // earlier write left there is all that is stored.
    kept.forEach((hit) => onDrop(hit, 'storage refused'));
    return read().map((hit) => hit.id);
  };

  return {
    keepAll(hits) {
      const ids = hits.map((hit) => hit.id);
      const kept = write(read().filter((stored) => ids.indexOf(stored.id) < 0).concat(hits));
      return ids.map((id) => kept.indexOf(id) >= 0);
    },
    remove(id) {
      const list = read();
      if (list.some((hit) => hit.id == id)) write(list.filter((hit) => hit.id != id));
    },
    claim(now) {
      const list = read();
      const due = list.filter((hit) => hit.due! <= now && !(hit.lease! > now));
      due.forEach((hit) => (hit.lease = now + LEASE_MS));
      if (due.length) write(list);
      return due;
    },
    nextDue: () => Math.min(...read().map((hit) => Math.max(hit.due!, hit.lease || 0))),
  };
}

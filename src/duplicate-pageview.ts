import type { Hit } from './hit.js';

/** A second identical pageview this soon after the first is the snippet pasted twice, not a visit. */
const DUPLICATE_WINDOW_MS = 2000;

/** The last pageview that left, to recognise its twin. `D`: what a twin shares (its delivery). */
export interface DuplicatePageviews<D> {
  /** What the identical pageview (counter aside) that left less than 2 s before `hit` shares, if any. */
  get(hit: Hit): D | undefined;
  /** Remembers a hit that left for delivery, and what a twin of it would share. */
  set(hit: Hit, delivery: D): void;
}

/**
 * Recognises the snippet pasted twice: it queues `send pageview` twice, and the second pageview
 * (the same params but the counter, within 2 s) shares the first one's delivery. Events are never
 * duplicates.
 */
export function createDuplicatePageviews<D>(): DuplicatePageviews<D> {
  let last: [key: string, at: number, delivery: D] | undefined;
  const keyOf = (hit: Hit) => hit.type == 'pageview' && JSON.stringify({ ...hit.params, counter: '' });
  return {
    // An event's key is false, never equal to a pageview's.
    get: (hit) => (last && keyOf(hit) == last[0] && hit.at - last[1] < DUPLICATE_WINDOW_MS ? last[2] : undefined),
    set(hit, delivery) {
      const key = keyOf(hit);
      if (key) last = [key, hit.at, delivery];
    },
  };
}

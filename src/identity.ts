import type { MauticResponse } from './types.js';
import { cookie } from './lib/cookie.js';
import type { StorageArea } from './lib/storage-area.js';

/** The visitor's identity as this browser knows it. */
export interface Identity {
  /** The latest device id: learnt from a response, or written by another tab of the site. */
  deviceId(): string | undefined;
  /**
   * Keeps the ids a Mautic response carries (`device_id` or `sid`, and `id`). `visitor`: the
   * `visitor()` of when its request was sent. An answer to a request sent before the ids changed
   * otherwise (forgotten here, or changed by another tab: its reset, its newer answer) is not kept,
   * so a late answer cannot bring a forgotten visitor back, here or in another tab.
   */
  remember(response: MauticResponse, visitor?: number): void;
  /**
   * What this tab knows of the visitor, as a number that changes whenever the ids change other than
   * by `remember`: forgotten here, or removed or written by another tab.
   */
  visitor(): number;
  /** Forgets both ids: memory, the given storage areas and the cookies. */
  forget(areas: StorageArea[]): void;
}

// Mautic issues 23-character [0-9a-z] device ids; anything unlike an id (tampered storage,
// another tool's value) is never sent as one.
const isDeviceId = (value: unknown): value is string => typeof value == 'string' && /^[0-9A-Za-z]{8,64}$/.test(value);

/**
 * Identity kept in a storage area (`area()`: localStorage by default, sessionStorage or memory in the
 * privacy modes) and, when `cookies()` allows, first-party cookies (the `mtc_id` cookie is read
 * server-side by shop plugins), with an in-memory copy so tracking goes on when storage throws.
 * Keys and cookie names are Mautic's own (`mautic_device_id`, `mtc_id`), followed by `suffix` for a
 * second tracker on the page.
 */
export function createIdentity(area: () => StorageArea, cookies: () => boolean, suffix = ''): Identity {
  const deviceKey = 'mautic_device_id' + suffix;
  const contactKey = 'mtc_id' + suffix;
  let device: string | undefined;
  let visitor = 0;
  /** What storage held at the last read: anything else there now was written by another tab. */
  let seen: string | null | undefined;
  // Our own write (or removal) is no other tab's, and a refused one leaves the old value, not ours.
  const read = (): string | null => (seen = area().get(deviceKey));
  // Storage is read at each use rather than followed with a `storage` listener: once the page has
  // read it, a read is a lookup in the page's copy, while registering the listener costs every page
  // about a millisecond. The cookie is read once, and only when storage has no id.
  const current = (): string | undefined => {
    const before = seen;
    const stored = read();
    if (stored !== before) {
      // Another tab's reset, revoke or answer: what was asked before it must not undo it.
      if (before !== undefined) visitor++;
      const kept = before === undefined && !isDeviceId(stored) && cookies() && cookie(deviceKey);
      // Removed (another tab's reset or revoke): forgotten here too, not written back from memory.
      device = isDeviceId(stored) ? stored : isDeviceId(kept) ? kept : stored == null ? undefined : device;
    }
    return device;
  };
  const keep = (key: string, value: string): void => {
    area().set(key, value);
    if (cookies()) cookie(key, value);
  };

  return {
    deviceId: current,
    visitor: () => (current(), visitor),
    remember(response, sentTo = visitor) {
      current();
      if (sentTo != visitor) return;
      const id = response.device_id || response.sid;
      if (isDeviceId(id)) keep(deviceKey, (device = id));
      // Also refuses a missing id ('undefined', 'null').
      if (/^[1-9]\d{0,19}$/.test('' + response.id)) keep(contactKey, '' + response.id);
      read();
    },
    forget(areas) {
      visitor++;
      device = undefined;
      for (const key of [deviceKey, contactKey]) {
        areas.forEach((stored) => stored.remove(key));
        cookie(key, '');
      }
      read();
    },
  };
}

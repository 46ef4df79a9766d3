import type { MauticResponse } from './types.js';
import { readCookie, writeCookie } from './lib/cookie.js';
import type { StorageArea } from './lib/storage-area.js';

/** The visitor's identity as this browser knows it. */
export interface Identity {
  /** The latest device id: learnt from a response, or written by another tab of the site. */
  deviceId(): string | undefined;
  /** Keeps the ids a Mautic response carries (`device_id` or `sid`, and `id`). */
  remember(response: MauticResponse): void;
  /** Forgets both ids: memory, the given storage areas and the cookies. */
  forget(areas: StorageArea[]): void;
  /** How many times the ids were forgotten: an answer to a request sent before must not bring them back. */
  forgets: number;
}

// Mautic issues 23-character [0-9a-z] device ids; anything unlike an id (tampered storage,
// another tool's value) is never sent as one.
const isDeviceId = (value: unknown): value is string => typeof value == 'string' && /^[0-9A-Za-z]{8,64}$/.test(value);
const isContactId = (value: unknown): boolean => /^[1-9][0-9]{0,19}$/.test(String(value));

/**
 * Identity kept in a storage area (`area()`: localStorage by default, sessionStorage or memory in the
 * privacy modes) and, when `cookies()` allows, first-party cookies (the `mtc_id` cookie is read
 * server-side by shop plugins), with an in-memory copy so tracking goes on when storage throws.
 * Keys and cookie names are Mautic's own (`mautic_device_id`, `mtc_id`), followed by `suffix` for a
 * second tracker on the page.
 */
export function createIdentity(area: () => StorageArea, cookies: () => boolean, suffix = ''): Identity {
  const keys = ['mautic_device_id' + suffix, 'mtc_id' + suffix];
  let device: string | undefined;
  /** What storage held at the last read: anything else there now was written by another tab. */
  let seen: string | null | undefined;
  // Storage is read at each use rather than followed with a `storage` listener: once the page has
  // read it, a read is a lookup in the page's copy, while registering the listener costs every page
  // about a millisecond. The cookie is read once, and only when storage has no id.
  const current = (): string | undefined => {
    const stored = area().get(keys[0]);
    if (stored !== seen) {
      if (seen === undefined && !isDeviceId(stored) && cookies()) {
        const cookie = readCookie(keys[0]);
        if (isDeviceId(cookie)) device = cookie;
      } else if (stored == null) device = undefined; // another tab's reset (or revoke) removed it
      seen = stored;
      if (isDeviceId(stored)) device = stored;
    }
    return device;
  };

  const keep = (key: string, value: string): void => {
    area().set(key, value);
    if (cookies()) writeCookie(key, value);
  };

  const identity: Identity = {
    forgets: 0,
    deviceId: current,
    remember(response) {
      const id = response.device_id || response.sid;
      current();
      if (isDeviceId(id)) keep(keys[0], (device = id));
      if (response.id != null && isContactId(response.id)) keep(keys[1], String(response.id));
      // Our own write is no other tab's (and a refused write leaves the old value, not ours, there).
      seen = area().get(keys[0]);
    },
    forget(areas) {
      identity.forgets++;
      device = undefined;
      for (const key of keys) {
        areas.forEach((stored) => stored.remove(key));
        writeCookie(key, '', true);
      }
      seen = area().get(keys[0]);
    },
  };
  return identity;
}

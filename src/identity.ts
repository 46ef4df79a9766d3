import type { MauticResponse } from './types.js';
import { readCookie, writeCookie } from './lib/cookie.js';
import type { StorageArea } from './lib/storage-area.js';
import { onPage } from './lifecycle.js';

/** The visitor's identity as this browser knows it. */
export interface Identity {
  /** The latest device id: learnt from a response, or written by another tab of the site. */
  deviceId(): string | undefined;
  /** Keeps the ids a Mautic response carries (`device_id` or `sid`, and `id`). */
  remember(response: MauticResponse): void;
  /** Forgets both ids: memory, the given storage areas and the cookies. */
  forget(areas: StorageArea[]): void;
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
  let loaded = false;
  // Read storage once (every hit needs the id: a read per hit costs), then follow other tabs' writes.
  const load = (): void => {
    if (loaded) return;
    loaded = true;
    device = [area().get(keys[0]), cookies() ? readCookie(keys[0]) : null].find(isDeviceId);
    onPage('storage', (event) => {
      const { key, newValue } = event as StorageEvent;
      if (key == keys[0] && isDeviceId(newValue)) device = newValue;
    });
  };

  const keep = (key: string, value: string): void => {
    area().set(key, value);
    if (cookies()) writeCookie(key, value);
  };

  return {
    deviceId: () => (load(), device),
    remember(response) {
      const id = response.device_id || response.sid;
      load();
      if (isDeviceId(id)) keep(keys[0], (device = id));
      if (isContactId(response.id)) keep(keys[1], String(response.id));
    },
    forget(areas) {
      device = undefined;
      for (const key of keys) {
        areas.forEach((stored) => stored.remove(key));
        writeCookie(key, '', true);
      }
    },
  };
}

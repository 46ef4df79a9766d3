import type { MauticResponse } from './types.js';
import { readCookie, writeCookie } from './lib/cookie.js';
import { readLocalStorage, writeLocalStorage } from './lib/local-storage.js';


/** The visitor's identity as this browser knows it. */
export interface Identity {
  /** The latest device id: written by this or another tab of the site, or learnt from a response. */
  deviceId(): string | undefined;
  /** Keeps the ids a Mautic response carries (`device_id` or `sid`, and `id`). */
  remember(response: MauticResponse): void;
}

// Mautic issues 23-character [0-9a-z] device ids; anything unlike an id (tampered storage,
// another tool's value) is never sent as one.
const isDeviceId = (value: unknown): value is string => typeof value == 'string' && /^[0-9A-Za-z]{8,64}$/.test(value);
const isContactId = (value: unknown): boolean => /^[1-9][0-9]{0,19}$/.test(String(value));

/**
 * Identity kept in localStorage and first-party cookies (the `mtc_id` cookie is read server-side
 * by shop plugins), with an in-memory copy so tracking goes on when storage throws or is missing.
 * Keys and cookie names are Mautic's own (`mautic_device_id`, `mtc_id`), followed by `suffix` for a
 * second tracker on the page.
 */
export function createIdentity(suffix = ''): Identity {
  const DEVICE_KEY = 'mautic_device_id' + suffix;
  const CONTACT_KEY = 'mtc_id' + suffix;
  let device: string | undefined;
  const keep = (key: string, value: string): void => {
    writeLocalStorage(key, value);
    writeCookie(key, value);
  };

  return {
    deviceId: () => [readLocalStorage(DEVICE_KEY), readCookie(DEVICE_KEY), device].find(isDeviceId),
    remember(response) {
      const id = response.device_id || response.sid;
      if (isDeviceId(id)) keep(DEVICE_KEY, (device = id));
      if (response.id != null && isContactId(response.id)) keep(CONTACT_KEY, String(response.id));
    },
  };
}

/**
 * First-party cookies on the site's own domain, read and written without ever throwing
 * (`document.cookie` throws in sandboxed frames and on some opaque origins).
 */
export function readCookie(name: string): string | null {
  try {
    const match = document.cookie.match('(?:^|; )' + name + '=([^;]*)');
    return match ? decodeURIComponent(match[1]) : null;
  } catch (_) {
    return null;
  }
}

/**
 * Writes a session cookie for the whole site, or deletes it (`remove`). `secure` only on https pages:
 * a secure cookie set from an http page is refused by the browser, which is why Mautic's script
 * stores nothing there.
 */
export function writeCookie(name: string, value: string, remove?: boolean): void {
  try {
    document.cookie =
      name +
      '=' +
      encodeURIComponent(value) +
      '; path=/' +
      (remove ? '; max-age=0' : '') +
      (location.protocol == 'https:' ? '; secure' : '');
  } catch (_) {
    // Cookies blocked: localStorage and the device-id param still identify the visitor.
  }
}

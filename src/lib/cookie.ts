/**
 * A first-party cookie on the site's own domain, read (no `value`) or written, without ever throwing
 * (`document.cookie` throws in sandboxed frames and on some opaque origins). Written as a session
 * cookie for the whole site, deleted when `value` is ''. `secure` only on https pages: a secure
 * cookie set from an http page is refused by the browser, which is why Mautic's script stores nothing
 * there. Values go as they are: the only ones written are ids checked to be [0-9A-Za-z] (identity.ts),
 * and a read value is used only once it passes that check.
 */
export function cookie(name: string, value?: string): string | undefined {
  try {
    return value == null
      ? (document.cookie.match('(^|; )' + name + '=([^;]*)') || [])[2]
      : void (document.cookie = name + '=' + value + '; path=/' + (value ? '' : '; max-age=0') + (location.protocol == 'https:' ? '; secure' : ''));
  } catch (_) {
    // Cookies blocked: storage and the device-id param still identify the visitor.
  }
  return;
}

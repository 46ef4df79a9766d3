import type { TrackerOptions } from './types.js';
import { MAX_PARAM_CHARS, type Hit } from './hit.js';
import { flattenParams } from './lib/flatten-params.js';
import { capParams } from './lib/cap-params.js';
import { encodeForm } from './lib/encode-form.js';
import { isObject } from './lib/is-object.js';

/**
 * Query parameters removed from `page_url` and `page_referrer` unless `redactQuery` says otherwise:
 * names that commonly carry secrets or personal data. Mautic's `ct` (email click-through) and
 * `utm_*` are not among them: they are how Mautic identifies and attributes a visit.
 */
export const REDACTED_QUERY = 'token access_token refresh_token id_token auth password pass pwd passwd secret client_secret key apikey api_key session sessionid sid code otp email phone'.split(' ');

/**
 * The last stage of making a hit, before every guard, so a dropped hit is never held, stored or
 * sent, and what the callbacks, the duplicate check, consent and the outbox see is what leaves.
 *
 * First the `redactQuery` names (lower case; a URL's names are compared in lower case, as written,
 * not decoded) are removed from `page_url` and `page_referrer`: the `&`-separated pairs of the query
 * and of the fragment — after the fragment's own `?` (hash routes, `#/reset?token=…`), else the
 * whole fragment (OAuth's `#access_token=…`). A pair without `=` stays (an anchor `#session`); every
 * other byte stays as it was (no re-encoding); a query or fragment left empty loses its `?` or `#`.
 *
 * Then `beforeSend` may change the params or drop the hit. Returns the hit, or null when it was
 * dropped. A hook that throws or answers something else than plain data or null (an async hook's
 * Promise, `window`) changes nothing
 * (debug mode says so); the values it answers are read as caller params are (`flattenParams`), and
 * may add at most 8 KiB (encoded) to the hit: beyond, the largest are left out (`capParams`).
 */
export function redact(hit: Hit, options: Required<TrackerOptions>, log: (message: string, data?: unknown) => void): Hit | null {
  const params = hit.params;
  const hook = options.beforeSend;
  let answer: unknown;
  // Both are always text (automatic keys, or a caller's flattened value). A part runs from its head
  // (`?`, `#`, or `#` to the fragment's own `?`) to the next `#`, so a `?` in the query is data; with
  // an `&` put before its first pair, every pair is an `&name=value`.
  for (const key of ['page_url', 'page_referrer']) {
    params[key] = params[key].replace(/(#[^?#]*\?|[?#])([^#]*)/g, (_, head: string, pairs: string) => {
      const kept = ('&' + pairs).replace(/&([^&=]*)=[^&]*/g, (pair, name: string) => (options.redactQuery.indexOf(name.toLowerCase()) < 0 ? pair : ''));
      return kept ? head + kept.slice(1) : head.slice(0, -1);
    });
  }
  if (hook) {
    try {
      answer = hook({ ...params }, hit.type);
      if (answer === null) return null;
      if (isObject(answer)) {
        // An answer that is no plain data as a whole (a Promise of an async hook, `window`, a Proxy
        // that throws) is no params: the hit goes as it was, not empty.
        let unusable: string | undefined;
        const skip = (key: string, why: string): unknown => (key ? log('beforeSend: skipped ' + key, why) : (unusable = why));
        const flat = flattenParams(answer, skip, MAX_PARAM_CHARS);
        // The hook may add as much as a caller may (8 KiB) to what the hit had: a runaway value
        // cannot make a request that Mautic or a proxy refuses.
        if (!unusable) return (hit.params = capParams(flat, encodeForm(params).length + MAX_PARAM_CHARS, (key) => skip(key, 'too large'))), hit;
        answer = unusable;
      }
    } catch (error) {
      answer = error;
    }
    log('beforeSend failed', [answer]);
  }
  return hit;
}

import type { TrackerOptions } from './types.js';
import type { Hit } from './hit.js';
import { redactQuery } from './lib/redact-query.js';
import { flattenParams } from './lib/flatten-params.js';
import { isObject } from './lib/is-object.js';

/**
 * Query parameters removed from `page_url` and `page_referrer` unless `redactQuery` says otherwise:
 * names that commonly carry secrets or personal data. Mautic's `ct` (email click-through) and
 * `utm_*` are not among them: they are how Mautic identifies and attributes a visit.
 */
export const REDACTED_QUERY = 'token access_token refresh_token id_token auth password pass pwd passwd secret client_secret key apikey api_key session sessionid sid code otp email phone'.split(' ');

/**
 * The last stage of making a hit, before every guard, so a dropped hit is never held, stored or
 * sent, and what the callbacks, the duplicate check, consent and the outbox see is what leaves:
 * the `redactQuery` names are removed from `page_url` and `page_referrer`, then `beforeSend` may
 * change the params or drop the hit. Returns the hit, or null when `beforeSend` dropped it. A hook
 * that throws or answers something else than an object or null changes nothing (debug mode says so);
 * the values it answers are read as caller params are (`flattenParams`), so they leave as text.
 */
export function redact(hit: Hit, options: Required<TrackerOptions>, log: (message: string, data?: unknown) => void): Hit | null {
  const params = hit.params;
  // Both are always text: the automatic keys, or a caller's (flattened) value.
  for (const key of ['page_url', 'page_referrer']) params[key] = redactQuery(params[key], options.redactQuery);
  const hook = options.beforeSend;
  if (hook) {
    let answer: unknown;
    try {
      answer = hook({ ...params }, hit.type);
      if (answer === null) return null;
      if (isObject(answer)) return (hit.params = flattenParams(answer, (key, why) => log('beforeSend: skipped ' + key, why), 8192)), hit;
    } catch (error) {
      answer = error;
    }
    log('beforeSend failed: hit sent as it was', answer);
  }
  return hit;
}

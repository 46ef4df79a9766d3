import type { HitType, WireParams } from './types.js';
import type { Outcome } from './response.js';
import { detectPlatform } from './lib/detect-platform.js';
import { referrerHost } from './lib/referrer-host.js';
import { appendQuery } from './lib/append-query.js';
import { randomId } from './lib/random-id.js';
import { flattenParams } from './lib/flatten-params.js';
import { capParams } from './lib/cap-params.js';

/** Caller params are capped at this many encoded characters per hit (8 KiB keeps GET URLs safe). */
export const MAX_PARAM_CHARS = 8192;

/**
 * Wire keys of the four positional values of `mt('send', 'event', …)`, in position order.
 * maatoo documents four positional strings without naming them; they follow the shape of a Google
 * Analytics event hit, which Mautic copied its queue from. Correct a name here and nowhere else.
 */
export const EVENT_FIELDS = ['event_category', 'event_action', 'event_label', 'event_value'];

/**
 * The names the same four values take when an event is given as one object, by position (EVENT_FIELDS'
 * order): ours (`{ category, action, label, value }`) and analytics.js' (`{ eventCategory, … }`).
 * Where an object gives a value under both names, the first name wins.
 */
export const EVENT_FIELD_NAMES = [
  ['category', 'eventCategory'],
  ['action', 'eventAction'],
  ['label', 'eventLabel'],
  ['value', 'eventValue'],
];

/**
 * One hit, from the command that made it to the outbox's storage: one shape all the way. It is built
 * when its command ran, so it keeps that moment's page context while it waits. Stored, it keeps its
 * data fields only: `done` is a function, which JSON leaves out.
 */
export interface Hit {
  /** Tells this hit from every other, so one acknowledged is never sent again. */
  id: string;
  type: HitType;
  /** When the command ran (ms): its age bounds how long it is kept. */
  at: number;
  /** Automatic keys, event fields and caller params, in wire order; the device id is added at send time. */
  params: WireParams;
  /** Attempts so far (set when the outbox keeps it). */
  tries?: number;
  /** Not to be sent before this time (ms): backoff, or the server's Retry-After. */
  due?: number;
  /** Only on a hit claimed from the store: until when (ms) other tabs leave it alone. */
  lease?: number;
  /** In memory only: hears the end of this hit's delivery, with the params it went out with. */
  done?: (outcome: Outcome, params: WireParams) => void;
}

let timeZone: string | null | undefined;

/** Temporal, where the browser has it (Firefox 139+, recent Chromium): only the part we read. */
declare const Temporal: { Now: { timeZoneId(): string } };

/**
 * The IANA time zone, asked once per page. Temporal and Intl give the same identifier (the host's
 * time zone), but Intl's first date formatter costs 20–60 ms, as ICU builds the locale's date
 * patterns, while Temporal reads it in well under 1 ms. Without Temporal, callers may call this
 * early, in a task of its own.
 */
export function pageTimeZone(): string | null {
  if (timeZone === undefined) {
    try {
      timeZone = Temporal.Now.timeZoneId(); // a ReferenceError where there is no Temporal
    } catch (_) {
      // No Temporal, or another shape of it (an old polyfill): Intl tells the same.
    }
    try {
      timeZone = timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone || null;
    } catch (_) {
      timeZone = null; // Intl missing or restricted: Mautic falls back to the offset.
    }
  }
  return timeZone!;
}

/**
 * The automatic keys Mautic's script sends, in its order and formats, read from the page now.
 * `mautic_device_id` holds its place in that order and is filled (or removed) at send time.
 */
export function automaticParams(counter: number): WireParams {
  const language = navigator.language || '';
  const params: WireParams = {
    page_title: document.title,
    page_language: language,
    preferred_locale: language.replace('-', '_'),
    page_referrer: referrerHost(document.referrer),
    page_url: location.href,
    counter: '' + counter,
    timezone_offset: '' + new Date().getTimezoneOffset(),
    resolution: screen.width + 'x' + screen.height,
    platform: detectPlatform(navigator.userAgent || ''),
    do_not_track: '' + ((navigator as { doNotTrack?: string }).doNotTrack == '1'),
  };
  const zone = pageTimeZone();
  if (zone) params.timezone = zone;
  params.mautic_device_id = '';
  return params;
}

/** The positional values of an event under their wire keys (EVENT_FIELDS); missing ones are left out. */
export function eventParams(values: (string | undefined)[]): WireParams {
  const params: WireParams = {};
  values.forEach((value, position) => {
    if (value != null) params[EVENT_FIELDS[position]] = value;
  });
  return params;
}

/**
 * What a command gives a hit of `type`: an event's positional values (`eventParams`) first, then its
 * params flattened (`flattenParams`), all capped at 8 KiB once encoded (`capParams`). `log` hears
 * every param left out, and why: `event: skipped param fn (function)`, or `skipped params (…)` for
 * the params object as a whole.
 */
export function callerParams(type: HitType, params: unknown, eventValues: (string | undefined)[], log: (message: string) => void): WireParams {
  const skip = (key: string, why: string): void => log(type + ': skipped ' + (key ? 'param ' + key : 'params') + ' (' + why + ')');
  return capParams({ ...eventParams(eventValues), ...flattenParams(params, skip, MAX_PARAM_CHARS) }, MAX_PARAM_CHARS, (key) => skip(key, 'too large'));
}

/**
 * Builds a hit: automatic keys, then the caller's params — an event's positional values
 * (`eventParams`) first — merged over them (the caller wins, as with Mautic's script).
 * With `eventInPageUrl`, an event also appends `mt_event=category/action/label` to `page_url`'s
 * query so Mautic's "Visits a page" URL rules can match it.
 */
export function buildHit(type: HitType, counter: number, caller: WireParams, eventInPageUrl?: boolean): Hit {
  const params: WireParams = { ...automaticParams(counter), ...caller };
  if (type == 'event' && eventInPageUrl) {
    const parts = EVENT_FIELDS.slice(0, 3).map((key) => caller[key]).filter(Boolean);
    params.page_url = appendQuery(params.page_url, 'mt_event=' + parts.map(encodeURIComponent).join('/'));
  }
  return { id: randomId(), type, at: Date.now(), params };
}

/**
 * The params that go on the wire for a hit: the latest stored device id wins over a caller's,
 * and the placeholder disappears while no id is known.
 */
export function wireParams(hit: Hit, deviceId?: string | null): WireParams {
  const params = { ...hit.params };
  if (deviceId) params.mautic_device_id = deviceId;
  else if (!params.mautic_device_id) delete params.mautic_device_id;
  return params;
}

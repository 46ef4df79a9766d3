/**
 * Public types of mautic-tracker. Everything a caller passes in or gets back is described here.
 */
import type { AutocaptureOptions } from './autocapture.js';

/** A value a caller may put into hit params. Nested objects are sent with PHP bracket keys. */
export type ParamValue =
  | string
  | number
  | boolean
  | bigint
  | Date
  | null
  | undefined
  | readonly ParamValue[]
  | { [key: string]: ParamValue };

/** Custom params of a hit: contact fields (`email`, `firstname`, `tags`…), UTM overrides, anything. */
export type Params = { [key: string]: ParamValue };

/**
 * What a params argument accepts: an object of any type whose properties are param values (nested
 * objects and arrays of them included), checked property by property. So a value typed by an
 * `interface`, which has no index signature and which `Params` therefore refuses, is accepted; a
 * function or a symbol is not. Used as `pageview<P extends ParamsOf<P>>(params?: P)`.
 */
export type ParamsOf<T> = { [K in keyof T]: ParamInput<T[K]> };

/**
 * One property of `ParamsOf`. A property typed `unknown` or `any` is accepted: the tracker sends
 * what it can and skips the rest at run time (named in the debug log).
 */
export type ParamInput<T> = unknown extends T
  ? T
  : T extends ParamValue
    ? T
    : T extends readonly (infer U)[]
      ? readonly ParamInput<U>[]
      : T extends ((...args: never[]) => unknown) | symbol
        ? never
        : ParamsOf<T>;

/**
 * An event given as one object: its category and action (and optional label and value) by our names
 * or by analytics.js' (`eventCategory`, `eventAction`, `eventLabel`, `eventValue`); every other key
 * is a param. Category and action must be given (an empty string counts, as maatoo documents it).
 */
export type EventFields =
  | { category: string | number; action: string | number; label?: string | null; value?: string | number | null }
  | { eventCategory: string | number; eventAction: string | number; eventLabel?: string | null; eventValue?: string | number | null };

/** The flat key/value pairs that went on the wire, in wire order. */
export type WireParams = Record<string, string>;

/** What `/mtc/event` (or `/mtc`) answers when it tracked the visitor. */
export interface MauticResponse {
  success?: number | boolean;
  id?: number | string | null;
  sid?: string;
  device_id?: string;
  events?: unknown;
  [key: string]: unknown;
}

/** Which way a hit travelled. `none` when nothing was sent (invalid input, timeout before an answer). */
export type Transport = 'cors' | 'pixel' | 'none';

/**
 * Why a command did not end in a recorded hit.
 * - `not-tracked`: the server answered `success:0` (logged-in Mautic user, bad `ct`).
 * - `failed`: the CORS request and the pixel both failed (the hit is kept and retried).
 * - `unavailable`: the server answered 408, 429 or 503 (the hit is kept and retried after a wait).
 * - `offline`: the browser is offline (the hit is kept and sent when it is back online).
 * - `hidden`: the page was hidden or unloaded: with `queued` the hit had not left yet and is sent
 *   later; without, it was in flight and handed to the browser, which completes it (keepalive).
 * - `bad-response`: the server answered 200 with a body that is not JSON; the hit may be recorded.
 * - `timeout`: no outcome within the `timeout` option; the request goes on and may still be recorded
 *   (it is never sent again because its answer is late).
 * - `no-endpoint`: no Mautic base URL is known (set `url`).
 * - `unsupported`: not running in a browser (server-side rendering).
 * - `no-consent`: `requireConsent` is set and consent was not granted (with `queued`: held in memory
 *   and sent if consent is granted).
 * - `do-not-track`: `respectDoNotTrack` is set and the browser sends Do Not Track or Global Privacy Control.
 * - `invalid`: the call itself was refused (e.g. an event without category or action, params that
 *   are not an object); `message` says why. Nothing was sent.
 * - `destroyed`: the tracker was destroyed (`tracker.destroy()`); nothing was sent.
 * - `dropped`: not sent and never will be: `beforeSend` returned null, or the visitor was forgotten
 *   (`reset`, consent revoked) while the hit waited, or while it was in flight and failed.
 */
export type FailureReason =
  | 'not-tracked'
  | 'failed'
  | 'unavailable'
  | 'offline'
  | 'hidden'
  | 'bad-response'
  | 'timeout'
  | 'no-endpoint'
  | 'unsupported'
  | 'no-consent'
  | 'do-not-track'
  | 'invalid'
  | 'destroyed'
  | 'dropped';

/** What the callbacks (and the promises of the npm API) receive. */
export interface DeliveryDetail {
  /** True when the hit was recorded (CORS `success:1`, or the pixel loaded). */
  ok: boolean;
  /** `pageview` or `event`. */
  type: HitType;
  /** The transport that settled the hit. */
  transport: Transport;
  /** HTTP status of the CORS request; 0 for a network or CORS failure; absent if none was made. */
  status?: number;
  /** The parsed JSON answer of the CORS request. */
  response?: MauticResponse;
  /** Set when `ok` is false. */
  reason?: FailureReason;
  /** The params as sent. */
  params: WireParams;
  /** True when the hit was kept in the outbox and will be sent again later (it never runs `onload` then). */
  queued?: boolean;
  /** Milliseconds the server asked to wait (Retry-After), when it said so. */
  retryAfter?: number;
  /** True when this command was recognised as a duplicate (snippet pasted twice) and shares another's hit. */
  duplicate?: boolean;
  /** With reason `invalid`: what is wrong with the call, as the debug log says it. */
  message?: string;
}

/** Callbacks of one command. Exactly one of them runs, once, within the `timeout` option. */
export interface Callbacks {
  onload?: (detail: DeliveryDetail) => void;
  onerror?: (detail: DeliveryDetail) => void;
}

/** The two hit types Mautic's endpoint receives from us. */
export type HitType = 'pageview' | 'event';

/** Options of a tracker: `mt('config', options)` or `createTracker(options)`. */
export interface TrackerOptions {
  /**
   * Mautic installation URL, e.g. `https://mautic.example.com`: an http(s) URL, or a path starting
   * with `/`, `./` or `../`, resolved against the page when applied. Default: the folder the bundle
   * was loaded from.
   */
  url?: string;
  /** Log what is sent, dropped and why to the console. */
  debug?: boolean;
  /**
   * Milliseconds within which a command's callback runs, whatever the network does: 500 to 2^31-1.
   * Default 3000. It bounds the callback only: a request that left is never cut short or repeated
   * because of it.
   */
  timeout?: number;
  /** Also encode events into `page_url` (`mt_event=category/action/label`) so "Visits a page" rules match. */
  eventsInPageUrl?: boolean;
  /**
   * Single-page apps: send a pageview after each navigation through `pushState`, `replaceState` (when
   * the URL changed), back/forward and `hashchange`; never two in a row for the same URL. With
   * `createTracker`, the first pageview is sent at creation too.
   */
  autoPageviews?: boolean;
  /** With `autoPageviews`: a change of the URL fragment alone (`#/route`) is a navigation. */
  hashRouting?: boolean;
  /**
   * Send nothing and store nothing until `consent('grant')`. Hits made before are held in memory
   * (at most 100) and sent on grant, dropped on deny.
   */
  requireConsent?: boolean;
  /** Send nothing when the browser sends Do Not Track (`navigator.doNotTrack == '1'`) or Global Privacy Control. */
  respectDoNotTrack?: boolean;
  /**
   * Where ids and the outbox live: `local` (localStorage and cookies, as Mautic's script), `session`
   * (sessionStorage, no cookies: one visit), `none` (memory only: one page view).
   */
  storage?: 'local' | 'session' | 'none';
  /**
   * Allow the pixel fallback (a GET URL, seen by server logs and proxies) for hits whose params look
   * like personal data (email, name, phone, address…). Off by default: such hits retry by POST instead.
   */
  pixelForPersonalData?: boolean;
  /**
   * `dist/mt.full.js`: called with each dynamic-content HTML before it is inserted; return the HTML to
   * insert (e.g. run DOMPurify). The built-in clean-up (scripts only from the Mautic host, no event
   * handler attributes, no `javascript:` URLs) runs after it in every case.
   */
  sanitizeContent?: (html: string) => string;
  /**
   * Track clicks and submissions without code (`dist/mt.full.js`, or the npm plugin `autocapture`):
   * `true` for every part, or each part on its own. See `AutocaptureOptions`.
   */
  autocapture?: boolean | AutocaptureOptions;
  /**
   * Names a second tracker on the same page (another Mautic instance): its ids and outbox are stored
   * under keys ending in `_<name>`. The unnamed tracker uses Mautic's own names (`mtc_id`, …).
   * Up to 32 of `A-Z a-z 0-9 _ -`; only at creation (`createTracker`), as the keys are fixed then.
   */
  name?: string;
  /**
   * `dist/mt.full.js` or the `crossDomain` plugin: hosts of your other sites, e.g.
   * `['shop.example.net', '*.example.org']` (`*.` also matches the domain itself). Links and
   * `method=get` forms to them get `mt_did=<device id>.<unix seconds>` when used, so the visitor stays
   * one contact there without third-party cookies (the other site needs the plugin too).
   */
  crossDomain?: readonly string[];
  /**
   * With the `crossDomain` plugin: an arriving `mt_did` replaces a device id this site already stored
   * (by default it is adopted only by a visitor without one).
   */
  crossDomainReplace?: boolean;
  /**
   * Query parameters removed from `page_url` and `page_referrer` (also where your params set them)
   * before anything else sees the hit: names, compared case-insensitively; `[]` removes none. Replaces
   * the default list (`token`, `access_token`, `password`, `email`… see README "Redaction"; npm:
   * `REDACTED_QUERY`), which keeps Mautic's `ct` and `utm_*`.
   */
  redactQuery?: string[];
  /**
   * Runs on every hit's final params (automatic keys included, after `redactQuery`) and its type:
   * return the params to send (changed or not), or null to drop the hit (its `onerror` hears
   * `dropped`). A hook that throws, or returns anything else, changes nothing (logged in debug mode).
   */
  beforeSend?: (params: WireParams, type: HitType) => Params | null;
}

/** A visitor's answer to the consent question; `revoke` also deletes what was stored. */
export type ConsentDecision = 'grant' | 'deny' | 'revoke';

/**
 * The global `mt()` function of the snippet, with every command it accepts. `P` is the type of the
 * params, inferred from the call: any object of param values (see `ParamsOf`).
 */
export interface MauticTrackingFunction {
  <P extends ParamsOf<P> & object = Params>(command: 'send', hitType: 'pageview', params?: P, callbacks?: Callbacks): void;
  <P extends ParamsOf<P> & object = Params>(
    command: 'send',
    hitType: 'event',
    category: string | number,
    action: string | number,
    label?: string | null,
    value?: string | number | null,
    params?: P,
    callbacks?: Callbacks,
  ): void;
  /** Params right after category and action (or after the label). */
  <P extends ParamsOf<P> & object = Params>(
    command: 'send',
    hitType: 'event',
    category: string | number,
    action: string | number,
    params: P,
    callbacks?: Callbacks,
  ): void;
  <P extends ParamsOf<P> & object = Params>(
    command: 'send',
    hitType: 'event',
    category: string | number,
    action: string | number,
    label: string | null,
    params: P,
    callbacks?: Callbacks,
  ): void;
  /** One object: `{ category, action, label?, value?, …params }` (or analytics.js' `eventCategory`…). */
  <P extends ParamsOf<P> & object = Params>(command: 'send', hitType: 'event', fields: EventFields & P, callbacks?: Callbacks): void;
  /** analytics.js: `{ hitType: 'pageview', …params }` or `{ hitType: 'event', eventCategory, eventAction, … }`. */
  <P extends ParamsOf<P> & object = Params>(
    command: 'send',
    fields: P & ({ hitType: 'pageview' } | ({ hitType: 'event' } & EventFields)),
    callbacks?: Callbacks,
  ): void;
  (command: 'config', options: TrackerOptions): void;
  (command: 'consent', decision: ConsentDecision): void;
  /** Logout on a shared device: forgets the visitor's ids and outbox; the next hit is a new visitor. */
  (command: 'reset'): void;
  /** Commands queued before the bundle loaded. */
  q?: ArrayLike<unknown>[];
}

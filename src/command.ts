import type { Callbacks, ConsentDecision, DeliveryDetail, HitType, Params } from './types.js';
import type { TrackerCore } from './tracker.js';
import { callSafely } from './lib/call-safely.js';
import { unsent } from './outbox.js';
import { EVENT_FIELD_NAMES } from './hit.js';
import { isObject } from './lib/is-object.js';

/** Event positional values (category, action, label, value) as text; null or undefined where not given. */
export type EventValues = (string | undefined)[];

/** A `send` call read: the hit type, its params, its callbacks, an event's positional values. */
export type Send = [type: HitType, params: Params | undefined, callbacks: Callbacks, eventValues: EventValues | undefined];

/** Whether `value` is one of the visitor's three consent decisions (text only: no array or object that reads as one). */
export const isConsentDecision = (value: unknown): value is ConsentDecision => typeof value == 'string' && /^(grant|deny|revoke)$/.test(value);

/** Why a consent call that is none of the three decisions is refused (`mt('consent', …)` and npm `consent()`). */
export const CONSENT_REFUSED = 'consent needs grant, deny or revoke';

/** Why a `config` call without an options object is refused (`mt('config', …)` and npm `config()`). */
export const CONFIG_REFUSED = 'config needs an object';

/**
 * Runs one `mt(...)` call (or one entry of the snippet's queue) on `core`, or refuses it (debug
 * message, callbacks told `invalid`): every call when `refused` says why (the script tag's options
 * could not be read). Never throws. Accepted, besides every `send` shape of readSend:
 * - analytics.js: `('send', { hitType: 'pageview' | 'event', …fields }, callbacks?)`
 * - `('config', options)`
 * - `('consent', 'grant' | 'deny' | 'revoke')`
 * - `('reset')`
 */
export function runCommand(core: TrackerCore, args: ArrayLike<unknown>, refused?: string): void {
  let why = refused || 'unknown command';
  try {
    // A refused call is not read: it names no command.
    let [name, type, ...rest] = Array.from(refused ? [] : args) as [unknown, unknown, ...unknown[]];
    if (name == 'send') {
      if (isObject(type)) {
        // analytics.js' fields object: the hit type is one of its fields, the others are read as usual.
        rest.unshift(omit(type, ['hitType']));
        type = type.hitType;
      }
      return core.track(type, rest);
    }
    if (name == 'config') {
      if (isObject(type)) return core.configure(type);
      why = CONFIG_REFUSED;
    }
    if (name == 'consent') {
      if (isConsentDecision(type)) return core.consent(type);
      why = CONSENT_REFUSED;
    }
    if (name == 'reset') return core.reset();
  } catch (_) {
    // A getter or Proxy that throws where the shape of the call is read.
    why = 'unreadable arguments';
  }
  refuse(args, why, core.log);
}

/**
 * Reads the arguments of a `send` call after its hit type; the npm API's `pageview()` / `event()`
 * are read here too, so both accept and refuse exactly the same. Returns the call read, or why it is
 * refused. Never throws. Accepted shapes (after `type`):
 * - pageview: `(params?, callbacks?)`
 * - event: `(category, action, label?, value?, params?, callbacks?)`; params may come right after the
 *   last positional value given, e.g. `('video', 'play', {…})`
 * - event: `({ category, action, label?, value?, …params }, callbacks?)`, the four also by
 *   analytics.js' names (`eventCategory`…): see EVENT_FIELD_NAMES
 * Category and action must be given, as text or numbers; label and value may be left out. An empty
 * string counts as given: maatoo documents `('send', 'event', '', '', '', '', params)`.
 */
export function readSend(type: unknown, rest: unknown[]): Send | string {
  try {
    if (type != 'pageview' && type != 'event') return 'unknown hit type';
    let values: unknown[] | undefined;
    if (type == 'event') {
      const fields = rest[0];
      if (isObject(fields)) {
        // One object: the four values under any of their names, every other key a param.
        values = EVENT_FIELD_NAMES.map((names) => names.map((key) => fields[key]).find((value) => value != null));
        rest[0] = omit(fields, (['hitType'] as string[]).concat(...EVENT_FIELD_NAMES));
      } else {
        values = [];
        while (values.length < 4 && isPositional(rest[0]) && rest.length) values.push(rest.shift());
      }
      if (!values.every(isPositional)) return 'event values must be text or finite numbers';
      values = values.map((value) => (value == null ? value : '' + value));
      if (values[0] == null || values[1] == null) return 'event needs category and action';
    }
    let [params, callbacks] = rest;
    // Callbacks given where params may stand (`('send', 'event', 'video', 'play', { onload })`).
    if (callbacks == null && callbacksIn([params])) [params, callbacks] = [, params];
    if (params != null && !isObject(params)) return 'params must be an object';
    if (callbacks != null && !isObject(callbacks)) return 'callbacks must be an object';
    return [type as HitType, (params as Params) || undefined, (callbacks as Callbacks) || {}, values as EventValues];
  } catch (_) {
    // A getter or Proxy that throws where the shape of the call is read (a params' own keys are
    // read later, each on its own).
    return 'unreadable arguments';
  }
}

/**
 * The params of `object` without the keys in `names`. Each key reads through to the original when
 * the hit is built, so a getter that throws still costs only its own key (see flattenParams).
 */
function omit(object: Record<string, unknown>, names: string[]): Params {
  const params: Params = {};
  for (const key of Object.keys(object)) {
    if (names.indexOf(key) < 0) Object.defineProperty(params, key, { get: () => object[key], enumerable: true });
  }
  return params;
}

function isPositional(value: unknown): boolean {
  return value == null || typeof value == 'string' || (typeof value == 'number' && isFinite(value));
}

/**
 * The callbacks among a call's arguments: the last object whose only keys are `onload` / `onerror`
 * functions. Also used to tell the callbacks of a refused call that it was refused.
 */
export function callbacksIn(args: ArrayLike<unknown>): Callbacks | undefined {
  try {
    for (let i = args.length; i--; ) {
      const value = args[i] as Record<string, unknown>;
      const keys = isObject(value) ? Object.keys(value) : [];
      if (keys.length && keys.every((key) => /^on(load|error)$/.test(key) && typeof value[key] == 'function')) return value;
    }
  } catch (_) {
    // Unreadable arguments have no callbacks we could call.
  }
  return undefined;
}

/**
 * Refuses a call: `log` hears `ignored: <why>` with the arguments, and it reports reason `invalid`
 * and why. Its callbacks, when they can be found among the arguments, hear it too (on a later task,
 * as every callback), so exactly one of them runs for every call, refused ones included.
 */
export function refuse(args: ArrayLike<unknown>, why: string, log: (message: string, data?: unknown) => void): DeliveryDetail {
  log('ignored: ' + why, args);
  const detail: DeliveryDetail = { ...unsent('invalid'), type: args[1] as HitType, params: {}, message: why };
  const callbacks = callbacksIn(args);
  if (callbacks) setTimeout(() => callSafely(callbacks, 'onerror', detail));
  return detail;
}

/**
 * The npm entry of mautic-tracker: `createTracker()` for apps that bundle their code, and every
 * public type, including the type of the snippet's global `mt()`.
 */
import type { Callbacks, ConsentDecision, DeliveryDetail, HitType, Params, TrackerOptions } from './types.js';
import { createCore } from './tracker.js';

export type * from './types.js';

/** A tracker for one Mautic installation, with promise-returning methods. */
export interface Tracker {
  /** Sends a pageview of the current page. Resolves with the delivery detail, rejects with the failure detail. */
  pageview(params?: Params, callbacks?: Callbacks): Promise<DeliveryDetail>;
  /** Sends a custom event: category, action, optional label and value, optional params. */
  event(
    category: string,
    action: string,
    label?: string,
    value?: string | number,
    params?: Params,
    callbacks?: Callbacks,
  ): Promise<DeliveryDetail>;
  /** Changes options for every later hit. */
  config(options: TrackerOptions): void;
  /** Records the visitor's consent decision (with `requireConsent`); `revoke` deletes what was stored. */
  consent(decision: ConsentDecision): void;
}

/**
 * Creates a tracker. Safe to call during server-side rendering: nothing touches browser globals
 * until a hit is sent, and hits sent without a browser reject with reason `unsupported`.
 * @example
 * const mt = createTracker({ url: 'https://mautic.example.com' });
 * mt.pageview({ email: 'jane@example.com' });
 */
export function createTracker(options: TrackerOptions = {}): Tracker {
  const core = createCore(options);
  // With automatic pageviews the tracker also counts the page it starts on (the snippet does that
  // for script-tag users). Only a real `true`: any other value was refused by the core.
  if (options && options.autoPageviews === true && typeof document != 'undefined') core.track('pageview', undefined, {});
  const send = (
    type: HitType,
    params: Params | undefined,
    callbacks: Callbacks = {},
    eventValues?: (string | undefined)[],
  ): Promise<DeliveryDetail> =>
    new Promise((resolve, reject) => {
      core.track(type, params, {
        onload(detail) {
          resolve(detail);
          if (callbacks.onload) callbacks.onload(detail);
        },
        onerror(detail) {
          reject(detail);
          if (callbacks.onerror) callbacks.onerror(detail);
        },
      }, eventValues);
    });
  return {
    pageview: (params, callbacks) => send('pageview', params, callbacks),
    event: (category, action, label, value, params, callbacks) =>
      send('event', params, callbacks, [category, action, label, value == null ? undefined : String(value)]),
    config: core.configure,
    consent: core.consent,
  };
}

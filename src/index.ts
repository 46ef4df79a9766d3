/**
 * The npm entry of mautic-tracker: `createTracker()` for apps that bundle their code, and every
 * public type, including the type of the snippet's global `mt()`.
 */
import type { Callbacks, ConsentDecision, DeliveryDetail, EventFields, Params, ParamsOf, TrackerOptions } from './types.js';
import { baseUrl } from './config.js';
import { createCore } from './tracker.js';
import { usePlugins, type Plugin } from './plugins.js';
import { CONFIG_REFUSED, CONSENT_REFUSED, isConsentDecision } from './command.js';
import { isObject } from './lib/is-object.js';

export type * from './types.js';
export type { Plugin, PluginContext, TrackerPlugin } from './plugins.js';
export { REDACTED_QUERY } from './redaction.js';
export type { AutocaptureOptions, CaptureNames } from './autocapture.js';
export { autocapture, AUTOCAPTURE_EVENTS, DOWNLOAD_EXTENSIONS } from './autocapture.js';
export { mauticForms } from './mautic-forms.js';
export { crossDomain, CROSS_DOMAIN_PARAM } from './cross-domain.js';

/**
 * A tracker for one Mautic installation. `pageview()` and `event()` return promises that always
 * resolve, with the detail the callbacks get: check `detail.ok` (a blocked, failed, refused or invalid
 * call is `ok: false` with a `reason`, never a rejection). `P` is the type of the params, inferred
 * from the call: any object of param values, an `interface` included (see `ParamsOf`).
 */
export interface Tracker {
  /** Sends a pageview of the current page. */
  pageview<P extends ParamsOf<P> & object = Params>(params?: P, callbacks?: Callbacks): Promise<DeliveryDetail>;
  /** Sends a custom event: category, action, optional label and value, optional params. */
  event<P extends ParamsOf<P> & object = Params>(
    category: string | number,
    action: string | number,
    label?: string | null,
    value?: string | number | null,
    params?: P,
    callbacks?: Callbacks,
  ): Promise<DeliveryDetail>;
  /** Sends a custom event with params right after category and action. */
  event<P extends ParamsOf<P> & object = Params>(category: string | number, action: string | number, params: P, callbacks?: Callbacks): Promise<DeliveryDetail>;
  /** Sends a custom event with params right after the label. */
  event<P extends ParamsOf<P> & object = Params>(
    category: string | number,
    action: string | number,
    label: string | null,
    params: P,
    callbacks?: Callbacks,
  ): Promise<DeliveryDetail>;
  /** Sends a custom event given as one object: `{ category, action, label?, value?, …params }` (or analytics.js' names). */
  event<P extends ParamsOf<P> & object = Params>(fields: EventFields & P, callbacks?: Callbacks): Promise<DeliveryDetail>;
  /** Changes options for every later hit. */
  config(options: TrackerOptions): void;
  /** Records the visitor's consent decision (with `requireConsent`); `revoke` deletes what was stored. */
  consent(decision: ConsentDecision): void;
  /**
   * Logout on a shared device: forgets the visitor's device and contact ids (storage and cookies) and
   * this tracker's outbox, keeps the consent decision, and keeps tracking: the next hit is a new
   * anonymous visitor. Unlike `consent('revoke')`, tracking goes on.
   */
  reset(): void;
  /**
   * Stops this tracker: it no longer follows navigation and sends nothing more (later calls resolve
   * with reason `destroyed`; hits made before still complete), and the next `createTracker()` with
   * its `url` and `name` makes a fresh one.
   */
  destroy(): void;
}

/**
 * What the page's registry keeps of each live tracker: a function that applies a later call's
 * options and returns the tracker.
 */
type Reuse = (options: TrackerOptions, plugins?: Plugin[]) => Tracker;

/**
 * Where the registry lives: on `window`, so a module evaluated again (hot reload, two bundles of
 * the package) finds the trackers the first evaluation made.
 */
const REGISTRY = Symbol.for('mautic-tracker.trackers');

/**
 * Creates a tracker, or returns the page's live tracker for the same `url` and `name`: React
 * StrictMode, hot reload and remounting layouts call this more than once, and one tracker means one
 * pageview per navigation. Other options of a later call are applied as `config(options)` (options
 * left out keep their value; debug mode says so). Safe to call during server-side rendering: nothing
 * touches browser globals until a hit is sent, and hits sent without a browser resolve with reason
 * `unsupported` (there is no registry on the server: each call makes its own tracker).
 * `plugins` add features beyond tracking (autocapture, …), each made once for this tracker; a
 * tracker that is reused keeps the plugins it was made with.
 * @example
 * const mt = createTracker({ url: 'https://mautic.example.com' });
 * mt.pageview({ email: 'jane@example.com' });
 */
export function createTracker(options?: TrackerOptions, plugins?: Plugin[]): Tracker {
  // None, or (plain JavaScript) null or anything else: no options.
  if (!options || typeof options != 'object') options = {};
  const page = typeof window != 'undefined' && (window as unknown as { [REGISTRY]?: Map<string, Reuse> });
  const registry = page ? page[REGISTRY] || (page[REGISTRY] = new Map()) : new Map<string, Reuse>();
  // The same Mautic however its URL is written (`HTTP://Host/`, `//host`, a relative path).
  const key = (baseUrl(options.url) || String(options.url || '')) + ' ' + (options.name || '');
  const known = registry.get(key);
  if (known) return known(options, plugins);

  // Each plugin once: one listed twice would count every click twice.
  const made = Array.isArray(plugins) ? plugins.filter((plugin, index) => typeof plugin == 'function' && plugins.indexOf(plugin) == index) : [];
  const core = createCore(options, made.length ? usePlugins(made) : undefined);
  // With automatic pageviews the tracker also counts the page it starts on (the snippet does that
  // for script-tag users). Only a real `true`: any other value was refused by the core.
  if (options.autoPageviews === true && typeof document != 'undefined') core.track('pageview', []);
  /** Runs one call through the parser the script tag uses; resolves whatever the outcome. */
  const send = (type: string) => (...args: unknown[]) => new Promise<DeliveryDetail>((resolve) => core.track(type, args, resolve));
  const tracker: Tracker = {
    pageview: send('pageview'),
    event: send('event'),
    // Plain JavaScript may pass a string or null, whose keys are no options.
    config: (update) => (isObject(update) ? core.configure(update) : core.log('ignored: ' + CONFIG_REFUSED, update)),
    // Plain JavaScript may pass any word ('granted'): only the three decisions count, as with mt().
    consent: (decision) => (isConsentDecision(decision) ? core.consent(decision) : core.log('ignored: ' + CONSENT_REFUSED, decision)),
    reset: core.reset,
    destroy() {
      core.destroy!();
      if (registry.get(key) == reuse) registry.delete(key);
    },
  };
  const reuse: Reuse = (given, more) => {
    // Plugins are made with the tracker: a later call cannot add any, and debug mode says so.
    if (Array.isArray(more) && more.some((plugin) => made.indexOf(plugin) < 0)) {
      core.log('createTracker: same url and name, tracker reused; new plugins not added');
    }
    // url and name are equal by the registry's key, however they were written.
    const { url, name, ...others } = given;
    const keys = Object.keys(others);
    if (keys.length) {
      core.configure(others);
      core.log('createTracker: same url and name, tracker reused; config(): ' + keys.join(', '));
    }
    return tracker;
  };
  registry.set(key, reuse);
  return tracker;
}

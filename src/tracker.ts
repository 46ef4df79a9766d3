import type { Callbacks, ConsentDecision, FailureReason, HitType, Params, TrackerOptions } from './types.js';
import { buildHit, callerParams, wireParams } from './hit.js';
import { doNotTrack } from './do-not-track.js';
import { createDuplicatePageviews } from './duplicate-pageview.js';
import { createConsent } from './consent.js';
import { createAutoPageviews } from './auto-pageviews.js';
import { createDelivery, type Delivered } from './delivery.js';
import type { Extension } from './plugins.js';
import { unsent } from './response.js';
import { settleOnce } from './callbacks.js';
import { DEFAULT_OPTIONS, mergeOptions } from './config.js';
import { debugLog } from './lib/debug-log.js';
import { storageAreas } from './lib/storage-area.js';
import { redact } from './redaction.js';

/** The tracking core that the script-tag bundle and the npm API both drive. */
export interface TrackerCore {
  /** Applies options to every later hit. */
  configure(options: TrackerOptions): void;
  /** Sends one hit; exactly one of `callbacks` hears the outcome. */
  track(type: HitType, params: Params | undefined, callbacks: Callbacks, eventValues?: (string | undefined)[]): void;
  /** Records the visitor's consent decision (see `requireConsent`). */
  consent(decision: ConsentDecision): void;
  /**
   * Logout on a shared device: forgets the visitor (ids in storage and cookies, the outbox, hits held
   * for consent) and keeps tracking: the next hit is a new anonymous visitor. Consent stays as decided.
   */
  reset(): void;
  /**
   * Stops for good: no more navigation watching, held hits dropped, later hits report `destroyed`.
   * Hits made before still complete (the outbox keeps its promise).
   */
  destroy(): void;
  /** Logs a line when debug mode is on. */
  log(message: string, data?: unknown): void;
}

/**
 * Creates a tracker for one Mautic installation. Creating it touches no browser global, so it is
 * safe during server-side rendering; hits sent without a browser report `unsupported`. `extend`
 * adds hooks to every hit that leaves and every delivery that ends (`usePlugins`, for page features).
 *
 * Each hit runs one pipeline, top to bottom: the command's values → build the hit → redact it
 * (`redactQuery`, `beforeSend`) → guards (no browser, dropped by `beforeSend`, no endpoint, Do Not
 * Track, duplicate pageview, consent) → outbox → transport → response → callbacks (and plugins, and
 * `mauticPageEventDelivered`).
 */
export function createCore(initial: TrackerOptions = {}, extend?: Extension): TrackerCore {
  /** Messages of refused options, logged once `debug` of the same call applies. */
  const refused: string[] = [];
  let options = mergeOptions(DEFAULT_OPTIONS, initial, refused);
  const current = () => options;
  const log = (message: string, data?: unknown): void => {
    if (options.debug) debugLog(message, data);
  };
  let counter = 0;
  let destroyed = false;
  // Storage keys of a named tracker end in `_<name>`, fixed at creation.
  const suffix = options.name ? '_' + options.name : '';
  const area = storageAreas(() => options.storage!);
  // The extension also gets the core's own track and consent state; both are read when called.
  const delivery = createDelivery(current, area, suffix, log, extend && ((parts) => extend({ ...parts, track: (type, params, callbacks = {}, values) => core.track(type, params, callbacks, values), consented: () => consent.allows() })));
  let duplicates = createDuplicatePageviews<Delivered>();
  const consent = createConsent(suffix, area('local'), current, log, delivery.leave, delivery.forget);
  const autoPageviews = createAutoPageviews(current, (referrer) => core.track('pageview', { page_referrer: referrer }, {}));

  const core: TrackerCore = {
    log,
    consent: consent.decide,
    reset() {
      log('reset');
      delivery.forget();
      consent.clear();
      // The new visitor's first pageview is no twin of the last one's.
      duplicates = createDuplicatePageviews();
    },
    configure(update) {
      options = mergeOptions(options, update, refused);
      // Logged after the merge, so a `debug: true` in the same call already applies.
      refused.splice(0).forEach((message) => log(message));
      if (!destroyed) autoPageviews.watch();
    },
    destroy() {
      destroyed = true;
      consent.clear();
      autoPageviews.destroy();
    },
    track(type, params, callbacks, eventValues = []) {
      const hit = !destroyed && typeof document != 'undefined' && redact(buildHit(type, counter, callerParams(type, params, eventValues, log), options.eventsInPageUrl), options, log);
      const made = hit ? wireParams(hit) : {};
      const settle = settleOnce(type, callbacks, options.timeout, made, log);
      // Callbacks never run inside the call that caused them, in any outcome.
      const stop = (reason: FailureReason, queued?: boolean): void =>
        void Promise.resolve().then(() => settle(unsent(reason, queued), made));

      // The guards, in order.
      if (!hit) return stop(destroyed ? 'destroyed' : hit == null ? 'dropped' : 'unsupported');
      if (!options.url) return stop('no-endpoint');
      if (options.respectDoNotTrack && doNotTrack()) return stop('do-not-track');
      const twin = duplicates.get(hit);
      if (twin) {
        log('duplicate pageview ignored (snippet included twice?)');
        return void twin.then(([outcome, sent]) => settle(outcome, sent, true));
      }
      counter++;
      if (type == 'pageview') autoPageviews.seen();
      const delivered = delivery.report(hit, settle, ['send', type, ...eventValues, params, callbacks]);
      const held = consent.admit(hit);
      if (held != null) return stop('no-consent', held || undefined);

      log(type + ' queued', hit.params);
      delivery.leave(hit);
      duplicates.set(hit, delivered);
    },
  };
  // `initial` is merged already (its name fixed the storage keys): this logs what it refused and
  // starts what it asked for.
  core.configure({});
  return core;
}

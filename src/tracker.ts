import type { ConsentDecision, DeliveryDetail, FailureReason, TrackerOptions } from './types.js';
import { buildHit, callerParams, wireParams, type Hit } from './hit.js';
import { doNotTrackApplies } from './do-not-track.js';
import { createDuplicatePageviews } from './duplicate-pageview.js';
import { createConsent, type Consent } from './consent.js';
import { createAutoPageviews, type AutoPageviews } from './auto-pageviews.js';
import { createDelivery, type Delivered, type Delivery } from './delivery.js';
import type { Extension, TrackerPlugin } from './plugins.js';
import { unsent } from './outbox.js';
import { settleOnce } from './callbacks.js';
import { DEFAULT_OPTIONS, IN_SCRIPT_TAG, mergeOptions } from './config.js';
import { debugLog } from './lib/debug-log.js';
import { readSend, refuse } from './command.js';
import { storageAreas } from './lib/storage-area.js';
import { redact } from './redaction.js';

/** The tracking core that the script-tag bundle and the npm API both drive. */
export interface TrackerCore {
  /** Applies options to every later hit. */
  configure(options: TrackerOptions): void;
  /**
   * Sends one hit of `type`, read with `args`, the rest of a `send` call (see readSend), or refuses
   * the call. Exactly one of its callbacks hears the outcome; `resolve` hears it too (npm promises).
   */
  track(type: unknown, args: unknown[], resolve?: (detail: DeliveryDetail) => void): void;
  /** Records the visitor's consent decision (see `requireConsent`). */
  consent(decision: ConsentDecision): void;
  /**
   * Logout on a shared device: forgets the visitor (ids in storage and cookies, the outbox, hits held
   * for consent) and keeps tracking: the next hit is a new anonymous visitor. Consent stays as decided.
   */
  reset(): void;
  /**
   * Stops for good: no more navigation watching, held hits dropped, later hits report `destroyed`.
   * Hits made before still complete (the outbox keeps its promise). Not in the script-tag bundles.
   */
  destroy?(): void;
  /** Logs a line when debug mode is on. */
  log(message: string, data?: unknown): void;
}

/**
 * Creates a tracker for one Mautic installation. Creating it touches no browser global, so it is
 * safe during server-side rendering; hits sent without a browser report `unsupported`. `extend`
 * adds hooks to every hit that leaves and every delivery that ends (`usePlugins`, for page features).
 *
 * Each hit runs one pipeline (createPipeline), top to bottom: the command's values → build the hit
 * → redact it (`redactQuery`, `beforeSend`) → guards (no browser, dropped by `beforeSend`, no
 * endpoint, Do Not Track, duplicate pageview, consent) → outbox → transport → response → callbacks
 * (and plugins, and `mauticPageEventDelivered`).
 */
export function createCore(initial: TrackerOptions, extend?: Extension): TrackerCore {
  let options = mergeOptions(DEFAULT_OPTIONS, initial);
  const current = () => options;
  const log = (message: string, data?: unknown): void => {
    if (options.debug) debugLog(message, data);
  };
  // A refused name would leave this tracker on the unnamed tracker's ids, cookies and outbox (two
  // Mautic instances' contacts mixed): it sends nothing, and says why.
  let stopped: FailureReason | false = !IN_SCRIPT_TAG && initial.name != null && options.name !== initial.name && 'invalid';
  // Storage keys of a named tracker end in `_<name>`, fixed at creation (npm only: see config.ts).
  const suffix = !IN_SCRIPT_TAG && options.name ? '_' + options.name : '';
  const area = storageAreas(() => options.storage);
  /** The extension's hooks, kept to end them with the tracker (npm `destroy()`). */
  let extension: TrackerPlugin | undefined;
  // The extension also gets the core's own track and consent state; both are read when called.
  const delivery = createDelivery(
    current,
    area,
    suffix,
    log,
    extend && ((parts) => (extension = extend({ ...parts, track: (type, params, callbacks, values = []) => core.track(type, [...values, params, callbacks]), consented: () => consent.allows() && !doNotTrackApplies(options) }))),
  );
  const consent = createConsent(suffix, area('local'), current, log, delivery.leave, delivery.forget);
  const autoPageviews = createAutoPageviews(current, (referrer) => core.track('pageview', [{ page_referrer: referrer }]));
  const pipeline = createPipeline(delivery, consent, autoPageviews, current, log, () => stopped);

  const core: TrackerCore = {
    ...pipeline,
    log,
    consent: consent.decide,
    configure(update) {
      options = mergeOptions(options, update);
      if (!stopped) autoPageviews.watch();
    },
  };
  if (!IN_SCRIPT_TAG) {
    core.destroy = () => {
      stopped = 'destroyed';
      consent.clear();
      autoPageviews.destroy!();
      if (extension && extension.destroy) extension.destroy();
    };
  }
  // `initial` is merged already (its name fixed the storage keys): this starts what it asked for.
  core.configure({});
  return core;
}

/** What the pipeline gives its core (see createPipeline). */
interface Pipeline {
  /** TrackerCore's `track`: one hit through every stage. */
  track: TrackerCore['track'];
  /** TrackerCore's `reset`: the visitor forgotten, and the next pageview no twin of the last one's. */
  reset(): void;
}

/**
 * The per-hit pipeline of a core (see createCore): read the `send` call → build the hit → redact it
 * → guards → `delivery` (`consent` is a guard; `autoPageviews` hears each pageview that counts). It
 * keeps the page's hit counter and the last pageview (its twin shares its delivery). Options are
 * read at each use (`beforeSend` may change them); `stopped` says why the core sends nothing, if it
 * does not (never in the script-tag bundles).
 */
function createPipeline(
  delivery: Delivery,
  consent: Consent,
  autoPageviews: AutoPageviews,
  current: () => Required<TrackerOptions>,
  log: (message: string, data?: unknown) => void,
  stopped: () => FailureReason | false,
): Pipeline {
  let counter = 0;
  let duplicates = createDuplicatePageviews<Delivered>();
  return {
    reset() {
      log('reset');
      delivery.forget();
      consent.clear();
      // The new visitor's first pageview is no twin of the last one's.
      duplicates = createDuplicatePageviews();
    },
    track(type, args, resolve) {
      const command = ['send', type, ...args];
      const read = !IN_SCRIPT_TAG && stopped() == 'invalid' ? 'name refused' : readSend(type, args);
      if (typeof read == 'string') {
        const detail = refuse(command, read, log);
        if (!IN_SCRIPT_TAG && resolve) resolve(detail);
        return;
      }
      const [hitType, params, callbacks, eventValues = []] = read;
      // No hit without a page, or once stopped; a script-tag bundle always has one, and never stops.
      const hit = ((IN_SCRIPT_TAG || (!stopped() && typeof document != 'undefined')) && redact(buildHit(hitType, counter, callerParams(hitType, params, eventValues, log), current().eventsInPageUrl), current(), log)) as Hit;
      const made = hit ? wireParams(hit) : {};
      const settle = settleOnce(hitType, callbacks, current().timeout, made, log, resolve);
      // Callbacks never run inside the call that caused them, in any outcome.
      const stop = (reason: FailureReason, queued?: boolean): void =>
        void Promise.resolve().then(() => settle(unsent(reason, queued), made));

      // The guards, in order.
      // null: dropped by beforeSend (in a script-tag bundle, the only way to have no hit).
      if (!hit) return stop(IN_SCRIPT_TAG || hit === null ? 'dropped' : stopped() || 'unsupported');
      if (!current().url) return stop('no-endpoint');
      if (doNotTrackApplies(current())) return stop('do-not-track');
      const twin = duplicates.get(hit);
      if (twin) {
        log('pageview: duplicate ignored (snippet included twice?)');
        return void twin.then(([outcome, sent]) => settle(outcome, sent, true));
      }
      counter++;
      if (hitType == 'pageview') autoPageviews.seen();
      const delivered = delivery.report(hit, settle, command);
      const held = consent.admit(hit);
      if (held != null) return stop('no-consent', held);

      log(hitType + ' queued', hit.params);
      delivery.leave(hit);
      duplicates.set(hit, delivered);
    },
  };
}


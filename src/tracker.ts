import type { Callbacks, ConsentDecision, FailureReason, HitType, Params, TrackerOptions, WireParams } from './types.js';
import { buildHit, callerParams, wireParams, type Hit } from './hit.js';
import { doNotTrack } from './do-not-track.js';
import { createDuplicatePageviews } from './duplicate-pageview.js';
import { createConsent } from './consent.js';
import { createAutoPageviews } from './auto-pageviews.js';
import { createPlugins, type PluginContext, type Plugins, type TrackerPlugin } from './plugins.js';
import { createOutbox } from './outbox.js';
import { createOutboxStore } from './outbox-store.js';
import { sendHit, type TransportState } from './transport.js';
import { readResponse, type Outcome } from './response.js';
import { createIdentity, type Identity } from './identity.js';
import { settleOnce, type Settle } from './callbacks.js';
import { DEFAULT_OPTIONS, mergeOptions } from './config.js';
import { encodeForm } from './lib/encode-form.js';
import { debugLog } from './lib/debug-log.js';
import { looksPersonal } from './lib/looks-personal.js';
import { storageArea, type StorageArea, type StorageKind } from './lib/storage-area.js';
import { dispatchDocumentEvent } from './lib/dispatch-document-event.js';

/** localStorage key of the stored outbox, and name of the Web Lock that guards its replay. */
const OUTBOX_KEY = 'mautic_tracker_outbox';

/** The tracking core that the script-tag bundle and the npm API both drive. */
export interface TrackerCore {
  /** Adds a plugin. */
  use(plugin: (context: PluginContext) => TrackerPlugin): void;
  /** Applies options to every later hit. */
  configure(options: TrackerOptions): void;
  /** Sends one hit; exactly one of `callbacks` hears the outcome. */
  track(type: HitType, params: Params | undefined, callbacks: Callbacks, eventValues?: (string | undefined)[]): void;
  /** Records the visitor's consent decision (see `requireConsent`). */
  consent(decision: ConsentDecision): void;
  /**
   * Stops for good: no more navigation watching, held hits dropped, later hits report `destroyed`.
   * Hits made before still complete (the outbox keeps its promise).
   */
  destroy(): void;
  /** Logs a line when debug mode is on. */
  log(message: string, data?: unknown): void;
}

/** A hit's delivery: how it ended, and the params it went out with. */
type Delivery = Promise<[Outcome, WireParams]>;

/**
 * Creates a tracker for one Mautic installation. Creating it touches no browser global, so it is
 * safe during server-side rendering; hits sent without a browser report `unsupported`.
 *
 * Each hit runs one pipeline, top to bottom: the command's values → build the hit → guards (no
 * browser, no endpoint, Do Not Track, duplicate pageview, consent) → outbox → transport → response
 * → callbacks (and plugins, and `mauticPageEventDelivered`).
 */
export function createCore(initial: TrackerOptions = {}): TrackerCore {
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
  const outboxKey = OUTBOX_KEY + suffix;
  const areas: Partial<Record<StorageKind, StorageArea>> = {};
  const area = (kind: StorageKind = options.storage!): StorageArea => areas[kind] || (areas[kind] = storageArea(kind));

  const identity = createIdentity(area, () => options.storage == 'local', suffix);
  const store = createOutboxStore(outboxKey, area, (hit, why) => log('outbox: dropped a ' + hit.type + ': ' + why, hit.params));
  const outbox = createOutbox(deliverer(current, identity, log), () => identity.deviceId(), store, outboxKey);
  const plugins = createPlugins({ options: current, base: () => options.url, deviceId: identity.deviceId, remember: identity.remember, log });
  const duplicates = createDuplicatePageviews<Delivery>();
  /** A hit leaves for delivery: the outbox takes it, plugins hear it with the params it goes with. */
  const leave = (hit: Hit): void => {
    outbox.add(hit);
    plugins.call('hit', hit.type, wireParams(hit, identity.deviceId()));
  };
  const consent = createConsent(suffix, area('local'), current, log, leave, () => {
    // Revoked: forget everything stored about the visitor, wherever a mode may have put it.
    const all = [area('local'), area('session'), area('none')];
    identity.forget(all);
    all.forEach((stored) => stored.remove(outboxKey));
    outbox.clear();
  });
  const autoPageviews = createAutoPageviews(current, (referrer) => core.track('pageview', { page_referrer: referrer }, {}));

  const core: TrackerCore = {
    log,
    use: plugins.use,
    consent: consent.decide,
    configure(update) {
      options = mergeOptions(options, update, refused);
      // Logged after the merge, so a `debug: true` in the same call already applies.
      refused.splice(0).forEach((message) => log(message));
      if (!destroyed) autoPageviews.watch();
    },
    destroy() {
      destroyed = true;
      consent.drop();
      autoPageviews.stop();
    },
    track(type, params, callbacks, eventValues = []) {
      // An empty key is the params object itself (not plain data, or unreadable).
      const skip = (key: string, why: string): void => log(type + ': skipped ' + (key ? 'param ' + key : 'params') + ' (' + why + ')');
      const hit = !destroyed && typeof document != 'undefined' && buildHit(type, counter, callerParams(params, eventValues, skip), options.eventsInPageUrl);
      const made = hit ? wireParams(hit) : {};
      const settle = settleOnce(type, callbacks, options.timeout, made, (detail) =>
        log(type + ' ' + (detail.reason || 'delivered') + (detail.queued ? ', kept to retry' : ''), detail),
      );
      // Callbacks never run inside the call that caused them, in any outcome.
      const stop = (reason: FailureReason, queued?: boolean): void =>
        void Promise.resolve().then(() => settle({ ok: false, transport: 'none', reason, queued }, made));

      // The guards, in order.
      if (!hit) return stop(destroyed ? 'destroyed' : 'unsupported');
      if (!options.url) return stop('no-endpoint');
      if (options.respectDoNotTrack && doNotTrack()) return stop('do-not-track');
      const twin = duplicates.twinOf(hit);
      if (twin) {
        log('duplicate pageview ignored (snippet included twice?)');
        return void twin.then(([outcome, sent]) => settle(outcome, sent, true));
      }
      counter++;
      if (type == 'pageview') autoPageviews.seen();
      const delivery = reported(hit, settle, ['send', type, ...eventValues, params, callbacks], plugins.call);
      const held = consent.admit(hit);
      if (held != null) return stop('no-consent', held || undefined);

      log(type + ' queued', hit.params);
      leave(hit);
      duplicates.left(hit, delivery);
    },
  };
  // `initial` is merged already (its name fixed the storage keys): this logs what it refused and
  // starts what it asked for.
  core.configure({});
  return core;
}

/**
 * Transport → response: sends a hit's final params (by pixel only where personal data may go in a
 * URL), reads the answer, keeps the ids it carries. Never rejects.
 */
function deliverer(options: () => Required<TrackerOptions>, identity: Identity, log: (message: string) => void) {
  const state: TransportState = {};
  return (params: WireParams): Promise<Outcome> =>
    sendHit(
      options().url,
      encodeForm(params),
      state,
      // A GET URL is logged by servers and proxies: no personal data there unless allowed.
      options().pixelForPersonalData || !looksPersonal(params),
    )
      .then(readResponse)
      .then((outcome) => {
        if (outcome.response) identity.remember(outcome.response);
        if (outcome.status === 0 && state.pixelOnly) log("CORS failed (site not in Mautic's CORS allowed domains?): pixel from now on");
        return outcome;
      })
      .catch((): Outcome => ({ ok: false, transport: 'none', reason: 'failed' }));
}

/**
 * The end of a hit's delivery, heard through its `done`: its caller (`settle`), the plugins, and
 * integrations written for Mautic's script (`mauticPageEventDelivered`, with the command as the
 * caller gave it) hear of it. Returns the delivery, which a duplicate pageview shares.
 */
function reported(hit: Hit, settle: Settle, command: unknown[], call: Plugins['call']): Delivery {
  const delivery: Delivery = new Promise((resolve) => (hit.done = (...result) => resolve(result)));
  delivery.then(([outcome, params]) => {
    settle(outcome, params);
    call('delivered', outcome, params);
    const { response } = outcome;
    if (response || outcome.ok) {
      dispatchDocumentEvent('mauticPageEventDelivered', { event: command, params, ...(response ? { response } : { image: true }) });
    }
  });
  return delivery;
}

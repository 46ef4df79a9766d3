import type { Callbacks, ConsentDecision, HitType, MauticResponse, Params, TrackerOptions, WireParams } from './types.js';
import { buildHit, eventParams, wireParams, type Hit } from './hit.js';
import { createOutbox } from './outbox.js';
import { createOutboxStore } from './outbox-store.js';
import { sendHit, type TransportState } from './transport.js';
import { readResponse, type Outcome } from './response.js';
import { createIdentity } from './identity.js';
import { settleOnce, type Settle } from './callbacks.js';
import { DEFAULT_OPTIONS, mergeOptions } from './config.js';
import { onPage } from './lifecycle.js';
import { flattenParams } from './lib/flatten-params.js';
import { capParams } from './lib/cap-params.js';
import { encodeForm } from './lib/encode-form.js';
import { debugLog } from './lib/debug-log.js';
import { referrerHost } from './lib/referrer-host.js';
import { looksPersonal } from './lib/looks-personal.js';
import { storageArea, type StorageArea, type StorageKind } from './lib/storage-area.js';
import { dispatchDocumentEvent } from './lib/dispatch-document-event.js';

/** localStorage key of the stored outbox, and name of the Web Lock that guards its replay. */
const OUTBOX_KEY = 'mautic_tracker_outbox';

/** localStorage key that remembers the visitor's consent decision. */
const CONSENT_KEY = 'mautic_tracker_consent';

/** At most this many hits wait in memory for a consent decision; older ones are dropped. */
const MAX_HELD = 100;

/** Caller params are capped at this many encoded characters per hit (8 KiB keeps GET URLs safe). */
const MAX_PARAM_CHARS = 8192;

/** A second identical pageview this soon after the first is the snippet pasted twice, not a visit. */
const DUPLICATE_WINDOW_MS = 2000;

/**
 * An SPA pageview waits this long after the URL changed: routers set the new title after the
 * history change, and a redirect (push, then replace at once) is one navigation, not two.
 */
const ROUTE_SETTLE_MS = 100;

/** What the core lends a plugin: its options, the Mautic base URL, and the visitor's identity. */
export interface PluginContext {
  options(): Required<TrackerOptions>;
  /** The Mautic base URL, normalised (no trailing slash, https on https pages). */
  base(): string;
  deviceId(): string | undefined;
  /** Keeps the ids of a Mautic answer, as a hit's answer would be kept. */
  remember(response: MauticResponse): void;
  log(message: string, data?: unknown): void;
}

/** Features beyond tracking (Mautic's page features) hook in here. */
export interface TrackerPlugin {
  /** A hit leaves for delivery (consent given), with the params it goes out with. */
  hit?(type: HitType, params: WireParams): void;
  /** A hit's delivery ended. */
  delivered?(outcome: Outcome, params: WireParams): void;
}

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

type Delivery = Promise<[Outcome, WireParams]>;

/** What a held or live hit needs to be delivered and reported. */
interface Pending {
  hit: Hit;
  settle: Settle;
  /** For `mauticPageEventDelivered`: the command as the caller gave it. */
  event: unknown[];
}

/**
 * Creates a tracker for one Mautic installation. Creating it touches no browser global, so it is
 * safe during server-side rendering; hits sent without a browser report `unsupported`.
 */
export function createCore(initial: TrackerOptions = {}): TrackerCore {
  /** Messages of refused options, logged once `debug` of the same call applies. */
  const refused: string[] = [];
  let options = mergeOptions(DEFAULT_OPTIONS, initial, refused);
  let counter = 0;
  let lastPageview: { key: string; at: number; delivery: Delivery } | undefined;
  const transportState: TransportState = {};
  const suffix = options.name ? '_' + options.name : '';
  const outboxKey = OUTBOX_KEY + suffix;
  const consentKey = CONSENT_KEY + suffix;

  const areas: Partial<Record<StorageKind, StorageArea>> = {};
  const area = (kind: StorageKind = options.storage!): StorageArea => areas[kind] || (areas[kind] = storageArea(kind));
  const identity = createIdentity(area, () => options.storage == 'local', suffix);

  /** The remembered decision, read when first needed (never during server-side rendering). */
  let consent: string | null | undefined;
  const consented = (): boolean => {
    if (consent === undefined) consent = area('local').get(consentKey);
    // An explicit deny (or revoke) always wins; a grant is needed only when consent is required.
    return consent != 'deny' && (!options.requireConsent || consent == 'grant');
  };
  let held: Pending[] = [];

  /** URL of the last pageview sent (manual or automatic). */
  let lastPageviewUrl: string | undefined;
  let stopWatching: (() => void) | undefined;
  let destroyed = false;
  let routeTimer: ReturnType<typeof setTimeout> | undefined;
  /** A URL as the SPA rules compare it: without the fragment unless `hashRouting`. */
  const route = (url?: string): string | undefined => (url && !options.hashRouting ? url.split('#')[0] : url);

  const log = (message: string, data?: unknown): void => {
    if (options.debug) debugLog(message, data);
  };

  const outbox = createOutbox(
    (params) =>
      sendHit(
        options.url,
        encodeForm(params),
        transportState,
        // A GET URL is logged by servers and proxies: no personal data there unless allowed.
        options.pixelForPersonalData || !looksPersonal(params),
      )
        .then(readResponse)
        .then((outcome) => {
          if (outcome.response) identity.remember(outcome.response);
          if (outcome.status === 0 && transportState.pixelOnly) {
            log("CORS failed (site not in Mautic's CORS allowed domains?): pixel from now on");
          }
          return outcome;
        })
        .catch((): Outcome => ({ ok: false, transport: 'none', reason: 'failed' })),
    () => identity.deviceId(),
    createOutboxStore(outboxKey, area, (hit, why) => log('outbox: dropped a ' + hit.type + ': ' + why, hit.params)),
    outboxKey,
  );

  const plugins: TrackerPlugin[] = [];
  const context: PluginContext = {
    options: () => options,
    base: () => options.url,
    deviceId: () => identity.deviceId(),
    remember: (response) => identity.remember(response),
    log,
  };

  /** Hands a hit to the outbox; reports its outcome and tells integrations about the delivery. */
  const deliver = ({ hit, settle, event }: Pending): Delivery => {
    const delivery: Delivery = new Promise((resolve) => outbox.add(((hit.done = (...result) => resolve(result)), hit)));
    plugins.forEach((plugin) => plugin.hit && plugin.hit(hit.type, wireParams(hit, identity.deviceId())));
    delivery.then(([outcome, params]) => {
      settle(outcome, params);
      plugins.forEach((plugin) => plugin.delivered && plugin.delivered(outcome, params));
      const { response } = outcome;
      if (response || outcome.ok) {
        dispatchDocumentEvent('mauticPageEventDelivered', {
          event,
          params,
          ...(response ? { response } : { image: true }),
        });
      }
    });
    return delivery;
  };

  const core: TrackerCore = {
    log,
    use: (plugin) => void plugins.push(plugin(context)),
    configure(update) {
      options = mergeOptions(options, update, refused);
      // Logged after the merge, so a `debug: true` in the same call already applies.
      refused.splice(0).forEach((message) => log(message));
      if (options.autoPageviews && !stopWatching && !destroyed && typeof window != 'undefined') {
        stopWatching = onPage('navigated', () => {
          clearTimeout(routeTimer);
          routeTimer = setTimeout(() => {
            // Only a real change of URL (a replaceState of the same URL, or a manual pageview of
            // this URL already sent, is none) makes a pageview; its referrer is the previous route.
            if (!options.autoPageviews || route(location.href) == route(lastPageviewUrl)) return;
            core.track('pageview', { page_referrer: referrerHost(lastPageviewUrl || '') }, {});
          }, ROUTE_SETTLE_MS);
        });
      }
    },
    consent(decision) {
      if (typeof document == 'undefined') return;
      consent = decision == 'grant' ? decision : 'deny';
      area('local').set(consentKey, consent);
      const waiting = held;
      held = [];
      log('consent: ' + decision + (waiting.length ? ', ' + (consent == 'grant' ? 'sending ' : 'dropping ') + waiting.length + ' held hits' : ''));
      if (consent == 'grant') waiting.forEach(deliver);
      if (decision == 'revoke') {
        // Forget everything stored about the visitor, wherever a mode may have put it.
        const all = [area('local'), area('session'), area('none')];
        identity.forget(all);
        all.forEach((stored) => stored.remove(outboxKey));
        outbox.clear();
      }
    },
    destroy() {
      destroyed = true;
      held = [];
      clearTimeout(routeTimer);
      if (stopWatching) stopWatching();
    },
    track(type, custom, callbacks, eventValues = []) {
      // An empty key is the params object itself (not plain data, or unreadable).
      const skip = (key: string, why: string): void => log(type + ': skipped ' + (key ? 'param ' + key : 'params') + ' (' + why + ')');
      const hit =
        !destroyed &&
        typeof document != 'undefined' &&
        buildHit(
          type,
          counter,
          capParams(
            { ...eventParams(eventValues), ...flattenParams(custom, skip, MAX_PARAM_CHARS) },
            MAX_PARAM_CHARS,
            (key) => skip(key, 'too large'),
          ),
          options.eventsInPageUrl,
        );
      const params = hit ? wireParams(hit) : {};
      const settle = settleOnce(type, callbacks, options.timeout, params, (detail) =>
        log(type + ' ' + (detail.reason || 'delivered') + (detail.queued ? ', kept to retry' : ''), detail),
      );
      const fail = (reason: Outcome['reason'], queued?: boolean): void => {
        // Callbacks never run inside the call that caused them, in any outcome.
        Promise.resolve().then(() => settle({ ok: false, transport: 'none', reason, queued }, params));
      };
      if (!hit) return fail(destroyed ? 'destroyed' : 'unsupported');
      if (!options.url) return fail('no-endpoint');
      const privacy = navigator as { doNotTrack?: string; globalPrivacyControl?: boolean };
      if (options.respectDoNotTrack && (privacy.doNotTrack == '1' || privacy.globalPrivacyControl)) {
        return fail('do-not-track');
      }

      // Identical pageviews (counter aside) within a moment: the snippet pasted twice.
      const key = type == 'pageview' && JSON.stringify({ ...hit.params, counter: '' });
      const now = Date.now();
      if (key && lastPageview && lastPageview.key == key && now - lastPageview.at < DUPLICATE_WINDOW_MS) {
        log('duplicate pageview ignored (snippet included twice?)');
        lastPageview.delivery.then(([outcome, params]) => settle(outcome, params, true));
        return;
      }
      counter++;
      if (type == 'pageview') lastPageviewUrl = location.href;
      const pending: Pending = { hit, settle, event: ['send', type, ...eventValues, custom, callbacks] };
      if (!consented()) {
        if (consent == 'deny') return fail('no-consent');
        // Held until the visitor decides: nothing leaves the browser, nothing is stored.
        if (held.push(pending) > MAX_HELD) held.shift();
        log(type + ' held until consent', hit.params);
        return fail('no-consent', true);
      }
      log(type + ' queued', hit.params);
      const delivery = deliver(pending);
      if (key) lastPageview = { key, at: now, delivery };
    },
  };
  // `initial` is merged already (its name fixed the storage keys): this logs what it refused and
  // starts what it asked for.
  core.configure({});
  return core;
}

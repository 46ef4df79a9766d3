import type { Callbacks, HitType, Params, TrackerOptions, WireParams } from './types.js';
import { buildHit, wireParams } from './hit.js';
import { createOutbox } from './outbox.js';
import { createOutboxStore } from './outbox-store.js';
import { sendHit, type TransportState } from './transport.js';
import { readResponse, type Outcome } from './response.js';
import { createIdentity } from './identity.js';
import { settleOnce } from './callbacks.js';
import { DEFAULT_OPTIONS, mergeOptions, normaliseBaseUrl } from './config.js';
import { flattenParams } from './lib/flatten-params.js';
import { encodeForm } from './lib/encode-form.js';
import { debugLog } from './lib/debug-log.js';
import { referrerHost } from './lib/referrer-host.js';
import { watchNavigation } from './navigation.js';
import { dispatchDocumentEvent } from './lib/dispatch-document-event.js';

/** localStorage key of the stored outbox, and name of the Web Lock that guards its replay. */
const OUTBOX_KEY = 'mautic_tracker_outbox';

/** A second identical pageview this soon after the first is the snippet pasted twice, not a visit. */
const DUPLICATE_WINDOW_MS = 2000;

/**
 * An SPA pageview waits this long after the URL changed: routers set the new title after the
 * history change, and a redirect (push, then replace at once) is one navigation, not two.
 */
const ROUTE_SETTLE_MS = 100;

/** The tracking core that the script-tag bundle and the npm API both drive. */
export interface TrackerCore {
  /** Applies options to every later hit. */
  configure(options: TrackerOptions): void;
  /** Sends one hit; exactly one of `callbacks` hears the outcome. */
  track(type: HitType, params: Params | undefined, callbacks: Callbacks, eventValues?: (string | undefined)[]): void;
  /** Logs a line when debug mode is on. */
  log(message: string, data?: unknown): void;
}

type Delivery = Promise<[Outcome, WireParams]>;

/**
 * Creates a tracker for one Mautic installation. Creating it touches no browser global, so it is
 * safe during server-side rendering; hits sent without a browser report `unsupported`.
 */
export function createCore(initial: TrackerOptions = {}): TrackerCore {
  let options = DEFAULT_OPTIONS;
  let counter = 0;
  let lastPageview: { key: string; at: number; delivery: Delivery } | undefined;
  const transportState: TransportState = {};
  const suffix = initial.name ? '_' + initial.name : '';
  const identity = createIdentity(suffix);
  const outboxKey = OUTBOX_KEY + suffix;
  /** URL of the last pageview sent (manual or automatic), and the pending automatic one. */
  let lastPageviewUrl: string | undefined;
  let watching = false;
  let routeTimer: ReturnType<typeof setTimeout> | undefined;
  /** A URL as the SPA rules compare it: without the fragment unless `hashRouting`. */
  const route = (url?: string): string | undefined => (url && !options.hashRouting ? url.split('#')[0] : url);

  const log = (message: string, data?: unknown): void => {
    if (options.debug) debugLog(message, data);
  };

  const outbox = createOutbox(
    (params) =>
      sendHit(normaliseBaseUrl(options.url), encodeForm(params), transportState, options.timeout)
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
    createOutboxStore(outboxKey, (hit, why) => log('outbox: dropped a ' + hit.type + ': ' + why, hit.params)),
    outboxKey,
  );

  const core: TrackerCore = {
    log,
    configure(update) {
      const ignored: string[] = [];
      options = mergeOptions(options, update, (key) => ignored.push(key));
      // Logged after the merge, so a `debug: true` in the same call already applies.
      ignored.forEach((key) => log('config: ignored option ' + key));
      if (options.autoPageviews && !watching && typeof window != 'undefined') {
        watching = true;
        watchNavigation(() => {
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
    track(type, custom, callbacks, eventValues = []) {
      const hit =
        typeof document != 'undefined' &&
        buildHit(
          type,
          counter,
          flattenParams(custom, (key, why) => log(type + ': skipped param ' + key + ' (' + why + ')')),
          eventValues,
          options.eventsInPageUrl,
        );
      const settle = settleOnce(type, callbacks, options.timeout, hit ? wireParams(hit, identity.deviceId()) : {}, (detail) =>
        log(type + ' ' + (detail.reason || 'delivered') + (detail.queued ? ', kept to retry' : ''), detail),
      );
      // Identical pageviews (counter aside) within a moment: the snippet pasted twice.
      const key = hit && type == 'pageview' && JSON.stringify({ ...hit.params, counter: '' });
      const now = Date.now();
      let delivery: Delivery;
      if (!hit || !options.url) {
        delivery = Promise.resolve([{ ok: false, transport: 'none', reason: hit ? 'no-endpoint' : 'unsupported' }, {}]);
      } else if (key && lastPageview && lastPageview.key == key && now - lastPageview.at < DUPLICATE_WINDOW_MS) {
        log('duplicate pageview ignored (snippet included twice?)');
        lastPageview.delivery.then(([outcome, params]) => settle(outcome, params, true));
        return;
      } else {
        counter++;
        if (type == 'pageview') lastPageviewUrl = location.href;
        log(type + ' queued', hit.params);
        delivery = new Promise((resolve) => outbox.add(hit, (...result) => resolve(result)));
        if (key) lastPageview = { key, at: now, delivery };
      }
      delivery.then(([outcome, params]) => {
        settle(outcome, params);
        const { response } = outcome;
        if (response || outcome.ok) {
          dispatchDocumentEvent('mauticPageEventDelivered', {
            event: ['send', type, ...eventValues, custom, callbacks],
            params,
            ...(response ? { response } : { image: true }),
          });
        }
      });
    },
  };
  core.configure(initial);
  return core;
}

import type { Callbacks, HitType, Params, TrackerOptions, WireParams } from './types';
import { buildHit, wireParams } from './hit';
import { createOutbox } from './outbox';
import { createOutboxStore } from './outbox-store';
import { sendHit, type TransportState } from './transport';
import { readResponse, type Outcome } from './response';
import { createIdentity } from './identity';
import { settleOnce } from './callbacks';
import { DEFAULT_OPTIONS, mergeOptions, normaliseBaseUrl } from './config';
import { flattenParams } from './lib/flatten-params';
import { encodeForm } from './lib/encode-form';
import { debugLog } from './lib/debug-log';
import { dispatchDocumentEvent } from './lib/dispatch-document-event';

/** localStorage key of the stored outbox, and name of the Web Lock that guards its replay. */
const OUTBOX_KEY = 'mautic_tracker_outbox';

/** A second identical pageview this soon after the first is the snippet pasted twice, not a visit. */
const DUPLICATE_WINDOW_MS = 2000;

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
  const identity = createIdentity();

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
    createOutboxStore(OUTBOX_KEY, (hit, why) => log('outbox: dropped a ' + hit.type + ': ' + why, hit.params)),
    OUTBOX_KEY,
  );

  const core: TrackerCore = {
    log,
    configure(update) {
      const ignored: string[] = [];
      options = mergeOptions(options, update, (key) => ignored.push(key));
      // Logged after the merge, so a `debug: true` in the same call already applies.
      ignored.forEach((key) => log('config: ignored option ' + key));
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

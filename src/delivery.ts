import type { TrackerOptions, WireParams } from './types.js';
import { wireParams, type Hit } from './hit.js';
import type { DeliveryParts, TrackerPlugin } from './plugins.js';
import { createOutbox, retried, unsent } from './outbox.js';
import { sendHit, type TransportState } from './transport.js';
import type { Outcome } from './response.js';
import { createIdentity } from './identity.js';
import type { Settle } from './callbacks.js';
import { encodeForm } from './lib/encode-form.js';
import { looksPersonal } from './lib/looks-personal.js';
import type { StorageArea } from './lib/storage-area.js';
import { dispatchDocumentEvent } from './lib/dispatch-document-event.js';
import { HAS_PLUGINS } from './config.js';

/** localStorage key of the stored outbox (and name of the Web Lock that guards its replay). */
const OUTBOX_KEY = 'mautic_tracker_outbox';

/** How a hit's delivery ended, and the params it went out with. */
export type Delivered = Promise<[Outcome, WireParams]>;

/** The second half of a tracker's pipeline, for hits that passed the guards. */
export interface Delivery {
  /** A hit leaves: the outbox takes it (→ transport → response), the hooks hear it with its final params. */
  leave(hit: Hit): void;
  /**
   * Reports the end of `hit`'s delivery (through its `done`) to its caller (`settle`), the hooks,
   * and integrations written for Mautic's script (`mauticPageEventDelivered`, with `command` as the
   * caller gave it). Returns the delivery, which a duplicate pageview shares.
   */
  report(hit: Hit, settle: Settle, command: unknown[]): Delivered;
  /** Forgets every id and stored hit of the visitor, in every storage area (reset, consent revoked). */
  forget(): void;
}

/**
 * Wires outbox → transport → response → identity → callbacks for one tracker. `area(kind)` is the
 * tracker's storage area of that kind (the `storage` option's by default); `suffix` ends its storage
 * keys (a named tracker's `_<name>`); `extend`, when given, makes the hooks that hear each hit
 * leave and each delivery end (page features, `plugins.ts`).
 */
export function createDelivery(
  options: () => Required<TrackerOptions>,
  area: (kind?: 'local' | 'session' | 'none') => StorageArea,
  suffix: string,
  log: (message: string, data?: unknown) => void,
  extend?: (parts: DeliveryParts) => TrackerPlugin,
): Delivery {
  const outboxKey = OUTBOX_KEY + suffix;
  const identity = createIdentity(area, () => options().storage == 'local', suffix);
  const state: TransportState = {};
  /** How many times this tab forgot the visitor: a hit sent before must not come back for the next one. */
  let forgets = 0;
  // Transport → response → identity. Never rejects.
  const deliver = (
    params: WireParams,
    sentAfter = forgets,
    visitor = identity.visitor(),
    // A GET URL is logged by servers and proxies: no personal data there unless allowed.
    pixel = options().pixelForPersonalData || !looksPersonal(params),
  ): Promise<Outcome> =>
    sendHit(options().url, encodeForm(params), state, pixel).then((outcome) => {
      // Sent before the visitor was forgotten (reset, revoke): its answer must not bring the old
      // ids back, nor its failure the old visitor's hit (to the outbox, for the next visitor).
      if (sentAfter != forgets) return retried(outcome) ? unsent('dropped') : outcome;
      // An answer to a request sent before another tab changed the ids (its reset) is not kept either.
      if (outcome.response) identity.remember(outcome.response, visitor);
      // What a site can mend. A POST refused (or cut) before any answer: by pixel from then on, or not by pixel at all.
      if (outcome.status === 0 && (state.pixelOnly || !pixel)) log(pixel ? "CORS refused (site not in Mautic's CORS domains?): pixel from now on" : 'POST failed; no pixel for personal data (pixelForPersonalData)');
      if (outcome.status == 404) log("404: is url Mautic's base URL?");
      return outcome;
    }, () => unsent('failed'));
  const outbox = createOutbox(deliver, identity.deviceId, area, outboxKey, (hit, why) => log('outbox: dropped a ' + hit.type + ': ' + why, hit.params));
  // `dist/mt.js` has no plugin, so no hooks to call.
  const hooks: TrackerPlugin = HAS_PLUGINS && extend ? extend({ options, deviceId: identity.deviceId, remember: identity.remember, visitor: identity.visitor, log }) : {};
  return {
    leave(hit) {
      outbox.add(hit);
      if (HAS_PLUGINS && hooks.hit) hooks.hit(hit.type, wireParams(hit, identity.deviceId()));
    },
    report(hit, settle, command) {
      const delivered: Delivered = new Promise((resolve) => (hit.done = (...result) => resolve(result)));
      delivered.then(([outcome, params]) => {
        // The callback ran already (timeout): the answer is still read, and debug mode says so.
        if (!settle(outcome, params)) log(hit.type + ' ended after its callback: ' + (outcome.reason || 'delivered'), outcome);
        if (HAS_PLUGINS && hooks.delivered) hooks.delivered(outcome, params);
        const { response } = outcome;
        if (response || outcome.ok) dispatchDocumentEvent('mauticPageEventDelivered', { event: command, params, ...(response ? { response } : { image: true }) });
      });
      return delivered;
    },
    forget() {
      forgets++;
      const all = (['local', 'session', 'none'] as const).map(area); // wherever a storage mode may have put something
      identity.forget(all);
      all.forEach((stored) => stored.remove(outboxKey));
      outbox.clear();
    },
  };
}

import type { WireParams } from './types';
import type { Outcome } from './response';
import { wireParams, type Hit } from './hit';

/** Hands a hit's final params to the transport and reports the interpreted outcome. Never rejects. */
export type Deliver = (params: WireParams) => Promise<Outcome>;

/** Told once when a hit's delivery ended, with the params it went out with. */
export type Delivered = (outcome: Outcome, params: WireParams) => void;

/** Hits waiting to go out, in order. */
export interface Outbox {
  add(hit: Hit, delivered: Delivered): void;
}

/**
 * Sends hits in order, holding them while the visitor has no device id and a hit is already in
 * flight: before Mautic's first answer there is no id, and hits sent in parallel then would each
 * create another anonymous contact. Once an id is known, hits go out at once and in parallel.
 * Waiting hits are released by the previous delivery ending (never by polling), and each takes the
 * device id that is current when it leaves.
 */
export function createOutbox(deliver: Deliver, deviceId: () => string | undefined): Outbox {
  const waiting: [Hit, Delivered][] = [];
  let inFlight = 0;

  const pump = (): void => {
    while (waiting.length && (!inFlight || deviceId())) {
      const [hit, delivered] = waiting.shift()!;
      const params = wireParams(hit, deviceId());
      inFlight++;
      deliver(params).then((outcome) => {
        inFlight--;
        delivered(outcome, params);
        pump();
      });
    }
  };

  return {
    add(hit, delivered) {
      waiting.push([hit, delivered]);
      pump();
    },
  };
}

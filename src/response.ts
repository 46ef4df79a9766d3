import type { FailureReason, MauticResponse, Transport } from './types.js';
import type { TransportResult } from './transport.js';
import { isObject } from './lib/is-object.js';

/** What a delivery attempt means for the caller. */
export interface Outcome {
  ok: boolean;
  transport: Transport;
  status?: number;
  response?: MauticResponse;
  reason?: FailureReason;
  /** The server's Retry-After, in ms. */
  retryAfter?: number;
  /** Set when the hit was kept in the outbox and will be sent again. */
  queued?: boolean;
}

/**
 * The outcome of a hit that was not sent (or whose attempt says nothing): `transport` none, and
 * why. `queued`: it is kept and will be sent later.
 */
export function unsent(reason: FailureReason, queued?: boolean): Outcome {
  // `queued` only when set: the detail shows no `queued: undefined`.
  return queued ? { ok: false, transport: 'none', reason, queued } : { ok: false, transport: 'none', reason };
}

/**
 * Reads what came back the way Mautic's endpoint means it, where the transport did not already say
 * (`result.reason`: `hidden`, `timeout`, `unavailable` with the server's Retry-After, `failed`). The
 * outcome is the result without what only the transport needs (`body`, `loaded`):
 * - a CORS 200 with `success` truthy: recorded;
 * - a CORS 200 with `success:0`: not recorded (logged-in Mautic user, bad `ct`); Mautic's script
 *   ignores this flag, we report it;
 * - a CORS 200 whose body is not JSON: the hit may be recorded, the answer is unusable; reported
 *   as `bad-response` and not retried through the pixel, which could record it twice;
 * - the pixel: recorded when the image loaded, `failed` otherwise.
 */
export function readResponse({ body, loaded, reason, ...outcome }: TransportResult): Outcome {
  const read = outcome as Outcome;
  read.ok = false;
  if (reason) {
    read.reason = reason;
    return read;
  }
  if (read.transport == 'pixel') {
    if (!(read.ok = !!loaded)) read.reason = 'failed';
    return read;
  }
  let response: MauticResponse | undefined;
  try {
    response = JSON.parse(body!);
  } catch (_) {
    // Not JSON: a bad response.
  }
  if (isObject(response)) {
    read.response = response;
    if (!(read.ok = !!response.success)) read.reason = 'not-tracked';
  } else read.reason = 'bad-response';
  return read;
}

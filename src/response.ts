import type { FailureReason, MauticResponse, Transport } from './types.js';
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
 * Reads a CORS 200 the way Mautic's endpoint means it (the transport says what other answers mean):
 * - `success` truthy: recorded;
 * - `success:0`: not recorded (logged-in Mautic user, bad `ct`); Mautic's script ignores this flag,
 *   we report it;
 * - a body that is not JSON: the hit may be recorded, the answer is unusable; reported as
 *   `bad-response` and not retried through the pixel, which could record it twice.
 */
export function readResponse(body: string): Outcome {
  let response: MauticResponse | undefined;
  try {
    response = JSON.parse(body);
  } catch (_) {
    // Not JSON: a bad response.
  }
  const read: Outcome = { ok: false, transport: 'cors', status: 200 };
  if (!isObject(response)) read.reason = 'bad-response';
  else if (!(read.ok = !!(read.response = response).success)) read.reason = 'not-tracked';
  return read;
}

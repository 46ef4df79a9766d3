import type { FailureReason, MauticResponse, Transport } from './types.js';
import { RETRY_LATER_STATUSES, type TransportResult } from './transport.js';
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
 * Interprets a transport result the way Mautic's endpoint means it:
 * - a CORS 200 with `success` truthy: recorded;
 * - a CORS 200 with `success:0`: not recorded (logged-in Mautic user, bad `ct`); Mautic's script
 *   ignores this flag, we report it;
 * - a CORS 200 whose body is not JSON: the hit may be recorded, the answer is unusable; reported
 *   as `bad-response` and not retried through the pixel, which could record it twice;
 * - 408, 429, 503: `unavailable`, to be retried later (after Retry-After when the server sent one);
 * - the pixel: recorded when the image loaded, `failed` otherwise (also when the POST failed and the
 *   pixel was not allowed for personal data);
 * - cut off by the page unloading: `hidden` — the browser completes the keepalive request, so the
 *   hit is neither repeated by pixel nor kept for a retry;
 * - no answer at all within the transport's limit: `timeout` — it may be recorded, so it is not retried.
 */
export function readResponse(result: TransportResult): Outcome {
  const { transport, status, retryAfter } = result;
  const outcome: Outcome = { ok: false, transport, status };
  if (result.handedOff) {
    outcome.reason = 'hidden';
    return outcome;
  }
  if (result.unanswered) {
    outcome.reason = 'timeout';
    return outcome;
  }
  if (transport == 'cors' && RETRY_LATER_STATUSES.indexOf(status!) >= 0) {
    outcome.reason = 'unavailable';
    if (retryAfter) outcome.retryAfter = retryAfter;
    return outcome;
  }
  // A POST whose pixel was not allowed has nothing loaded either.
  if (result.noPixel || transport == 'pixel') {
    outcome.ok = !!result.loaded;
    if (!outcome.ok) outcome.reason = 'failed';
    return outcome;
  }
  try {
    const response = JSON.parse(result.body!);
    if (isObject(response)) {
      outcome.response = response;
      outcome.ok = !!response.success;
      if (!outcome.ok) outcome.reason = 'not-tracked';
      return outcome;
    }
  } catch (_) {
    // Not JSON: reported below.
  }
  outcome.reason = 'bad-response';
  return outcome;
}

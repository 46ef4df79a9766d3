import type { FailureReason, MauticResponse, Transport } from './types';
import type { TransportResult } from './transport';

/** What a delivery attempt means for the caller. */
export interface Outcome {
  ok: boolean;
  transport: Transport;
  status?: number;
  response?: MauticResponse;
  reason?: FailureReason;
}

/**
 * Interprets a transport result the way Mautic's endpoint means it:
 * - a CORS 200 with `success` truthy: recorded;
 * - a CORS 200 with `success:0`: not recorded (logged-in Mautic user, bad `ct`); Mautic's script
 *   ignores this flag, we report it;
 * - a CORS 200 whose body is not JSON: the hit may be recorded, the answer is unusable; reported
 *   as `bad-response` and not retried through the pixel, which could record it twice;
 * - the pixel: recorded when the image loaded, `failed` otherwise.
 */
export function readResponse(result: TransportResult): Outcome {
  const { transport, status } = result;
  const outcome: Outcome = { ok: false, transport, status };
  if (transport == 'pixel') {
    outcome.ok = !!result.loaded;
    if (!outcome.ok) outcome.reason = 'failed';
    return outcome;
  }
  try {
    const response = JSON.parse(result.body!);
    if (response && typeof response == 'object' && !Array.isArray(response)) {
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

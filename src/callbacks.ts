import type { Callbacks, DeliveryDetail, HitType, WireParams } from './types.js';
import type { Outcome } from './response.js';
import { unsent } from './outbox.js';
import { callSafely } from './lib/call-safely.js';
import { IN_SCRIPT_TAG } from './config.js';

/**
 * Ends a command: the first call wins, later ones (a late answer after the timeout) are ignored.
 * Returns whether this call was the first.
 */
export type Settle = (outcome: Outcome, params: WireParams, duplicate?: boolean) => boolean;

/**
 * Guarantees the callback contract of one command: exactly one of `onload` / `onerror` runs, once,
 * at the latest `timeoutMs` after the command (then with reason `timeout`), and an exception in it
 * stays inside it. `log` hears the outcome (`pageview delivered`, `event failed, kept to send later`…)
 * with the detail that was reported; so does `resolve` (the npm API's promise), before the callback.
 */
export function settleOnce(
  type: HitType,
  callbacks: Callbacks,
  timeoutMs: number,
  params: WireParams,
  log: (message: string, detail: DeliveryDetail) => void,
  resolve?: (detail: DeliveryDetail) => void,
): Settle {
  let settled = false;
  const settle: Settle = (outcome, sentParams, duplicate) => {
    if (settled) return false;
    settled = true;
    clearTimeout(timer);
    const detail: DeliveryDetail = { ...outcome, type, params: sentParams };
    if (duplicate) detail.duplicate = true;
    log(type + ' ' + (outcome.reason || 'delivered') + (outcome.queued ? ', kept to send later' : ''), detail);
    if (!IN_SCRIPT_TAG && resolve) resolve(detail);
    callSafely(callbacks, outcome.ok ? 'onload' : 'onerror', detail);
    return true;
  };
  const timer = setTimeout(() => settle(unsent('timeout'), params), timeoutMs);
  return settle;
}

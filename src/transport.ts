import { parseRetryAfter } from './lib/parse-retry-after.js';
import { unloading } from './lifecycle.js';

/**
 * What one delivery attempt ended with, before Mautic's answer is read (`response.ts`). `reason` is
 * set where the transport itself knows the outcome:
 * - `hidden`: the page unloaded while the POST was in flight; the browser finishes it (keepalive);
 * - `timeout`: no answer within REQUEST_LIMIT_MS: given up, never repeated (it may be recorded);
 * - `unavailable`: 408, 429 or 503, to be retried later (after `retryAfter` when the server said);
 * - `failed`: the POST failed and the pixel was not allowed (personal data).
 */
export interface TransportResult {
  transport: 'cors' | 'pixel';
  /** HTTP status of the CORS POST: 0 for a network or CORS failure or a hang. */
  status?: number;
  /** Body of the answer to the CORS POST. */
  body?: string;
  /** For the pixel: whether the image loaded. */
  loaded?: boolean;
  /** With `unavailable`: milliseconds the server asked us to wait (Retry-After), 0 when it did not say. */
  retryAfter?: number;
  reason?: 'hidden' | 'timeout' | 'unavailable' | 'failed';
}

/** Per-tracker transport state that outlives one hit. */
export interface TransportState {
  /** Set once CORS was refused while the pixel worked: every later hit of the page uses the pixel. */
  pixelOnly?: boolean;
}

/**
 * After a POST failed before any answer, the transport waits this long to learn whether the page is
 * unloading (a navigation cancels the page's fetches a few ms before `pagehide`).
 */
const UNLOAD_GRACE_MS = 100;

/**
 * A request still unanswered after this long is given up. Only the answer is given up: the hit may
 * be recorded, so it is neither repeated by pixel nor retried. The `timeout` option bounds callbacks,
 * never requests: a slow Mautic (answers after 3–10 s are ordinary) must not record a hit twice.
 */
export const REQUEST_LIMIT_MS = 60_000;

/** "Come back later" answers: retried after a wait, never repeated at once through the pixel. */
const RETRY_LATER_STATUSES = [408, 429, 503];

/**
 * Browsers allow 64 KiB of keepalive bodies in flight per page; past it fetch() fails at once. We
 * keep below, counting what is in flight; a body that does not fit goes without keepalive.
 */
const KEEPALIVE_BUDGET = 60_000;
let keepaliveInFlight = 0;

/**
 * Delivers one encoded hit as Mautic's own script does: a credentialed CORS POST to
 * `{base}/mtc/event` with `X-Requested-With` (without it Mautic sends no CORS headers), and on any
 * answer other than 200 the pixel `GET {base}/mtracking.gif?{same params}` — except for 408, 429
 * and 503, which ask us to come back later. The POST uses `keepalive`, so it completes even when the
 * page unloads right after (Chromium does this for preflighted requests; a plain fetch is cancelled
 * between preflight and POST). A slow answer is waited for (up to REQUEST_LIMIT_MS): only a failure
 * that shows the POST was not recorded — an error status, or a request refused or cut before an
 * answer (CORS refused, network down) — may go on to the pixel. With `allowPixel` false (personal
 * data), the pixel is never used: a failed POST is reported as a failure, to be retried by POST.
 */
export async function sendHit(base: string, body: string, state: TransportState, allowPixel = true): Promise<TransportResult> {
  const pixel = () => loadPixel(base + '/mtracking.gif?' + body);
  // Every browser with AbortController has fetch; without both, a hang could not be bounded.
  if (typeof AbortController != 'function' || (state.pixelOnly && allowPixel)) {
    return allowPixel ? pixel() : { transport: 'cors', status: 0, reason: 'failed' };
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_LIMIT_MS);
  // What this request adds to the keepalive bodies in flight: its length, or nothing.
  const counted = keepaliveInFlight + body.length < KEEPALIVE_BUDGET ? body.length : 0;
  keepaliveInFlight += counted;
  let result: TransportResult;
  try {
    const response = await fetch(base + '/mtc/event', {
      method: 'POST',
      body,
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Requested-With': 'XMLHttpRequest',
      },
      credentials: 'include',
      keepalive: counted > 0,
      signal: controller.signal,
    });
    result = { transport: 'cors', status: response.status, body: await response.text() };
    if (RETRY_LATER_STATUSES.indexOf(response.status) >= 0) {
      result.reason = 'unavailable';
      const wait = parseRetryAfter(response.headers.get('Retry-After'));
      if (wait) result.retryAfter = wait;
    }
  } catch (_) {
    result = { transport: 'cors', status: 0, reason: controller.signal.aborted ? 'timeout' : undefined };
    // A navigation cancels the page's fetches a few ms before `pagehide`. Give it that moment: a hit
    // whose keepalive POST goes on must not be sent again by pixel. (Timers of an unloaded page never
    // run, so then nothing more happens here at all.)
    await new Promise((resolve) => setTimeout(resolve, UNLOAD_GRACE_MS));
    if (unloading) result.reason = 'hidden';
  }
  clearTimeout(timer);
  keepaliveInFlight -= counted;
  const { status } = result;
  if (result.reason || status == 200) return result;
  if (!allowPixel) return { ...result, reason: 'failed' };
  const fallback = { ...(await pixel()), status };
  // Refused by CORS while the pixel works: Mautic's script then uses the pixel for the rest of the
  // page. A dead network (the pixel failed too) is no such refusal.
  if (status == 0 && fallback.loaded) state.pixelOnly = true;
  return fallback;
}

function loadPixel(url: string): Promise<TransportResult> {
  return new Promise((resolve) => {
    const finish = (loaded: boolean, reason?: 'timeout') => {
      // A second call (a late load after the limit) changes nothing: the promise is settled.
      clearTimeout(timer);
      resolve({ transport: 'pixel', loaded, reason });
    };
    const image = new Image();
    // A pixel that neither loads nor fails may have been recorded: given up, not retried.
    const timer = setTimeout(() => finish(false, 'timeout'), REQUEST_LIMIT_MS);
    image.onload = () => finish(true);
    image.onerror = () => finish(false);
    image.src = url;
  });
}

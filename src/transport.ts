import type { FailureReason } from './types.js';
import { readResponse, type Outcome } from './response.js';
import { parseRetryAfter } from './lib/parse-retry-after.js';
import { unloading } from './lifecycle.js';

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

/** A CORS POST that did not end in a readable answer, and why. */
const failure = (reason: FailureReason, status = 0): Outcome => ({ ok: false, transport: 'cors', status, reason });

/**
 * Delivers one encoded hit as Mautic's own script does, and says what came of it: a credentialed
 * CORS POST to `{base}/mtc/event` with `X-Requested-With` (without it Mautic sends no CORS headers),
 * and on any answer other than 200 the pixel `GET {base}/mtracking.gif?{same params}` — except for
 * 408, 429 and 503 (`unavailable`, with the server's Retry-After), which ask us to come back later.
 * The POST uses `keepalive`, so it completes even when the page unloads right after (Chromium does
 * this for preflighted requests; a plain fetch is cancelled between preflight and POST). A slow
 * answer is waited for (up to REQUEST_LIMIT_MS, then `timeout`: given up, never repeated, as it may
 * be recorded): only a failure that shows the POST was not recorded — an error status, or a request
 * refused or cut before an answer (CORS refused, network down) — may go on to the pixel, and not
 * when the page unloaded meanwhile (`hidden`: the browser finishes the keepalive POST). With
 * `allowPixel` false (personal data), the pixel is never used: a failed POST is `failed`, to be
 * retried by POST. A 200 is read by `readResponse`; the pixel is recorded when it loaded.
 */
export async function sendHit(base: string, body: string, state: TransportState, allowPixel = true): Promise<Outcome> {
  const pixel = (status?: number) => loadPixel(base + '/mtracking.gif?' + body, status);
  // Every browser with AbortController has fetch; without both, a hang could not be bounded.
  if (typeof AbortController != 'function' || (state.pixelOnly && allowPixel)) return allowPixel ? pixel() : failure('failed');
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_LIMIT_MS);
  // What this request adds to the keepalive bodies in flight: its length, or nothing.
  const counted = keepaliveInFlight + body.length < KEEPALIVE_BUDGET ? body.length : 0;
  keepaliveInFlight += counted;
  let status = 0;
  let outcome: Outcome | undefined;
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
    const text = await response.text();
    status = response.status;
    if (RETRY_LATER_STATUSES.includes(status)) {
      outcome = failure('unavailable', status);
      const wait = parseRetryAfter(response.headers.get('Retry-After'));
      if (wait) outcome.retryAfter = wait;
    } else if (status == 200) outcome = readResponse(text);
  } catch (_) {
    // A navigation cancels the page's fetches a few ms before `pagehide`. Give it that moment: a hit
    // whose keepalive POST goes on must not be sent again by pixel. (Timers of an unloaded page never
    // run, so then nothing more happens here at all.)
    await new Promise((resolve) => setTimeout(resolve, UNLOAD_GRACE_MS));
    if (unloading || controller.signal.aborted) outcome = failure(unloading ? 'hidden' : 'timeout');
  }
  clearTimeout(timer);
  keepaliveInFlight -= counted;
  if (outcome) return outcome;
  if (!allowPixel) return failure('failed', status);
  const fallback = await pixel(status);
  // Refused by CORS while the pixel works: Mautic's script then uses the pixel for the rest of the
  // page. A dead network (the pixel failed too) is no such refusal.
  if (!status && fallback.ok) state.pixelOnly = true;
  return fallback;
}

/** The pixel: recorded when the image loaded, `failed` otherwise; `status`: the failed POST's. */
function loadPixel(url: string, status?: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const finish = (ok: boolean, reason?: FailureReason) => {
      // A second call (a late load after the limit) changes nothing: the promise is settled.
      clearTimeout(timer);
      resolve({ ok, transport: 'pixel', status, reason });
    };
    const image = new Image();
    // A pixel that neither loads nor fails may have been recorded: given up, not retried.
    const timer = setTimeout(() => finish(false, 'timeout'), REQUEST_LIMIT_MS);
    image.onload = () => finish(true);
    image.onerror = () => finish(false, 'failed');
    image.src = url;
  });
}

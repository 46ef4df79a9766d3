/** What one delivery attempt ended with, before the answer is interpreted. */
export interface TransportResult {
  transport: 'cors' | 'pixel';
  /** HTTP status of the CORS POST: 0 for a network or CORS failure or a hang. */
  status?: number;
  /** Body of a 200 answer to the CORS POST. */
  body?: string;
  /** For the pixel: whether the image loaded. */
  loaded?: boolean;
}

/** Per-tracker transport state that outlives one hit. */
export interface TransportState {
  /** Set after a CORS failure with status 0: every later hit of the page goes straight to the pixel. */
  pixelOnly?: boolean;
}

/**
 * Delivers one encoded hit as Mautic's own script does: a credentialed CORS POST to
 * `{base}/mtc/event` with `X-Requested-With` (without it Mautic sends no CORS headers), and on any
 * answer other than 200 the pixel `GET {base}/mtracking.gif?{same params}`. Each step gives up
 * after `timeoutMs`, so a hanging endpoint can never hold the queue forever.
 */
export async function sendHit(
  base: string,
  body: string,
  state: TransportState,
  timeoutMs: number,
): Promise<TransportResult> {
  const pixel = () => loadPixel(base + '/mtracking.gif?' + body, timeoutMs);
  // Every browser with AbortController has fetch; without both, a hang could not be bounded.
  if (state.pixelOnly || typeof AbortController != 'function') return pixel();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
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
      signal: controller.signal,
    });
    result = { transport: 'cors', status: response.status, body: await response.text() };
  } catch (_) {
    // Refused by CORS or no network: Mautic's script then uses the pixel for the rest of the page.
    // A hang that we aborted is not a refusal, so it does not switch the page over.
    if (!controller.signal.aborted) state.pixelOnly = true;
    result = { transport: 'cors', status: 0 };
  }
  clearTimeout(timer);
  return result.status == 200 ? result : { ...(await pixel()), status: result.status };
}

function loadPixel(url: string, timeoutMs: number): Promise<TransportResult> {
  return new Promise((resolve) => {
    const finish = (loaded: boolean) => {
      clearTimeout(timer);
      image.onload = image.onerror = null;
      resolve({ transport: 'pixel', loaded });
    };
    const image = new Image();
    const timer = setTimeout(() => finish(false), timeoutMs);
    image.onload = () => finish(true);
    image.onerror = () => finish(false);
    image.src = url;
  });
}

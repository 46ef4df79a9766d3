import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REQUEST_LIMIT_MS, sendHit, type TransportState } from '../src/transport';
import { onPage } from '../src/lifecycle';

// The transport learns that the page unloads from the page lifecycle, which starts hearing the page
// with its first subscriber (in a tracker, the outbox, before its first hit).
onPage('hidden', () => {});

const BASE = 'https://mautic.example.com';
const BODY = 'page_title=A&counter=0';

/** Stands in for Image: records URLs, and loads or fails as told. */
function stubPixel(result: 'load' | 'error' | 'hang') {
  const urls: string[] = [];
  class FakeImage {
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    set src(url: string) {
      urls.push(url);
      if (result !== 'hang') setTimeout(() => (result === 'load' ? this.onload : this.onerror)?.());
    }
  }
  vi.stubGlobal('Image', FakeImage);
  return urls;
}

let fetchMock: ReturnType<typeof vi.fn>;
beforeEach(() => {
  fetchMock = vi.fn();
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('sendHit', () => {
  it('POSTs the form to /mtc/event with X-Requested-With and credentials', async () => {
    fetchMock.mockResolvedValue(new Response('{"success":1}', { status: 200 }));
    const pixels = stubPixel('load');
    const result = await sendHit(BASE, BODY, {});
    expect(result).toEqual({ ok: true, transport: 'cors', status: 200, response: { success: 1 } });
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe(`${BASE}/mtc/event`);
    expect(init).toMatchObject({
      method: 'POST',
      body: BODY,
      credentials: 'include',
      keepalive: true,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Requested-With': 'XMLHttpRequest' },
    });
    expect(pixels).toEqual([]);
  });

  it.each([500, 404, 302])('falls back to the pixel with the same params after a %i', async (status) => {
    fetchMock.mockResolvedValue(new Response('x', { status }));
    const pixels = stubPixel('load');
    const state: TransportState = {};
    expect(await sendHit(BASE, BODY, state)).toEqual({ ok: true, transport: 'pixel', status });
    expect(pixels).toEqual([`${BASE}/mtracking.gif?${BODY}`]);
    expect(state.pixelOnly).toBeUndefined();
  });

  it.each([408, 429, 503])('does not fall back to the pixel after a %i, and reads Retry-After', async (status) => {
    fetchMock.mockResolvedValue(new Response('later', { status, headers: { 'Retry-After': '2' } }));
    const pixels = stubPixel('load');
    expect(await sendHit(BASE, BODY, {})).toEqual({ ok: false, transport: 'cors', status, reason: 'unavailable', retryAfter: 2000 });
    expect(pixels).toEqual([]);
  });

  it('a POST cut off by the page unloading is left to the browser: no pixel, no pixel-only', async () => {
    fetchMock.mockImplementation(async () => {
      dispatchEvent(new Event('pagehide'));
      throw new TypeError('Failed to fetch');
    });
    const pixels = stubPixel('load');
    const state: TransportState = {};
    expect(await sendHit(BASE, BODY, state)).toEqual({ ok: false, transport: 'cors', status: 0, reason: 'hidden' });
    expect(pixels).toEqual([]);
    expect(state.pixelOnly).toBeUndefined();
    dispatchEvent(new PageTransitionEvent('pageshow'));
  });

  it('never sends personal data by pixel: a failed POST is a failure (retried by POST), also on a pixel-only page', async () => {
    fetchMock.mockResolvedValue(new Response('x', { status: 500 }));
    const pixels = stubPixel('load');
    expect(await sendHit(BASE, BODY, {}, false)).toMatchObject({ transport: 'cors', status: 500, reason: 'failed' });
    fetchMock.mockResolvedValue(new Response('{"success":1}', { status: 200 }));
    const result = await sendHit(BASE, BODY, { pixelOnly: true }, false);
    expect(result).toMatchObject({ transport: 'cors', status: 200 });
    expect(result.reason).toBeUndefined();
    expect(pixels).toEqual([]);
  });

  it.each([
    ['{"success":0}', { ok: false, reason: 'not-tracked', response: { success: 0 } }],
    ['<html>', { ok: false, reason: 'bad-response' }],
  ])('reads a 200 (%s) without the pixel: it may be recorded', async (body, outcome) => {
    fetchMock.mockResolvedValue(new Response(body, { status: 200 }));
    const pixels = stubPixel('load');
    expect(await sendHit(BASE, BODY, {})).toEqual({ transport: 'cors', status: 200, ...outcome });
    expect(pixels).toEqual([]);
  });

  it('sends bodies too large for keepalive without it', async () => {
    fetchMock.mockResolvedValue(new Response('{"success":1}', { status: 200 }));
    await sendHit(BASE, 'x='.padEnd(70_000, 'y'), {});
    expect(fetchMock.mock.calls[0][1].keepalive).toBe(false);
  });

  it('a dead network (POST and pixel both fail) does not switch the page to the pixel', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    stubPixel('error');
    const state: TransportState = {};
    expect(await sendHit(BASE, BODY, state)).toEqual({ ok: false, transport: 'pixel', status: 0, reason: 'failed' });
    expect(state.pixelOnly).toBeUndefined();
  });

  it('after a CORS refusal while the pixel works uses the pixel, and only the pixel, from then on', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    const pixels = stubPixel('load');
    const state: TransportState = {};
    expect(await sendHit(BASE, BODY, state)).toMatchObject({ ok: true, transport: 'pixel', status: 0 });
    expect(state.pixelOnly).toBe(true);
    await sendHit(BASE, 'second', state);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(pixels).toEqual([`${BASE}/mtracking.gif?${BODY}`, `${BASE}/mtracking.gif?second`]);
  });

  it('waits for a slow answer (no abort at the callback timeout, no pixel): a timeout bounds callbacks, not requests', async () => {
    vi.useFakeTimers();
    fetchMock.mockImplementation(
      () => new Promise((resolve) => setTimeout(() => resolve(new Response('{"success":1}', { status: 200 })), 10_000)),
    );
    const pixels = stubPixel('load');
    const sent = sendHit(BASE, BODY, {});
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await sent).toMatchObject({ ok: true, transport: 'cors', status: 200 });
    expect(pixels).toEqual([]);
  });

  it('gives up a POST unanswered after REQUEST_LIMIT_MS without repeating it by pixel (it may be recorded)', async () => {
    vi.useFakeTimers();
    fetchMock.mockImplementation(
      (_url: string, init: RequestInit) =>
        new Promise((_, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
    );
    const pixels = stubPixel('load');
    const state: TransportState = {};
    const sent = sendHit(BASE, BODY, state);
    await vi.advanceTimersByTimeAsync(REQUEST_LIMIT_MS + 200);
    const result = await sent;
    expect(result).toEqual({ ok: false, transport: 'cors', status: 0, reason: 'timeout' });
    expect(pixels).toEqual([]);
    expect(state.pixelOnly).toBeUndefined();
  });

  it('bounds a pixel that never loads', async () => {
    vi.useFakeTimers();
    fetchMock.mockResolvedValue(new Response('x', { status: 500 }));
    stubPixel('hang');
    const sent = sendHit(BASE, BODY, {});
    await vi.advanceTimersByTimeAsync(REQUEST_LIMIT_MS);
    const result = await sent;
    // Unanswered is not failed: the pixel may have been recorded, so it is not retried.
    expect(result).toEqual({ ok: false, transport: 'pixel', reason: 'timeout', status: 500 });
  });

  it('uses the pixel where AbortController (and so a bounded fetch) is missing', async () => {
    vi.stubGlobal('AbortController', undefined);
    const pixels = stubPixel('error');
    expect(await sendHit(BASE, BODY, {})).toEqual({ ok: false, transport: 'pixel', reason: 'failed' });
    expect(fetchMock).not.toHaveBeenCalled();
    expect(pixels).toHaveLength(1);
  });
});


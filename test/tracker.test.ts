import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore } from '../src/tracker';
import { usePlugins, type PluginContext } from '../src/plugins';
import type { DeliveryDetail } from '../src/types';

const BASE = 'https://mautic.example.com';
const DEVICE = 'abcdefghij0123456789xyz';

let fetchMock: ReturnType<typeof vi.fn>;
let bodies: URLSearchParams[];

beforeEach(() => {
  localStorage.clear();
  document.cookie = 'mautic_device_id=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  bodies = [];
  fetchMock = vi.fn(async (_url: string, init: RequestInit) => {
    bodies.push(new URLSearchParams(String(init.body)));
    return new Response(JSON.stringify({ success: 1, id: 7, sid: DEVICE, device_id: DEVICE, events: [] }), { status: 200 });
  });
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => {
  vi.useRealTimers();
});

/** Sends through the core and resolves with whichever callback ran. */
function send(core: ReturnType<typeof createCore>, type: 'pageview' | 'event', params?: object, values?: string[]) {
  return new Promise<{ callback: string; detail: DeliveryDetail }>((resolve) =>
    core.track(type, [...(values || []), params, {
      onload: (detail: DeliveryDetail) => resolve({ callback: 'onload', detail }),
      onerror: (detail: DeliveryDetail) => resolve({ callback: 'onerror', detail }),
    }]),
  );
}

describe('the tracking core', () => {
  it('a late answer runs no second callback; debug mode says it arrived', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'info').mockImplementation((line: unknown) => void lines.push(String(line)));
    let answer!: () => void;
    fetchMock.mockImplementation(
      () => new Promise((resolve) => (answer = () => resolve(new Response(JSON.stringify({ success: 1, device_id: DEVICE }), { status: 200 })))),
    );
    const core = createCore({ url: BASE, timeout: 500, debug: true });
    const callbacks = { onload: vi.fn(), onerror: vi.fn() };
    core.track('pageview', [undefined, callbacks]);
    await vi.waitFor(() => expect(callbacks.onerror).toHaveBeenCalledTimes(1), { timeout: 2000 });
    expect(callbacks.onerror.mock.calls[0][0]).toMatchObject({ reason: 'timeout' });
    answer();
    await vi.waitFor(() => expect(lines.some((line) => line.includes('pageview ended after its callback: delivered'))).toBe(true));
    expect(callbacks.onload).not.toHaveBeenCalled();
    expect(localStorage.getItem('mautic_device_id')).toBe(DEVICE);
  });

  it('reports no-endpoint when no Mautic URL is known, after the call returns', async () => {
    const core = createCore({});
    let returned = false;
    const result = send(core, 'pageview');
    returned = true;
    const { callback, detail } = await result;
    expect(returned).toBe(true);
    expect(callback).toBe('onerror');
    expect(detail).toMatchObject({ ok: false, reason: 'no-endpoint', transport: 'none' });
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('delivers, keeps the device id, and sends it with the next hit', async () => {
    const core = createCore({ url: BASE + '/' });
    const first = await send(core, 'pageview', { a: 1 });
    expect(first.callback).toBe('onload');
    expect(fetchMock.mock.calls[0][0]).toBe(`${BASE}/mtc/event`);
    expect(bodies[0].get('mautic_device_id')).toBeNull();
    await send(core, 'event', {}, ['c', 'a']);
    expect(bodies[1].get('mautic_device_id')).toBe(DEVICE);
    expect(bodies.map((body) => body.get('counter'))).toEqual(['0', '1']);
  });

  it('treats an identical pageview moments later as the snippet pasted twice', async () => {
    const core = createCore({ url: BASE });
    const [one, two] = await Promise.all([send(core, 'pageview'), send(core, 'pageview')]);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(one.detail.duplicate).toBeUndefined();
    expect(two).toMatchObject({ callback: 'onload', detail: { duplicate: true } });
    // Different params are a different pageview.
    await send(core, 'pageview', { email: 'a@b.c' });
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(bodies[1].get('counter')).toBe('1');
  });

  it('sends the same pageview again once the duplicate window has passed', async () => {
    const now = vi.spyOn(Date, 'now');
    now.mockReturnValue(1_000_000);
    const core = createCore({ url: BASE });
    await send(core, 'pageview');
    now.mockReturnValue(1_003_000);
    await send(core, 'pageview');
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('fires mauticPageEventDelivered with the response, or image:true after a pixel', async () => {
    const seen: CustomEvent[] = [];
    const listener = (event: Event) => seen.push(event as CustomEvent);
    document.addEventListener('mauticPageEventDelivered', listener);
    const core = createCore({ url: BASE });
    await send(core, 'pageview', { p: 1 });
    expect(seen[0].detail).toMatchObject({ event: ['send', 'pageview', { p: 1 }, {}], response: { success: 1 } });
    expect(seen[0].detail.params.p).toBe('1');

    fetchMock.mockResolvedValueOnce(new Response('no', { status: 500 }));
    class LoadingImage {
      onload: (() => void) | null = null;
      set src(_: string) {
        setTimeout(() => this.onload?.());
      }
    }
    vi.stubGlobal('Image', LoadingImage);
    await send(core, 'event', {}, ['c', 'a']);
    expect(seen[1].detail).toMatchObject({ event: ['send', 'event', 'c', 'a', {}, {}], image: true });
    expect(seen[1].detail).not.toHaveProperty('response');
    document.removeEventListener('mauticPageEventDelivered', listener);
  });

  it('logs to the console only in debug mode, and says which options it ignored', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    const core = createCore({ url: BASE });
    await send(core, 'pageview');
    expect(info).not.toHaveBeenCalled();
    core.configure({ debug: true, timeout: '5s' as never, colour: 'red' } as never);
    expect(info.mock.calls.map((call) => call[0])).toEqual([
      '[mautic-tracker] config: ignored option timeout (ms, 500 to 2^31-1)',
      '[mautic-tracker] config: ignored option colour (unknown)',
    ]);
    await send(core, 'pageview', { n: 2 });
    expect(info.mock.calls.map((call) => call[0])).toContain('[mautic-tracker] pageview delivered');
  });

  it('reports success:0 as not recorded', async () => {
    fetchMock.mockResolvedValueOnce(new Response('{"success":0}', { status: 200 }));
    const { callback, detail } = await send(createCore({ url: BASE }), 'pageview');
    expect(callback).toBe('onerror');
    expect(detail.reason).toBe('not-tracked');
  });
});

describe('the guards', () => {
  it('consent: a held hit is queued, a denied one is not', async () => {
    const core = createCore({ url: BASE, requireConsent: true, name: 'guards' });
    expect((await send(core, 'pageview')).detail).toMatchObject({ reason: 'no-consent', queued: true });
    core.consent('deny');
    const denied = (await send(core, 'event', {}, ['c', 'a'])).detail;
    expect(denied).toMatchObject({ reason: 'no-consent' });
    expect(denied).not.toHaveProperty('queued', false);
    expect(denied.queued).toBeUndefined();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('Do Not Track, when respected, stops a hit before anything else happens', async () => {
    vi.stubGlobal('navigator', { ...navigator, doNotTrack: '1', language: 'en' });
    const core = createCore({ url: BASE, respectDoNotTrack: true });
    expect((await send(core, 'pageview')).detail).toMatchObject({ ok: false, reason: 'do-not-track', transport: 'none' });
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('destroyed: later hits report destroyed and nothing is sent', async () => {
    const core = createCore({ url: BASE });
    core.destroy();
    expect((await send(core, 'pageview')).detail).toMatchObject({ ok: false, reason: 'destroyed' });
    expect(fetchMock).not.toHaveBeenCalled();
  });
});

describe("a plugin's consented()", () => {
  it('says no while consent is pending or refused, and under a Do Not Track the tracker respects: the guards a hit passes', () => {
    let context!: PluginContext;
    const core = createCore({ url: 'https://mautic.example.com', requireConsent: true, name: 'consentedcheck' }, usePlugins([(given) => ((context = given), {})]));
    expect(context.consented()).toBe(false);
    core.consent('grant');
    expect(context.consented()).toBe(true);
    vi.stubGlobal('navigator', { ...navigator, doNotTrack: '1' });
    expect(context.consented()).toBe(true);
    core.configure({ respectDoNotTrack: true });
    expect(context.consented()).toBe(false);
    vi.unstubAllGlobals();
    expect(context.consented()).toBe(true);
    core.consent('deny');
    expect(context.consented()).toBe(false);
  });
});

describe('reset (logout on a shared device)', () => {
  it('forgets the ids (storage, cookies) and the outbox, keeps consent, and the next hit goes without a device id', async () => {
    const core = createCore({ url: BASE });
    core.consent('grant');
    await send(core, 'pageview', { n: 'before' });
    expect(localStorage.getItem('mautic_device_id')).toBe(DEVICE);
    localStorage.setItem('mautic_tracker_outbox', '[]');
    core.reset();
    expect(['mautic_device_id', 'mtc_id', 'mautic_tracker_outbox'].map((key) => localStorage.getItem(key))).toEqual([null, null, null]);
    expect(document.cookie).not.toContain(DEVICE);
    expect(localStorage.getItem('mautic_tracker_consent')).toBe('grant');
    // The same page, the same params: the new visitor's pageview is no twin of the old one's.
    const after = await send(core, 'pageview', { n: 'before' });
    expect(after.callback).toBe('onload');
    expect(bodies).toHaveLength(2);
    expect(bodies[1].has('mautic_device_id')).toBe(false);
  });

  it('drops the hits held for consent: they were the old visitor\'s', async () => {
    const core = createCore({ url: BASE, requireConsent: true });
    await send(core, 'pageview', { n: 'old visitor' });
    core.reset();
    core.consent('grant');
    await send(core, 'pageview', { n: 'new visitor' });
    expect(bodies.map((body) => body.get('n'))).toEqual(['new visitor']);
  });
});

describe('redaction and beforeSend', () => {
  it('a hit dropped by beforeSend reports dropped and is neither sent, held nor stored', async () => {
    const core = createCore({ url: BASE, requireConsent: true, beforeSend: (params, type) => (type == 'event' ? null : params) });
    expect((await send(core, 'event', {}, ['c', 'a'])).detail).toMatchObject({ ok: false, reason: 'dropped', transport: 'none' });
    expect((await send(core, 'pageview')).detail).toMatchObject({ reason: 'no-consent', queued: true });
    core.consent('grant');
    await vi.waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0].get('event_category')).toBeNull();
    expect(localStorage.getItem('mautic_tracker_outbox')).toBeNull();
  });

  it('the params the callbacks report are the redacted, changed ones that went out', async () => {
    const core = createCore({ url: BASE, beforeSend: (params) => ({ ...params, plan: 'pro' }) });
    const { detail } = await send(core, 'pageview', { page_url: 'https://site.example/?token=1&utm_source=x' });
    expect(detail.params).toMatchObject({ page_url: 'https://site.example/?utm_source=x', plan: 'pro' });
    expect(bodies[0].get('page_url')).toBe('https://site.example/?utm_source=x');
    expect(bodies[0].get('plan')).toBe('pro');
  });
});

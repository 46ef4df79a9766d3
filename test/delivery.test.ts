import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createDelivery } from '../src/delivery';
import { buildHit } from '../src/hit';
import { storageAreas } from '../src/lib/storage-area';
import { DEFAULT_OPTIONS } from '../src/config';
import type { Extension } from '../src/plugins';
import type { TrackerOptions } from '../src/types';

const BASE = 'https://mautic.example.com';
const DEVICE = 'abcdefghij0123456789xyz';

let requests: { url: string; body: URLSearchParams }[];
let pixels: string[];
beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  for (const name of ['mautic_device_id', 'mtc_id']) document.cookie = name + '=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  requests = [];
  pixels = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      requests.push({ url, body: new URLSearchParams(String(init.body)) });
      return new Response(JSON.stringify({ success: 1, id: 3, device_id: DEVICE }), { status: 200 });
    }),
  );
  class FakeImage {
    onload: (() => void) | null = null;
    set src(url: string) {
      pixels.push(url);
      setTimeout(() => this.onload?.());
    }
  }
  vi.stubGlobal('Image', FakeImage);
});

/** A delivery for a tracker with these options, and what it logged. */
function delivery(given: TrackerOptions = {}, suffix = '', extend?: Extension) {
  const options = { ...DEFAULT_OPTIONS, url: BASE, ...given } as Required<TrackerOptions>;
  const logged: string[] = [];
  const area = storageAreas(() => options.storage);
  return { area, logged, delivery: createDelivery(() => options, area, suffix, (line) => logged.push(line), extend) };
}

/** Leaves a hit and resolves with what its caller heard. */
function send(target: ReturnType<typeof delivery>['delivery'], params = {}) {
  const hit = buildHit('pageview', 0, params);
  return new Promise<[unknown, Record<string, string>]>((resolve) => {
    target.report(hit, (outcome, sent) => resolve([outcome, sent]), ['send', 'pageview']);
    target.leave(hit);
  });
}

describe('delivery: outbox → transport → response → identity → callbacks', () => {
  it('sends a hit, keeps the ids of the answer, and tells its caller', async () => {
    const { delivery: target } = delivery();
    const [outcome, sent] = await send(target, { a: '1' });
    expect(outcome).toMatchObject({ ok: true, transport: 'cors', response: { success: 1 } });
    expect(sent.a).toBe('1');
    expect(requests[0].url).toBe(BASE + '/mtc/event');
    expect(localStorage.getItem('mautic_device_id')).toBe(DEVICE);
    await send(target);
    expect(requests[1].body.get('mautic_device_id')).toBe(DEVICE);
  });

  it('its extension hears each hit that leaves (with its final params, the device id too) and each delivery', async () => {
    const heard: string[] = [];
    const { delivery: target } = delivery({}, '', (parts) => ({
      hit: (type, params) => void heard.push(type + ' ' + params.page_url + ' ' + parts.options().url + ' ' + params.mautic_device_id),
      delivered: (outcome) => void heard.push('delivered ' + outcome.ok),
    }));
    await send(target);
    await send(target);
    expect(heard).toEqual([`pageview ${location.href} ${BASE} undefined`, 'delivered true', `pageview ${location.href} ${BASE} ${DEVICE}`, 'delivered true']);
  });

  it('fires mauticPageEventDelivered with the command, or image:true after a pixel', async () => {
    const seen: unknown[] = [];
    const listen = (event: Event) => seen.push((event as CustomEvent).detail);
    document.addEventListener('mauticPageEventDelivered', listen);
    const { delivery: target } = delivery();
    await send(target);
    vi.mocked(fetch).mockResolvedValueOnce(new Response('down', { status: 500 }));
    await send(target);
    document.removeEventListener('mauticPageEventDelivered', listen);
    expect(seen[0]).toMatchObject({ event: ['send', 'pageview'], response: { success: 1 } });
    expect(seen[1]).toMatchObject({ event: ['send', 'pageview'], image: true });
  });

  it('never sends personal data by pixel, unless allowed', async () => {
    vi.mocked(fetch).mockResolvedValue(new Response('down', { status: 500 }));
    const [outcome] = await send(delivery({ storage: 'none' }).delivery, { email: 'jane@example.com' });
    expect(outcome).toMatchObject({ ok: false, reason: 'failed', queued: true });
    expect(pixels).toEqual([]);
    await send(delivery({ storage: 'none', pixelForPersonalData: true }, '_allowed').delivery, { email: 'jane@example.com' });
    expect(pixels).toHaveLength(1);
  });

  it('says once CORS was refused while the pixel worked, and uses the pixel from then on', async () => {
    vi.mocked(fetch).mockRejectedValue(new TypeError('Failed to fetch'));
    const { delivery: target, logged } = delivery();
    await send(target);
    await send(target);
    expect(logged).toContain("CORS refused (site not in Mautic's CORS domains?): pixel from now on");
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(pixels).toHaveLength(2);
    // A hit with personal data still tries the POST (never the pixel), and says so, not "pixel from now on" again.
    await send(target, { email: 'jane@example.com' });
    expect(pixels).toHaveLength(2);
    expect(logged.filter((line) => line.startsWith('CORS refused'))).toHaveLength(1);
    expect(logged).toContain('POST failed; no pixel for personal data (pixelForPersonalData)');
  });

  it('forget(): ids and stored hits leave every storage area; hits still waiting hear dropped', async () => {
    const { delivery: target, area } = delivery({}, '_shop');
    await send(target);
    area('session').set('mtc_id_shop', '3');
    area('none').set('mautic_tracker_outbox_shop', '[]');
    localStorage.setItem('mautic_tracker_outbox_shop', '[]');
    target.forget();
    expect(Object.keys(localStorage).filter((key) => key.endsWith('_shop'))).toEqual([]);
    expect([area('session').get('mtc_id_shop'), area('none').get('mautic_tracker_outbox_shop')]).toEqual([null, null]);

    // Without a device id one hit goes at a time: the second waits behind a first that hangs.
    vi.mocked(fetch).mockImplementation(() => new Promise(() => {}));
    const first = send(target);
    const second = send(target);
    target.forget();
    expect((await second)[0]).toMatchObject({ ok: false, reason: 'dropped' });
    void first;
  });

  it('forget() while a hit is in flight: its answer brings no old id back, its failure is not kept for the next visitor', async () => {
    const { delivery: target } = delivery();
    await send(target);
    expect(localStorage.getItem('mautic_device_id')).toBe(DEVICE);
    const answers: ((response: Response | Error) => void)[] = [];
    vi.mocked(fetch).mockImplementation(() => new Promise((resolve, reject) => answers.push((answer) => (answer instanceof Error ? reject(answer) : resolve(answer)))));
    // With a device id several hits fly at once: both leave before the reset.
    const answered = send(target, { n: 'answered' });
    const failing = send(target, { n: 'failing' });
    await vi.waitFor(() => expect(answers).toHaveLength(2));
    target.forget();
    answers[0](new Response(JSON.stringify({ success: 1, id: 3, device_id: DEVICE }), { status: 200 }));
    expect((await answered)[0]).toMatchObject({ ok: true });
    expect([localStorage.getItem('mautic_device_id'), localStorage.getItem('mtc_id')]).toEqual([null, null]);
    expect(document.cookie).not.toMatch(/=[^;]/); // happy-dom keeps deleted cookies, empty
    // A network failure (POST and pixel) would keep the hit to retry it: not the old visitor's.
    vi.stubGlobal('Image', class {
      onerror: (() => void) | null = null;
      set src(_: string) {
        setTimeout(() => this.onerror?.());
      }
    });
    answers[1](new TypeError('Failed to fetch'));
    expect((await failing)[0]).toMatchObject({ ok: false, reason: 'dropped' });
    expect(localStorage.getItem('mautic_tracker_outbox')).toBeNull();
    // The next hit is a new visitor's: no device id.
    vi.mocked(fetch).mockImplementation(async (_url, init) => {
      requests.push({ url: String(_url), body: new URLSearchParams(String(init!.body)) });
      return new Response(JSON.stringify({ success: 1, id: 4, device_id: 'newvisitor0device0id000' }), { status: 200 });
    });
    await send(target, { n: 'next' });
    expect(requests.at(-1)!.body.has('mautic_device_id')).toBe(false);
    expect(localStorage.getItem('mautic_device_id')).toBe('newvisitor0device0id000');
  });
});

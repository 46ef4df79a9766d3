// The npm API as apps use it: the same call shapes as mt(), promises that never reject, and one
// tracker however many times an app creates it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTracker } from '../src/index';
import type { DeliveryDetail } from '../src/types';
import type { Plugin, PluginContext } from '../src/index';
import { autocapture } from '../src/index';
import { AUTOMATIC_KEYS } from './protocol';

type Mt = ((...args: unknown[]) => void) & { q?: unknown[][] };
const page = window as unknown as { mt?: Mt; MauticTrackingObject?: string };

/** Trackers live for the whole file (the registry is the page's): each test uses its own endpoint. */
let serial = 0;
const endpoint = () => `https://mautic-${serial++}.example.com`;

/** Request bodies by endpoint. */
let sent: Record<string, URLSearchParams[]>;
const to = (url: string) => sent[url] || [];
beforeEach(() => {
  localStorage.clear();
  sent = {};
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      const base = url.replace(/\/mtc\/event$/, '');
      (sent[base] = sent[base] || []).push(new URLSearchParams(String(init.body)));
      return new Response('{"success":1,"id":1,"device_id":"abcdefghij0123456789xyz"}', { status: 200 });
    }),
  );
});
afterEach(() => {
  history.replaceState(null, '', '/');
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A body without the automatic keys: what the call itself put on the wire, in order. */
const callerPairs = (body: URLSearchParams) =>
  [...body].filter(([key]) => !AUTOMATIC_KEYS.includes(key) && key != 'mautic_device_id');

describe('event(): the same shapes as mt(), read by the same parser', () => {
  const inputs: unknown[][] = [
    ['video', 'play'],
    ['video', 'play', 'intro', 42, { position: 12 }],
    ['video', 'play', { position: 12 }],
    ['video', 'play', 'intro', { position: 12 }],
    ['video', 'play', null, null, { position: 12 }],
    [{ category: 'video', action: 'play', label: 'intro', value: 42, position: 12 }],
    [{ eventCategory: 'video', eventAction: 'play', eventValue: 3, position: 12 }],
    [undefined, undefined],
    [null, 'play'],
    ['video'],
    [{ category: 'video', label: 'no action' }],
    ['video', 'play', 'intro', 1, 'not params'],
    [{ category: 'video', action: 'play', value: true }],
  ];

  it('accepts, refuses and sends exactly what mt() does', async () => {
    const logs: string[] = [];
    vi.spyOn(console, 'info').mockImplementation((line: unknown) => void logs.push(String(line)));
    const scriptTag = endpoint();
    const npm = endpoint();
    vi.resetModules();
    delete page.mt;
    page.MauticTrackingObject = 'mt';
    page.mt = Object.assign((...args: unknown[]) => void (page.mt!.q = page.mt!.q || []).push(args), {});
    page.mt('config', { url: scriptTag, debug: true });
    await import('../src/global');
    await vi.waitFor(() => expect(page.mt!.q).toBeUndefined()); // the bundle replaced the queue
    const tracker = createTracker({ url: npm, debug: true });

    for (const input of inputs) {
      const label = JSON.stringify(input);
      logs.length = 0;
      page.mt('send', 'event', ...input);
      const detail: DeliveryDetail = await (tracker.event as (...args: unknown[]) => Promise<DeliveryDetail>)(...input);
      if (detail.ok) {
        await vi.waitFor(() => expect(to(scriptTag), label).toHaveLength(1));
        const [viaMt] = to(scriptTag);
        const [viaNpm] = to(npm);
        expect(callerPairs(viaNpm), label).toEqual(callerPairs(viaMt));
        expect(callerPairs(viaNpm), label).not.toContainEqual(expect.arrayContaining(['[object Object]']));
        expect(Object.fromEntries(callerPairs(viaNpm)), label).toMatchObject({ event_category: 'video', event_action: 'play' });
      } else {
        expect(detail, label).toMatchObject({ ok: false, reason: 'invalid', transport: 'none', type: 'event' });
        // Both adapters refused it for the same reason, and neither sent anything.
        const ignored = logs.filter((line) => line == '[mautic-tracker] ignored: ' + detail.message);
        expect(ignored, label).toHaveLength(2);
        await wait(20);
        expect([to(scriptTag), to(npm)], label).toEqual([[], []]);
      }
      sent = {};
    }
    delete page.mt;
  });
});

describe('promises never reject for a delivery outcome', () => {
  it('resolves with ok:false when the network fails (an ad blocker), and still runs onerror', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))));
    class BlockedImage {
      onerror: (() => void) | null = null;
      set src(_: string) {
        setTimeout(() => this.onerror?.());
      }
    }
    vi.stubGlobal('Image', BlockedImage);
    const tracker = createTracker({ url: endpoint(), storage: 'none' });
    const unhandled: unknown[] = [];
    const listen = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listen);
    try {
      const onerror = vi.fn();
      const detail = await tracker.pageview({ a: 1 }, { onerror });
      expect(detail).toMatchObject({ ok: false, reason: 'failed', queued: true });
      expect(onerror).toHaveBeenCalledWith(detail);
      // Fire and forget, as most apps call it.
      tracker.event('video', 'play');
      await wait(50);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', listen);
      tracker.destroy();
    }
  });

  it('resolves an invalid call with reason invalid and why, sending nothing', async () => {
    const url = endpoint();
    const tracker = createTracker({ url });
    await expect((tracker.event as (...args: unknown[]) => Promise<DeliveryDetail>)(undefined, undefined)).resolves.toEqual({
      ok: false,
      type: 'event',
      transport: 'none',
      reason: 'invalid',
      params: {},
      message: 'event needs category and action',
    });
    await expect(tracker.pageview('not params' as never)).resolves.toMatchObject({ reason: 'invalid', message: 'params must be an object' });
    await wait(20);
    expect(to(url)).toEqual([]);
  });

  it('resolves with no-endpoint when no URL is known', async () => {
    await expect(createTracker({ name: 'nowhere' }).pageview()).resolves.toMatchObject({ ok: false, reason: 'no-endpoint' });
  });
});

describe('created twice, tracks once', () => {
  const navigate = async (path: string) => {
    history.pushState(null, '', path);
    await wait(200); // the route settles after 100 ms
  };

  it('a second createTracker with the same url and name returns the same tracker: one initial pageview, one per navigation', async () => {
    const url = endpoint();
    const first = createTracker({ url, autoPageviews: true });
    const second = createTracker({ url: url + '/', autoPageviews: true }); // StrictMode, a remount
    expect(second).toBe(first);
    expect(createTracker({ url, name: 'other', storage: 'none' })).not.toBe(first);
    await vi.waitFor(() => expect(to(url)).toHaveLength(1));
    await navigate('/pricing');
    await navigate('/about');
    expect(to(url).map((body) => new URL(body.get('page_url')!).pathname)).toEqual(['/', '/pricing', '/about']);
    first.destroy();
  });

  it('finds the tracker again after the module was evaluated again (hot reload)', async () => {
    const url = endpoint();
    const first = createTracker({ url });
    vi.resetModules();
    const reloaded = await import('../src/index');
    expect(reloaded.createTracker({ url })).toBe(first);
    first.destroy();
  });

  it('applies other options of a later call as config(), and says so in debug mode', async () => {
    const url = endpoint();
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    const tracker = createTracker({ url });
    createTracker({ url });
    expect(info).not.toHaveBeenCalled();
    expect(createTracker({ url, eventsInPageUrl: true, debug: true })).toBe(tracker);
    expect(info.mock.calls.map((call) => call[0])).toContain(
      '[mautic-tracker] createTracker: same url and name, tracker reused; config(): eventsInPageUrl, debug',
    );
    await tracker.event('video', 'play');
    expect(to(url)[0].get('page_url')).toContain('mt_event=video/play');
    tracker.destroy();
  });

  it('destroy(): no more pageviews on navigation, later calls resolve destroyed, and the next createTracker is a fresh one', async () => {
    const url = endpoint();
    const tracker = createTracker({ url, autoPageviews: true });
    await vi.waitFor(() => expect(to(url)).toHaveLength(1));
    tracker.destroy();
    await navigate('/after-destroy');
    const onerror = vi.fn();
    await expect(tracker.event('video', 'play', { n: 1 }, { onerror })).resolves.toMatchObject({ ok: false, reason: 'destroyed' });
    expect(onerror).toHaveBeenCalledOnce();
    tracker.config({ autoPageviews: true }); // no way back
    await navigate('/still-destroyed');
    expect(to(url)).toHaveLength(1);

    const fresh = createTracker({ url, autoPageviews: true });
    expect(fresh).not.toBe(tracker);
    await vi.waitFor(() => expect(to(url)).toHaveLength(2));
    expect(new URL(to(url)[1].get('page_url')!).pathname).toBe('/still-destroyed');
    fresh.destroy();
  });
});

describe('names and URLs of trackers', () => {
  it('a tracker whose name is refused sends nothing: it would share the unnamed tracker’s ids', async () => {
    const url = endpoint();
    const onerror = vi.fn();
    const mt = createTracker({ url, name: 'partner site', autoPageviews: true });
    const detail = await mt.pageview({}, { onerror });
    expect(detail).toMatchObject({ ok: false, reason: 'invalid' });
    expect(detail.message).toContain('name refused');
    await wait(20);
    expect(onerror).toHaveBeenCalledTimes(1);
    expect(to(url)).toEqual([]);
    expect(localStorage.getItem('mautic_device_id')).toBeNull();
    mt.destroy();
  });

  it('one tracker for one Mautic however its URL is written', () => {
    const host = `mautic-${serial++}.example.com`;
    const first = createTracker({ url: `https://${host}` });
    expect(createTracker({ url: `HTTPS://${host.toUpperCase()}/` })).toBe(first);
    expect(createTracker({ url: `https://${host}//` })).toBe(first);
    first.destroy();
  });

  it('a refused call runs its onerror too, with reason invalid', async () => {
    const mt = createTracker({ url: endpoint() });
    const onerror = vi.fn();
    const detail = await mt.event('video', { onerror } as never);
    expect(detail).toMatchObject({ ok: false, reason: 'invalid' });
    await wait(20);
    expect(onerror).toHaveBeenCalledWith(detail);
    mt.destroy();
  });
});

describe('plugins: features beyond tracking, opted into by npm users', () => {
  it('a plugin tracks through the same guards as the app, and sees the consent state', async () => {
    const url = endpoint();
    let context: PluginContext | undefined;
    const plugin: Plugin = (given) => ((context = given), {});
    const mt = createTracker({ url, requireConsent: true }, [plugin]);
    expect(context!.consented()).toBe(false);
    const onerror = vi.fn();
    context!.track('event', { from: 'plugin' }, { onerror }, ['outbound', 'click']);
    await wait(20);
    expect(onerror).toHaveBeenCalledWith(expect.objectContaining({ reason: 'no-consent' }));
    expect(to(url)).toEqual([]);

    mt.consent('grant');
    expect(context!.consented()).toBe(true);
    context!.track('event', { again: 'yes' }, undefined, ['outbound', 'click']);
    await wait(20);
    // The held event leaves on grant, then the new one: both as mt() would send them.
    expect(to(url).map((body) => body.get('event_category') + ' ' + (body.get('from') || body.get('again')))).toEqual([
      'outbound plugin',
      'outbound yes',
    ]);
    mt.destroy();
  });

  it('a tracker made without plugins gives none later, and other values are ignored', async () => {
    const url = endpoint();
    const made = vi.fn(() => ({}));
    createTracker({ url }, ['not a plugin' as never]);
    createTracker({ url }, [made]);
    expect(made).not.toHaveBeenCalled();
  });
});

describe('npm calls plain JavaScript can get wrong', () => {
  it("consent() takes only grant, deny or revoke: 'granted' is ignored with a debug line, not kept as a deny", async () => {
    const logs: string[] = [];
    vi.spyOn(console, 'info').mockImplementation((line: unknown) => void logs.push(String(line)));
    const url = endpoint();
    const mt = createTracker({ url, debug: true });
    mt.consent('granted' as never);
    expect(localStorage.getItem('mautic_tracker_consent')).toBeNull();
    expect(logs.join('\n')).toContain('ignored: consent needs grant, deny or revoke');
    expect(await mt.pageview()).toMatchObject({ ok: true });
    mt.destroy();
  });

  it('a plugin listed twice is made once; a reused tracker says it keeps the plugins of its first call', () => {
    const logs: string[] = [];
    vi.spyOn(console, 'info').mockImplementation((line: unknown) => void logs.push(String(line)));
    const url = endpoint();
    const made = vi.fn(() => ({}));
    const mt = createTracker({ url, debug: true }, [made, made]);
    expect(made).toHaveBeenCalledTimes(1);
    createTracker({ url }, [made]);
    expect(logs.join('\n')).not.toContain('new plugins not added');
    const other = vi.fn(() => ({}));
    expect(createTracker({ url }, [other])).toBe(mt);
    expect(other).not.toHaveBeenCalled();
    expect(logs.join('\n')).toContain('tracker reused; new plugins not added');
    mt.destroy();
  });
});

describe('config()', () => {
  it('refuses anything but an options object, and says so in debug mode', () => {
    const logs: string[] = [];
    vi.spyOn(console, 'info').mockImplementation((line: unknown) => void logs.push(String(line)));
    const tracker = createTracker({ url: endpoint(), debug: true, name: 'configcheck' });
    tracker.config('x' as never);
    tracker.config(null as never);
    expect(logs.filter((line) => line.includes('config'))).toEqual([
      '[mautic-tracker] ignored: config needs an object',
      '[mautic-tracker] ignored: config needs an object',
    ]);
    tracker.destroy();
  });
});

describe('reset() and the privacy options', () => {
  it('reset(): the next hit is a new visitor (no device id sent); beforeSend and redactQuery apply to npm calls', async () => {
    const url = endpoint();
    const tracker = createTracker({ url, redactQuery: ['ssn'], beforeSend: (params) => ({ ...params, via: 'hook' }) });
    history.replaceState(null, '', '/npm?ssn=1&token=kept');
    await tracker.pageview();
    tracker.reset();
    await expect(tracker.pageview()).resolves.toMatchObject({ ok: true });
    // The first hit may carry the id earlier tests left in the page's cookies; the one after reset none.
    expect(to(url).map((body) => [body.get('via'), new URL(body.get('page_url')!).search])).toEqual([
      ['hook', '?token=kept'],
      ['hook', '?token=kept'],
    ]);
    expect(to(url)[1].get('mautic_device_id')).toBeNull();
    tracker.destroy();
  });
});

describe('destroy() and plugins', () => {
  it("a destroyed tracker's plugins stop listening: a click after destroy() reaches only the new tracker", async () => {
    const logs: string[] = [];
    vi.spyOn(console, 'info').mockImplementation((line: unknown) => void logs.push(String(line)));
    const url = endpoint();
    document.body.innerHTML = '<button data-mt-category="cta" data-mt-action="open">go</button>';
    const button = document.querySelector('button')!;
    const first = createTracker({ url, debug: true, autocapture: true }, [autocapture]);
    button.click();
    await wait(20);
    first.destroy();
    const second = createTracker({ url, autocapture: true }, [autocapture]);
    button.click();
    await wait(20);
    expect(to(url).map((body) => body.get('event_category'))).toEqual(['cta', 'cta']);
    // The old tracker's listener would have tracked this click too, ending in `destroyed`.
    expect(logs.filter((line) => line.includes('destroyed'))).toEqual([]);
    second.destroy();
  });
});

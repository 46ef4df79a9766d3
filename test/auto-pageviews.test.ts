import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore } from '../src/tracker';
import { createAutoPageviews } from '../src/auto-pageviews';
import type { TrackerOptions } from '../src/types';

let sent: URLSearchParams[];
/** Trackers of earlier tests keep watching the page: each test listens to its own endpoint only. */
let endpoint = '';
let serial = 0;
beforeEach(() => {
  endpoint = `https://mautic-${serial++}.example.com`;
  vi.useFakeTimers();
  history.replaceState(null, '', '/start');
  localStorage.clear();
  sent = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      if (url.startsWith(endpoint)) sent.push(new URLSearchParams(String(init.body)));
      return new Response('{"success":1,"id":1,"device_id":"abcdefghij0123456789xyz"}', { status: 200 });
    }),
  );
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createAutoPageviews', () => {
  /** The module alone: the referrers of the pageviews it asked for. */
  const auto = (options: TrackerOptions) => {
    const asked: string[] = [];
    const pageviews = createAutoPageviews(() => options as Required<TrackerOptions>, (referrer) => {
      asked.push(referrer);
      pageviews.seen();
    });
    return { pageviews, asked };
  };
  const settle = () => vi.advanceTimersByTimeAsync(150);

  it('follows navigation only once watching with the option on, and then once however often it is told to watch', async () => {
    const options: TrackerOptions = { autoPageviews: false };
    const { pageviews, asked } = auto(options);
    pageviews.seen();
    pageviews.watch();
    history.pushState(null, '', '/off');
    await settle();
    expect(asked).toEqual([]);
    options.autoPageviews = true;
    pageviews.watch();
    pageviews.watch();
    history.pushState(null, '', '/on');
    await settle();
    expect(asked).toEqual([location.host]);
    pageviews.destroy();
  });

  it('waits for the route to settle: a burst of navigations is one pageview, of the last URL', async () => {
    const { pageviews, asked } = auto({ autoPageviews: true });
    pageviews.seen();
    pageviews.watch();
    history.pushState(null, '', '/a');
    await vi.advanceTimersByTimeAsync(50);
    history.pushState(null, '', '/b');
    await vi.advanceTimersByTimeAsync(99);
    expect(asked).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(asked).toHaveLength(1);
    pageviews.destroy();
  });

  it('destroy() ends it, also for a navigation still settling', async () => {
    const { pageviews, asked } = auto({ autoPageviews: true });
    pageviews.watch();
    history.pushState(null, '', '/settling');
    pageviews.destroy();
    await settle();
    history.pushState(null, '', '/after');
    await settle();
    expect(asked).toEqual([]);
  });
});

describe('automatic SPA pageviews', () => {
  const tracker = (options = {}) => {
    const core = createCore({ url: endpoint, autoPageviews: true, ...options });
    core.track('pageview', []);
    return core;
  };
  const settle = () => vi.advanceTimersByTimeAsync(150);
  const urls = () => sent.map((body) => new URL(body.get('page_url')!).pathname + new URL(body.get('page_url')!).hash);

  it('sends one pageview per new URL, after the route settled, with the previous route as referrer', async () => {
    tracker();
    await settle();
    history.pushState(null, '', '/pricing');
    document.title = 'Pricing';
    await settle();
    expect(urls()).toEqual(['/start', '/pricing']);
    expect(sent[1].get('page_title')).toBe('Pricing');
    expect(sent[1].get('page_referrer')).toBe(location.host);
  });

  it('ignores a replaceState of the same URL, and counts a redirect (push then replace) once', async () => {
    tracker();
    await settle();
    history.replaceState({ scroll: 1 }, '', location.href);
    await settle();
    history.pushState(null, '', '/old');
    history.replaceState(null, '', '/new');
    await settle();
    expect(urls()).toEqual(['/start', '/new']);
  });

  it('never sends an automatic pageview for a URL a manual pageview just covered', async () => {
    const core = tracker();
    await settle();
    history.pushState(null, '', '/manual');
    core.track('pageview', [{ source: 'router' }]);
    await settle();
    expect(urls()).toEqual(['/start', '/manual']);
    expect(sent[1].get('source')).toBe('router');
  });

  it('treats a fragment change as a navigation only with hashRouting', async () => {
    tracker();
    await settle();
    location.hash = '#/one';
    dispatchEvent(new HashChangeEvent('hashchange'));
    await settle();
    expect(urls()).toEqual(['/start']);

    sent.length = 0;
    endpoint += '/hash';
    tracker({ hashRouting: true });
    await settle();
    location.hash = '#/two';
    dispatchEvent(new HashChangeEvent('hashchange'));
    await vi.waitFor(async () => {
      await settle();
      expect(urls()).toContain('/start#/two');
    });
  });
});

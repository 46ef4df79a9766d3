import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore } from '../src/tracker';

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

describe('automatic SPA pageviews', () => {
  const tracker = (options = {}) => {
    const core = createCore({ url: endpoint, autoPageviews: true, ...options });
    core.track('pageview', undefined, {});
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
    core.track('pageview', { source: 'router' }, {});
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

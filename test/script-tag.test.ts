import { beforeEach, describe, expect, it, vi } from 'vitest';

type Mt = ((...args: unknown[]) => void) & { q?: unknown[][] };
const page = window as unknown as { mt?: Mt; MauticTrackingObject?: string; other?: Mt };

/** The official snippet's queueing function, before the bundle arrives. */
function snippet(name: 'mt' | 'other' = 'mt') {
  page.MauticTrackingObject = name;
  const queued: Mt = function (...args: unknown[]) {
    (queued.q = queued.q || []).push(args);
  };
  page[name] = queued;
  return queued;
}

/** Loads the script-tag bundle's source as the browser would run it: once per script tag. */
async function loadBundle() {
  vi.resetModules();
  await import('../src/global');
}

let bodies: URLSearchParams[];
beforeEach(() => {
  vi.resetModules();
  delete page.mt;
  delete page.other;
  delete page.MauticTrackingObject;
  localStorage.clear();
  bodies = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: RequestInit) => {
      bodies.push(new URLSearchParams(String(init.body)));
      return new Response('{"success":1,"id":1,"device_id":"abcdefghij0123456789xyz"}', { status: 200 });
    }),
  );
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the script-tag adapter', () => {
  it('applies queued config first, then sends the queue in order, then later calls at once', async () => {
    snippet()('send', 'pageview', { n: 1 });
    page.mt!('send', 'event', 'c', 'a', null, null, { n: 2 });
    page.mt!('config', { url: 'https://mautic.example.com' });
    await loadBundle();
    await vi.waitFor(() => expect(bodies.map((body) => body.get('n'))).toEqual(['1', '2']));
    page.mt!('send', 'pageview', { n: 3 });
    await vi.waitFor(() => expect(bodies.map((body) => body.get('n'))).toEqual(['1', '2', '3']));
  });

  it('a refused command still runs its onerror, with reason invalid', async () => {
    const onerror = vi.fn();
    const onload = vi.fn();
    snippet()('config', { url: 'https://mautic.example.com' });
    page.mt!('send', 'event', 'only a category', { onload, onerror });
    await loadBundle();
    await vi.waitFor(() => expect(onerror).toHaveBeenCalledTimes(1));
    expect(onerror.mock.calls[0][0]).toMatchObject({ ok: false, reason: 'invalid', message: 'event needs category and action' });
    expect(onload).not.toHaveBeenCalled();
    expect(bodies).toEqual([]);
  });

  it('takes reset from the queue, in its place: a hit before it that had not left is dropped, the one after is sent', async () => {
    localStorage.setItem('mautic_device_id', 'oldvisitor0device0id000');
    const onerror = vi.fn();
    snippet()('config', { url: 'https://mautic.example.com' });
    page.mt!('send', 'pageview', { n: 1 }, { onerror });
    page.mt!('reset');
    page.mt!('send', 'pageview', { n: 2 });
    await loadBundle();
    await vi.waitFor(() => expect(bodies.map((body) => body.get('n'))).toEqual(['2']));
    expect(onerror.mock.calls[0][0]).toMatchObject({ reason: 'dropped' });
    expect(bodies[0].get('mautic_device_id')).toBeNull();
    page.mt!('send', 'pageview', { n: 3 });
    await vi.waitFor(() => expect(bodies).toHaveLength(2));
    expect(bodies[1].get('mautic_device_id')).toBe('abcdefghij0123456789xyz');
  });

  it('honours a renamed tracking object', async () => {
    snippet('other')('config', { url: 'https://mautic.example.com' });
    page.other!('send', 'pageview', { renamed: 1 });
    await loadBundle();
    await vi.waitFor(() => expect(bodies[0]?.get('renamed')).toBe('1'));
    expect(page.mt).toBeUndefined();
  });

  it('a second copy of the bundle stands down', async () => {
    snippet()('config', { url: 'https://mautic.example.com' });
    await loadBundle();
    const first = page.mt;
    await loadBundle();
    expect(page.mt).toBe(first);
    page.mt!('send', 'event', 'once', 'only');
    await vi.waitFor(() => expect(bodies).toHaveLength(1));
    await settle();
    expect(bodies).toHaveLength(1);
  });

  it('a second copy says so in the first one\'s debug log', async () => {
    const lines: unknown[] = [];
    vi.spyOn(console, 'info').mockImplementation((line: unknown) => void lines.push(line));
    snippet()('config', { url: 'https://mautic.example.com', debug: true });
    // Two script tags one behind the other: the second runs before the queue (and its debug) is read.
    await loadBundle();
    await loadBundle();
    await settle();
    expect(lines).toContain('[mautic-tracker] ignored: a second tracker script (mt.js)');
  });

  it('data-options that are no JSON object: nothing is sent, every command is refused, the console says why', async () => {
    const lines: unknown[] = [];
    vi.spyOn(console, 'info').mockImplementation((line: unknown) => void lines.push(line));
    for (const options of ["{'requireConsent': true}", '[1]']) {
      delete page.mt;
      const tag = document.createElement('script');
      tag.dataset.url = 'https://mautic.example.com';
      tag.dataset.options = options;
      tag.dataset.pageview = '';
      vi.spyOn(document, 'currentScript', 'get').mockReturnValue(tag);
      await loadBundle();
      const onerror = vi.fn();
      page.mt!('send', 'event', 'c', 'a', { onerror });
      await settle();
      expect(onerror).toHaveBeenCalledWith(expect.objectContaining({ ok: false, reason: 'invalid', message: 'data-options is not a JSON object: nothing is sent' }));
    }
    expect(fetch).not.toHaveBeenCalled();
    expect(lines.filter((line) => String(line).includes('data-options'))).toHaveLength(2);
  });

  it('fires eventAddedToMauticQueue for each later call', async () => {
    snippet()('config', { url: 'https://mautic.example.com' });
    await loadBundle();
    await settle();
    const seen: unknown[] = [];
    document.addEventListener('eventAddedToMauticQueue', (event) => seen.push(Array.from((event as CustomEvent).detail)));
    page.mt!('send', 'event', 'c', 'a');
    expect(seen).toEqual([['send', 'event', 'c', 'a']]);
  });

  it('never throws into the page, whatever it is given', async () => {
    snippet()('config', { url: 'https://mautic.example.com' });
    await loadBundle();
    const hostile = new Proxy({}, { ownKeys: () => { throw new Error('trap'); } });
    for (const args of [[], [Symbol('x')], ['send', 'pageview', hostile], ['config', null], [null, null], ['send', 'event', 1n]]) {
      expect(() => page.mt!(...args)).not.toThrow();
    }
    page.mt!('send', 'pageview', { after: 'bad input' });
    await vi.waitFor(() => expect(bodies.some((body) => body.get('after') === 'bad input')).toBe(true));
  });

  it('starts without a queue when loaded without a snippet', async () => {
    await loadBundle();
    expect(typeof page.mt).toBe('function');
  });
});

import { describe, expect, it, vi } from 'vitest';
import { pageFeatures } from '../src/page-features';
import { createCore } from '../src/tracker';
import { usePlugins } from '../src/plugins';

const MAUTIC = 'https://mautic.example.com';

describe('dynamic content insertion (page features)', () => {
  it('inserts cleaned content, calls the site’s hook first, and loads only Mautic scripts', async () => {
    document.body.innerHTML = '<div class="mautic-slot" data-slot-name="hero">fallback</div><div data-slot="dwc" data-param-slot-name="none">keep</div>';
    const responses: Record<string, Response> = {
      hero: new Response(JSON.stringify({ content: '<p id="c" onclick="x()">Hello</p><script src="' + MAUTIC + '/f.js"></script>', device_id: 'abcdefghij0123456789xyz' }), { status: 200 }),
      none: new Response(null, { status: 204 }),
    };
    vi.stubGlobal('fetch', vi.fn(async (url: string) => responses[new URL(url).pathname.split('/').pop()!]));
    const remember = vi.fn();
    const hook = vi.fn((html: string) => html.replace('Hello', 'Hi'));
    const features = pageFeatures({
      options: () => ({ timeout: 3000, sanitizeContent: hook }) as never,
      base: () => MAUTIC,
      deviceId: () => 'knownvisitor00000000001',
      remember,
      visitor: () => 0,
      log: () => {},
    });
    features.hit!('pageview', { page_url: 'https://site.example/' });
    expect(vi.mocked(fetch).mock.calls[0][0]).toContain('mautic_device_id=knownvisitor00000000001');
    await vi.waitFor(() => expect(document.querySelector('#c')?.textContent).toBe('Hi'));
    expect(document.querySelector('#c')!.getAttribute('onclick')).toBeNull();
    expect(document.querySelector('[data-param-slot-name="none"]')!.textContent).toBe('keep');
    expect(hook).toHaveBeenCalledTimes(1);
    expect(remember).toHaveBeenCalledWith(expect.objectContaining({ device_id: 'abcdefghij0123456789xyz' }), 0);
    expect(Array.from(document.head.querySelectorAll('script')).map((s) => s.getAttribute('src'))).toContain(`${MAUTIC}/f.js`);
  });
});

describe('page features', () => {
  /** The plugin with a context whose device id the test sets, and what it logged and remembered. */
  function features(deviceId?: string) {
    const logged: string[] = [];
    const remember = vi.fn();
    const context = {
      options: () => ({ timeout: 3000 }) as never,
      base: () => MAUTIC,
      deviceId: () => deviceId,
      remember,
      visitor: () => 0,
      log: (line: string) => void logged.push(line),
    };
    const plugin = pageFeatures(context);
    return { plugin, logged, remember, know: (id: string) => (deviceId = id) };
  }

  it('slots wait for a device id: none is asked for before the first answer brought one', async () => {
    document.body.innerHTML = '<div class="mautic-slot" data-slot-name="later">fallback</div>';
    vi.stubGlobal('fetch', vi.fn(async () => new Response(null, { status: 204 })));
    const { plugin, know } = features();
    plugin.hit!('pageview', { page_url: 'https://site.example/' });
    expect(fetch).not.toHaveBeenCalled();
    know('knownvisitor00000000001');
    plugin.delivered!({ ok: true, transport: 'cors', response: { success: 1 } }, {});
    expect(vi.mocked(fetch).mock.calls[0][0]).toContain('/dwc/later?');
    // The same URL again: never twice.
    plugin.delivered!({ ok: true, transport: 'cors' }, {});
    expect(fetch).toHaveBeenCalledOnce();
  });

  it('loads each focus item’s script once, and only from the Mautic host', () => {
    const { plugin, logged } = features('knownvisitor00000000001');
    const events = { focus_item: [{ id: 1, js: MAUTIC + '/focus/1.js' }, { id: 1, js: MAUTIC + '/focus/1.js' }, { id: 2, js: 'https://evil.example/x.js' }] };
    vi.spyOn(document.head, 'appendChild').mockImplementation((node) => node);
    plugin.delivered!({ ok: true, transport: 'cors', response: { success: 1, events } }, {});
    expect(vi.mocked(document.head.appendChild).mock.calls.map(([node]) => (node as HTMLScriptElement).src)).toEqual([MAUTIC + '/focus/1.js']);
    expect(logged).toEqual(['script refused, not on the Mautic host: https://evil.example/x.js']);
  });

  it('after the first hit by pixel, asks Mautic once for the contact (GET /mtc) and keeps its ids', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{"id":5,"device_id":"abcdefghij0123456789xyz"}', { status: 200 })));
    const { plugin, remember } = features('knownvisitor00000000001');
    plugin.delivered!({ ok: true, transport: 'pixel' }, {});
    plugin.delivered!({ ok: true, transport: 'pixel' }, {});
    await vi.waitFor(() => expect(remember).toHaveBeenCalledWith({ id: 5, device_id: 'abcdefghij0123456789xyz' }, 0));
    expect(vi.mocked(fetch).mock.calls.map(([url]) => url)).toEqual([MAUTIC + '/mtc']);
  });
});

describe('page features and a forgotten visitor', () => {
  it('an answer to a slot asked for before reset() stores no id of the old visitor', async () => {
    localStorage.clear();
    document.body.innerHTML = '<div class="mautic-slot" data-slot-name="hero">fallback</div>';
    let answerSlot!: (response: Response) => void;
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string) =>
        url.includes('/dwc/')
          ? new Promise<Response>((resolve) => (answerSlot = resolve))
          : Promise.resolve(new Response('{"success":1,"id":7,"device_id":"oldvisitor0000000000001"}', { status: 200 })),
      ),
    );
    const core = createCore({ url: MAUTIC }, usePlugins([pageFeatures]));
    core.track('pageview', []);
    await vi.waitFor(() => expect(answerSlot).toBeDefined());
    expect(localStorage.getItem('mautic_device_id')).toBe('oldvisitor0000000000001');
    core.reset();
    answerSlot(new Response('{"content":"<p>Welcome back</p>","id":7,"device_id":"oldvisitor0000000000001"}', { status: 200 }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Neither the old visitor's ids nor their personal content.
    expect([localStorage.getItem('mautic_device_id'), localStorage.getItem('mtc_id')]).toEqual([null, null]);
    expect(document.querySelector('.mautic-slot')!.textContent).toBe('fallback');
  });

  it('a slow Mautic still fills the slot: its request is not cut at `timeout` (a callback bound)', async () => {
    document.body.innerHTML = '<div class="mautic-slot" data-slot-name="slow">fallback</div>';
    vi.stubGlobal(
      'fetch',
      vi.fn(
        (_url: string, init: RequestInit) =>
          new Promise<Response>((resolve, reject) => {
            init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
            setTimeout(() => resolve(new Response('{"content":"<p>late</p>"}', { status: 200 })), 800);
          }),
      ),
    );
    const features = pageFeatures({
      options: () => ({ timeout: 500 }) as never,
      base: () => MAUTIC,
      deviceId: () => 'knownvisitor00000000001',
      remember: () => {},
      visitor: () => 0,
      log: () => {},
    } as never);
    features.hit!('pageview', { page_url: 'https://site.example/' });
    await vi.waitFor(() => expect(document.querySelector('.mautic-slot')!.textContent).toBe('late'), { timeout: 2000 });
    // No request was given up (plugins of earlier tests watch this page too: each one asked).
    expect(vi.mocked(fetch).mock.calls.filter(([, init]) => init!.signal!.aborted)).toEqual([]);
  });
});

import { test, expect, type Page } from '@playwright/test';
import { COLLECTOR, SITE, callbacks, expectExactly, openFixture, requestsTo, resetCollector, storedOutbox } from './helpers';

test.beforeEach(async () => {
  await resetCollector();
});

/**
 * Records every URL the page hands to `fetch` or to an image's `src` (the pixel), in
 * `window.requested`: a `javascript:` URL never reaches the network log, so it is caught here.
 */
async function watchRequestedUrls(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const w = window as unknown as { requested: string[] };
    w.requested = [];
    const fetch = window.fetch;
    window.fetch = function (input: RequestInfo | URL, init?: RequestInit) {
      w.requested.push(String(input instanceof Request ? input.url : input));
      return fetch.call(this, input, init);
    };
    const src = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, 'src')!;
    Object.defineProperty(HTMLImageElement.prototype, 'src', {
      ...src,
      set(value: string) {
        w.requested.push(String(value));
        src.set!.call(this, value);
      },
    });
  });
  return () => page.evaluate(() => (window as unknown as { requested: string[] }).requested);
}

test.describe('options are checked at the door', () => {
  test('timeout: 0 is refused: one event is recorded exactly once', async ({ page }) => {
    const logs: string[] = [];
    page.on('console', (message) => logs.push(message.text()));
    await openFixture(page, {
      script: `
        mt('config', { debug: true, timeout: 0 });
        mt('send', 'event', 'video', 'play', null, null, { n: 'once' }, record('ev'));`,
    });
    // Retries would come after 0.5–1 s, 1–2 s…: wait long enough to see a second one.
    const hits = await expectExactly(1, 2500);
    expect(hits[0].params.n).toBe('once');
    const [result] = await callbacks(page, 1);
    expect(result).toMatchObject({ callback: 'onload', detail: { ok: true } });
    expect(logs.join('\n')).toContain('config: ignored option timeout (ms, 500 to 2^31-1)');
  });

  test('url: javascript: is refused and the previous URL (the bundle’s folder) stays', async ({ page }) => {
    const requested = await watchRequestedUrls(page);
    await openFixture(page, {
      script: `
        mt('config', { url: 'javascript:alert(1)' });
        mt('send', 'pageview', { n: 'kept' }, record('pv'));`,
    });
    const [result] = await callbacks(page, 1);
    expect(result).toMatchObject({ callback: 'onload', detail: { ok: true } });
    const [hit] = await expectExactly(1);
    expect(hit.params.n).toBe('kept');
    expect((await requested()).filter((url) => !url.startsWith(COLLECTOR))).toEqual([]);
  });

  test('a bundle loaded from a blob: URL knows no endpoint: javascript: is refused, onerror no-endpoint, nothing sent or stored', async ({ page }) => {
    const requested = await watchRequestedUrls(page);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await openFixture(page, {
      snippet: 'none',
      script: `
        window.MauticTrackingObject = 'mt';
        window.mt = function () { (mt.q = mt.q || []).push(arguments); };
        mt('config', { url: 'javascript:alert(1)' });
        mt('send', 'event', 'video', 'play', null, null, {}, record('ev'));
        fetch('/cdn/mt.js').then((response) => response.blob()).then((bundle) => {
          const script = document.createElement('script');
          script.src = URL.createObjectURL(bundle);
          document.head.append(script);
        });`,
    });
    const [result] = await callbacks(page, 1);
    expect(result).toMatchObject({ callback: 'onerror', detail: { ok: false, reason: 'no-endpoint', transport: 'none' } });
    expect(result.detail.queued).not.toBe(true);
    await page.waitForTimeout(1500); // a retry would start within 1 s
    expect((await requested()).filter((url) => url != '/cdn/mt.js')).toEqual([]);
    expect(await storedOutbox(page)).toMatchObject({ length: 0 });
    expect(await requestsTo('/mtc/event')).toEqual([]);
    expect(await requestsTo('/mtracking.gif')).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('the script tag’s data-url goes through the same check', async ({ page }) => {
    const requested = await watchRequestedUrls(page);
    const logs: string[] = [];
    page.on('console', (message) => logs.push(message.text()));
    await openFixture(page, { tag: '1', dataUrl: 'javascript:alert(1)', options: '{"debug":true}' });
    // Refused: the bundle's folder (the collector) stays the endpoint.
    await expectExactly(1);
    expect((await requested()).filter((url) => !url.startsWith(COLLECTOR))).toEqual([]);
    expect(logs.join('\n')).toContain('config: ignored option url (an http(s) URL or a / ./ ../ path)');
  });

  test('data-options with a typo: nothing is sent (they may ask for consent), and the console says why without debug mode', async ({ page }) => {
    const logs: string[] = [];
    page.on('console', (message) => logs.push(message.text()));
    // Single quotes are no JSON: the page meant { requireConsent: true }.
    await openFixture(page, { tag: '1', options: "{'requireConsent': true}" });
    await expect.poll(() => logs.join('\n')).toContain('data-options is not a JSON object: nothing is sent');
    await page.evaluate(() => (window as any).mt('send', 'event', 'c', 'a'));
    await page.waitForTimeout(500);
    expect(await requestsTo('/mtc/event')).toEqual([]);
    expect(await requestsTo('/mtracking.gif')).toEqual([]);
  });

  test('a relative url is resolved once, against the page it was given on', async ({ page }) => {
    const requested = await watchRequestedUrls(page);
    await openFixture(page, {
      src: `${SITE}/cdn/mt.js`,
      script: `
        mt('config', { url: '../mautic' });
        mt('send', 'pageview', {}, record('first'));`,
    });
    await callbacks(page, 1);
    await page.evaluate(() => {
      history.pushState(null, '', '/deep/route/page');
      (window as any).mt('send', 'pageview', {}, (window as any).record('second'));
    });
    await callbacks(page, 2);
    // On /fixture, ../mautic is /mautic; resolved again on the later route it would be /deep/mautic.
    const posts = (await requested()).filter((url) => url.endsWith('/mtc/event'));
    expect(posts).toEqual([`${SITE}/mautic/mtc/event`, `${SITE}/mautic/mtc/event`]);
  });
});

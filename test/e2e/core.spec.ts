import { test, expect } from '@playwright/test';
import { AUTOMATIC_KEYS } from '../protocol';
import {
  COLLECTOR,
  SAME_SITE,
  SITE,
  callbacks,
  expectExactly,
  openFixture,
  received,
  requestsTo,
  resetCollector,
  setMode,
  waitForHits,
} from './helpers';

test.beforeEach(async () => {
  await resetCollector();
});

test.describe('a site with Mautic’s official snippet', () => {
  test('commands queued before the bundle loads are sent in order, then later calls at once', async ({ page }) => {
    await openFixture(page, {
      delay: '400',
      script: `
        mt('send', 'pageview', { step: 'first' });
        mt('send', 'event', 'video', 'play', 'intro', 7, { step: 'second' });
        mt('send', 'pageview', { step: 'third' });`,
    });
    const queued = await waitForHits(3);
    expect(queued.map((hit) => hit.params.step)).toEqual(['first', 'second', 'third']);
    expect(queued.map((hit) => hit.params.counter)).toEqual(['0', '1', '2']);

    await page.evaluate(() => (window as any).mt('send', 'event', 'form', 'submit'));
    const [, , , later] = await expectExactly(4);
    expect(later.params).toMatchObject({ event_category: 'form', event_action: 'submit', counter: '3' });
  });

  test('every automatic key is sent in Mautic’s order and formats', async ({ browser }) => {
    const context = await browser.newContext({
      locale: 'de-AT',
      timezoneId: 'Europe/Vienna',
      screen: { width: 1440, height: 900 },
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Safari/537.36',
    });
    const page = await context.newPage();
    await page.goto(`${SITE}/fixture?title=${encodeURIComponent('Prices & plans')}&x=1#plans`, {
      referer: 'https://search.example.org:8443/results?q=mautic',
    });
    const [hit] = await expectExactly(1);
    expect(hit.pairs.map(([key]) => key)).toEqual(AUTOMATIC_KEYS); // no device id before the first answer
    expect(hit.params).toEqual({
      page_title: 'Prices & plans',
      page_language: 'de-AT',
      preferred_locale: 'de_AT',
      page_referrer: 'search.example.org:8443',
      page_url: `${SITE}/fixture?title=Prices%20%26%20plans&x=1#plans`,
      counter: '0',
      timezone_offset: '-60', // Vienna in November: UTC+1
      resolution: '1440x900',
      platform: 'Windows',
      do_not_track: 'false',
      timezone: 'Europe/Vienna',
    });
    await context.close();
  });

  test('the POST is form-encoded, carries X-Requested-With and, for a Mautic on the same site, its cookies', async ({ page }) => {
    await openFixture(page, {}, SAME_SITE);
    const [first] = await waitForHits(1);
    expect(first).toMatchObject({
      transport: 'cors',
      answered: 200,
      origin: SAME_SITE,
      contentType: 'application/x-www-form-urlencoded',
      requestedWith: 'XMLHttpRequest',
    });
    // The preflight that X-Requested-With causes was made and answered.
    expect((await requestsTo('/mtc/event')).map((r) => r.method)).toEqual(['OPTIONS', 'POST']);

    await page.evaluate(() => (window as any).mt('send', 'pageview', { second: 1 }));
    const [, second] = await expectExactly(2);
    // credentials: 'include' sends the cookie the collector set on its first answer.
    expect(second.cookies.mautic_device_id).toBe(first.deviceId);
  });

  test('custom params override the automatic ones; arrays, nested objects and dates keep their data', async ({ page }) => {
    await openFixture(page, {
      script: `
        const cyclic = { name: 'loop' }; cyclic.self = cyclic;
        mt('send', 'pageview', {
          page_title: 'Custom title',
          email: 'jane@example.com',
          tags: ['vip', '-old lead', 42],
          address: { city: 'Graz', geo: { lat: 47.07 } },
          items: [{ sku: 'A1' }, { sku: 'B2' }],
          when: new Date(Date.UTC(2026, 10, 26, 8, 30)),
          skipped: undefined,
          callback: function () {},
          cyclic,
          unicode: 'Grüße 👋 & = ?',
        });`,
    });
    const [hit] = await expectExactly(1);
    expect(hit.pairs.find(([key]) => key === 'page_title')).toEqual(['page_title', 'Custom title']);
    expect(hit.pairs[0][0]).toBe('page_title'); // an overridden key keeps its place
    expect(hit.params).toMatchObject({
      email: 'jane@example.com',
      tags: 'vip,-old lead,42',
      'address[city]': 'Graz',
      'address[geo][lat]': '47.07',
      'items[0][sku]': 'A1',
      'items[1][sku]': 'B2',
      when: '2026-11-26T08:30:00.000Z',
      'cyclic[name]': 'loop',
      unicode: 'Grüße 👋 & = ?',
    });
    const keys = Object.keys(hit.params);
    expect(keys).not.toContain('skipped');
    expect(keys).not.toContain('callback');
    expect(keys.some((key) => key.startsWith('cyclic[self]'))).toBe(false);
    expect(Object.values(hit.params)).not.toContain('[object Object]');
  });
});

test.describe('identity', () => {
  test('the device id from the first answer goes with every later hit, and mtc_id is stored for the shop plugins', async ({ page, context }) => {
    await openFixture(page);
    const [first] = await waitForHits(1);
    expect(first.params.mautic_device_id).toBeUndefined();

    await page.evaluate(() => (window as any).mt('send', 'event', 'cart', 'add'));
    const [, second] = await expectExactly(2);
    expect(second.params.mautic_device_id).toBe(first.deviceId);
    expect(second.contactId).toBe(first.contactId);

    const cookies = await context.cookies(SITE);
    expect(cookies.find((c) => c.name === 'mtc_id')?.value).toBe(String(first.contactId));
    expect(cookies.find((c) => c.name === 'mautic_device_id')?.value).toBe(first.deviceId);
    expect(cookies.find((c) => c.name === 'mtc_id')?.secure).toBe(false); // http page: no secure flag
    const stored = await page.evaluate(() => [localStorage.getItem('mtc_id'), localStorage.getItem('mautic_device_id')]);
    expect(stored).toEqual([String(first.contactId), first.deviceId]);
  });

  test('a reload keeps the visitor: the stored device id goes with the first hit', async ({ page }) => {
    await openFixture(page);
    const [first] = await waitForHits(1);
    // The page has read the answer (not only sent the hit) before it reloads.
    await page.waitForFunction(() => localStorage.getItem('mautic_device_id'));
    await page.reload();
    const [, again] = await expectExactly(2);
    expect(again.params.mautic_device_id).toBe(first.deviceId);
    expect(again.contactId).toBe(first.contactId);
  });

  test('hits made before the first answer wait for it, so one visitor stays one contact', async ({ page }) => {
    await setMode({ delay: 500 }); // a slow first answer
    await openFixture(page, {
      script: `
        mt('send', 'pageview');
        mt('send', 'event', 'a', 'one');
        mt('send', 'event', 'a', 'two');`,
    });
    const hits = await expectExactly(3, 1200);
    expect(hits[0].params.mautic_device_id).toBeUndefined();
    expect(hits[1].params.mautic_device_id).toBe(hits[0].deviceId);
    expect(hits[2].params.mautic_device_id).toBe(hits[0].deviceId);
    expect(new Set(hits.map((hit) => hit.contactId)).size).toBe(1);
    // Nothing went out before the first answer came back.
    expect((hits[1] as any).at - (hits[0] as any).at).toBeGreaterThanOrEqual(450);
  });

  test('a unique field that matches another contact switches the visitor, and the new device id is kept', async ({ page }) => {
    const storedId = () => page.evaluate(() => localStorage.getItem('mautic_device_id'));
    await openFixture(page, { script: `mt('send', 'pageview', { email: 'known@example.com' });` });
    const [known] = await waitForHits(1);
    await expect.poll(storedId).toBe(known.deviceId); // the answer was read before we wipe
    await page.context().clearCookies();
    await page.evaluate(() => localStorage.clear());
    await openFixture(page); // the same browser, now an anonymous visitor
    const [, anonymous] = await waitForHits(2);
    expect(anonymous.contactId).not.toBe(known.contactId);
    await expect.poll(storedId).toBe(anonymous.deviceId);

    await page.evaluate(() => (window as any).mt('send', 'pageview', { email: 'known@example.com' }));
    const [, , switched] = await waitForHits(3);
    expect(switched.contactId).toBe(known.contactId);
    await expect.poll(storedId).toBe(switched.deviceId); // the newest id replaced the old one
    await page.evaluate(() => (window as any).mt('send', 'event', 'after', 'switch'));
    const [, , , after] = await expectExactly(4);
    expect(after.params.mautic_device_id).toBe(switched.deviceId);
    expect(after.contactId).toBe(known.contactId);
  });
});

test.describe('callbacks: exactly one, always, within the timeout', () => {
  test('success: onload with the CORS answer', async ({ page }) => {
    await openFixture(page, { script: `mt('send', 'pageview', {}, record('pv'));` });
    const [result] = await callbacks(page, 1);
    expect(result.callback).toBe('onload');
    expect(result.detail).toMatchObject({ ok: true, type: 'pageview', transport: 'cors', status: 200 });
    expect(result.detail.response).toMatchObject({ success: 1 });
    expect(result.detail.params.page_url).toContain('/fixture');
  });

  test('success:0 (a logged-in Mautic user): onerror with reason not-tracked, no pixel', async ({ page }) => {
    await setMode({ event: 'success0' });
    await openFixture(page, { script: `mt('send', 'pageview', {}, record('pv'));` });
    const [result] = await callbacks(page, 1);
    expect(result.callback).toBe('onerror');
    expect(result.detail).toMatchObject({ ok: false, transport: 'cors', status: 200, reason: 'not-tracked' });
    await expectExactly(1);
  });

  test('a 500 falls back to the pixel, which records the hit: onload via pixel', async ({ page }) => {
    await setMode({ event: '500' });
    await openFixture(page, { script: `mt('send', 'pageview', { plan: 'pro' }, record('pv'));` });
    const [result] = await callbacks(page, 1);
    expect(result.detail).toMatchObject({ ok: true, transport: 'pixel', status: 500 });
    const [post, pixel] = await expectExactly(2);
    expect([post.transport, post.answered]).toEqual(['cors', 500]);
    expect(pixel.transport).toBe('pixel');
    expect(pixel.pairs).toEqual(post.pairs); // the same params, in the same order
  });

  test('CORS refused: the pixel records the hit, and later hits of the page go straight to the pixel', async ({ page }) => {
    await setMode({ event: 'cors' });
    await openFixture(page, { script: `mt('send', 'pageview', {}, record('pv'));` });
    const [first] = await callbacks(page, 1);
    expect(first.detail).toMatchObject({ ok: true, transport: 'pixel', status: 0 });
    await page.evaluate(() => (window as any).mt('send', 'event', 'x', 'y', null, null, {}, (window as any).record('ev')));
    const results = await callbacks(page, 2);
    expect(results[1].detail).toMatchObject({ ok: true, transport: 'pixel' });
    const hits = await expectExactly(2);
    expect(hits.map((hit) => hit.transport)).toEqual(['pixel', 'pixel']);
    // One refused preflight, then no more CORS attempts.
    expect((await requestsTo('/mtc/event')).map((r) => r.method)).toEqual(['OPTIONS']);
  });

  test('everything down: onerror with reason failed', async ({ page }) => {
    await setMode({ event: '500', pixel: '500' });
    await openFixture(page, { script: `mt('send', 'pageview', {}, record('pv'));` });
    const [result] = await callbacks(page, 1);
    expect(result.callback).toBe('onerror');
    expect(result.detail).toMatchObject({ ok: false, transport: 'pixel', reason: 'failed', status: 500 });
  });

  test('an endpoint that hangs: onerror with reason timeout, within the configured bound', async ({ page }) => {
    await setMode({ event: 'hang' });
    await openFixture(page, {
      script: `
        mt('config', { timeout: 1000 });
        window.sentAt = Date.now();
        mt('send', 'pageview', {}, record('pv'));`,
    });
    const [result] = await callbacks(page, 1, 4000);
    expect(result.callback).toBe('onerror');
    expect(result.detail).toMatchObject({ ok: false, reason: 'timeout' });
    const elapsed = await page.evaluate(() => Date.now() - (window as any).sentAt);
    expect(elapsed).toBeLessThan(2500);
    // The POST may have reached the server: it is not repeated by pixel (see delivery.spec.ts).
    await page.waitForTimeout(300);
    expect((await received()).map((hit) => hit.transport)).toEqual(['cors']);
    expect(await page.evaluate(() => (window as any).results.length)).toBe(1);
  });

  test('a 200 whose body is not JSON: onerror bad-response, and the hit is not sent again by pixel', async ({ page }) => {
    await setMode({ event: 'badjson' });
    await openFixture(page, { script: `mt('send', 'pageview', {}, record('pv'));` });
    const [result] = await callbacks(page, 1);
    expect(result.detail).toMatchObject({ ok: false, transport: 'cors', status: 200, reason: 'bad-response' });
    await expectExactly(1);
  });

  test('a callback that throws does not disturb other hits', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await openFixture(page, {
      script: `
        mt('send', 'pageview', {}, { onload: function () { throw new Error('host bug'); } });
        mt('send', 'event', 'still', 'works', null, null, {}, record('after'));`,
    });
    const [result] = await callbacks(page, 1);
    expect(result).toMatchObject({ name: 'after', callback: 'onload' });
    await expectExactly(2);
    // The host's own error is still reported to the page, as a listener's would be.
    expect(errors).toEqual(['host bug']);
  });
});

test.describe('events for integrations written against mtc.js', () => {
  test('mauticPageEventDelivered fires after each delivery; eventAddedToMauticQueue for each later command', async ({ page }) => {
    await page.addInitScript(() => {
      (window as any).seen = [];
      document.addEventListener('mauticPageEventDelivered', (e: any) =>
        (window as any).seen.push(['delivered', e.detail.event[1], !!e.detail.response, e.detail.image || false, e.detail.params.counter]),
      );
      document.addEventListener('eventAddedToMauticQueue', (e: any) =>
        (window as any).seen.push(['added', Array.from(e.detail).slice(0, 2).join(' ')]),
      );
    });
    await openFixture(page);
    await waitForHits(1);
    await page.evaluate(() => (window as any).mt('send', 'event', 'video', 'play'));
    await expectExactly(2);
    await expect.poll(() => page.evaluate(() => (window as any).seen.length)).toBe(3);
    expect(await page.evaluate(() => (window as any).seen)).toEqual([
      ['delivered', 'pageview', true, false, '0'],
      ['added', 'send event'],
      ['delivered', 'event', true, false, '1'],
    ]);
  });
});

test.describe('custom events', () => {
  test('the four positional values travel as event_category, event_action, event_label, event_value', async ({ page }) => {
    await openFixture(page, {
      script: `mt('send', 'event', 'newsletter', 'subscribe', 'footer', 3, { email: 'e@example.com' }, record('ev'));`,
    });
    const [result] = await callbacks(page, 1);
    expect(result.callback).toBe('onload');
    const [hit] = await expectExactly(1);
    expect(hit.params).toMatchObject({
      event_category: 'newsletter',
      event_action: 'subscribe',
      event_label: 'footer',
      event_value: '3',
      email: 'e@example.com',
    });
    // Without eventsInPageUrl the page URL is the page's own.
    expect(hit.params.page_url).toBe(await page.evaluate(() => location.href));
    expect(hit.params.page_url).not.toContain('mt_event');
  });

  test('maatoo’s documented form with empty strings works', async ({ page }) => {
    await openFixture(page, { script: `mt('send', 'event', '', '', '', '', { firstname: 'John' });` });
    const [hit] = await expectExactly(1);
    expect(hit.params).toMatchObject({ event_category: '', event_action: '', event_label: '', event_value: '', firstname: 'John' });
  });

  test('with eventsInPageUrl, Mautic’s "Visits a page" rules can match the event in page_url', async ({ page }) => {
    await page.goto(`${SITE}/fixture?script=${encodeURIComponent(`
      mt('config', { eventsInPageUrl: true });
      mt('send', 'event', 'video', 'play', 'intro video');`)}#top`);
    const [hit] = await expectExactly(1);
    expect(hit.params.page_url).toMatch(/\/fixture\?script=.+&mt_event=video\/play\/intro%20video#top$/);
    expect(hit.params.event_category).toBe('video');
  });
});

test.describe('robustness', () => {
  test('the snippet pasted twice (two bundles, two queued pageviews) sends one pageview', async ({ page }) => {
    await openFixture(page, { twice: '1', script: `mt('send', 'pageview', {}, record('pv'));` });
    const results = await callbacks(page, 2);
    expect(results.map((r) => r.callback)).toEqual(['onload', 'onload']);
    expect(results.filter((r) => r.detail.duplicate)).toHaveLength(1);
    await expectExactly(1, 1000);
    // The second bundle stood down: every later call is handled once.
    await page.evaluate(() => (window as any).mt('send', 'event', 'once', 'only'));
    await expectExactly(2);
  });

  test('bad input is ignored with a debug message and never throws; valid hits around it arrive', async ({ page }) => {
    const logs: string[] = [];
    const errors: string[] = [];
    page.on('console', (message) => logs.push(message.text()));
    page.on('pageerror', (error) => errors.push(error.message));
    await openFixture(page, {
      script: `
        mt('config', { debug: true, timeout: 'soon' });
        mt('send', 'pageview', { n: 1 });
        mt('nonsense');
        mt('send', 'pageview', 'not an object');
        mt('send', 'event', { category: 'wrong shape' });
        mt('send', 'screenview');
        mt();
        mt('send', 'pageview', { n: 2, fn: function () {} });`,
    });
    const hits = await expectExactly(2);
    expect(hits.map((hit) => hit.params.n)).toEqual(['1', '2']);
    expect(errors).toEqual([]);
    const text = logs.join('\n');
    expect(text).toContain('ignored option timeout');
    expect(text).toContain('unknown command');
    expect(text).toContain('params must be an object');
    expect(text).toContain('event needs category and action');
    expect(text).toContain('unknown hit type');
    expect(text).toContain('skipped param fn');
    expect(text).toContain('pageview delivered');
  });

  test('a bundle served from a CDN sends to the Mautic URL given by config, even when config is queued last', async ({ page }) => {
    await openFixture(page, {
      src: `${SITE}/cdn/mt.js`,
      script: `
        mt('send', 'pageview', {}, record('pv'));
        mt('config', { url: '${COLLECTOR}/' });`,
    });
    const [result] = await callbacks(page, 1);
    expect(result.detail).toMatchObject({ ok: true, transport: 'cors' });
    await expectExactly(1);
  });

  test('a tracking object renamed through MauticTrackingObject is honoured', async ({ page }) => {
    await openFixture(page, { name: 'mautic', script: `mautic('send', 'pageview', { renamed: 'yes' });` });
    const [hit] = await expectExactly(1);
    expect(hit.params.renamed).toBe('yes');
    expect(await page.evaluate(() => typeof (window as any).mt)).toBe('undefined');
  });

  test('our own snippet loads the bundle and tracks', async ({ page }) => {
    await openFixture(page, { snippet: 'ours', script: `mt('send', 'pageview', { via: 'our snippet' });` });
    const [hit] = await expectExactly(1);
    expect(hit.params.via).toBe('our snippet');
  });

  test('storage that throws does not stop tracking', async ({ page }) => {
    await page.addInitScript(() => {
      const broken = () => {
        throw new DOMException('denied', 'SecurityError');
      };
      Object.defineProperty(window, 'localStorage', { get: broken });
      Object.defineProperty(Document.prototype, 'cookie', { get: broken, set: broken });
    });
    await openFixture(page, { script: `mt('send', 'pageview', {}, record('pv'));` });
    const [result] = await callbacks(page, 1);
    expect(result.callback).toBe('onload');
    const [first] = await waitForHits(1);
    await page.evaluate(() => (window as any).mt('send', 'event', 'memory', 'only'));
    const [, second] = await expectExactly(2);
    // Without storage, the device id is kept in memory for the page's life.
    expect(second.params.mautic_device_id).toBe(first.deviceId);
  });
});

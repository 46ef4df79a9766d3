import { test, expect, type Page } from '@playwright/test';
import {
  SITE,
  callbacks,
  expectExactly,
  openFixture,
  received,
  requestsTo,
  resetCollector,
  setMode,
  STRICT_CSP,
  waitForHits,
  watchViolations,
} from './helpers';

test.beforeEach(async () => {
  await resetCollector();
});

/** Everything the page keeps on the visitor's device. */
async function storedOnDevice(page: Page) {
  return page.evaluate(() => ({
    cookie: document.cookie,
    local: Object.keys(localStorage).sort(),
    session: Object.keys(sessionStorage).sort(),
  }));
}

test.describe('consent', () => {
  test('pending: nothing on the wire, nothing stored; grant sends the held hits in order and is remembered', async ({ page }) => {
    await openFixture(page, {
      script: `
        mt('config', { requireConsent: true });
        mt('send', 'pageview', { n: 'held 1' }, record('held 1'));
        mt('send', 'event', 'cta', 'click', null, null, { n: 'held 2' });`,
    });
    const [held] = await callbacks(page, 1);
    expect(held.detail).toMatchObject({ ok: false, reason: 'no-consent', queued: true });
    await page.waitForTimeout(800);
    expect(await received()).toEqual([]);
    expect(await requestsTo('/mtc/event')).toEqual([]); // not even a preflight
    expect(await storedOnDevice(page)).toEqual({ cookie: '', local: [], session: [] });

    await page.evaluate(() => (window as any).mt('consent', 'grant'));
    const hits = await expectExactly(2);
    expect(hits.map((hit) => hit.params.n)).toEqual(['held 1', 'held 2']);
    expect((await storedOnDevice(page)).local).toContain('mautic_device_id');

    // The decision is remembered: the next page tracks at once.
    await openFixture(page, { script: `mt('config', { requireConsent: true }); mt('send', 'pageview', { n: 'next page' });` });
    await expectExactly(3);
  });

  test('deny drops the held hits; later hits report no-consent and nothing is sent', async ({ page }) => {
    await openFixture(page, {
      script: `
        mt('config', { requireConsent: true });
        mt('send', 'pageview', { n: 'held' });
        mt('consent', 'deny');
        mt('send', 'event', 'after', 'deny', null, null, {}, record('after deny'));`,
    });
    const [after] = await callbacks(page, 1);
    expect(after.detail).toMatchObject({ ok: false, reason: 'no-consent' });
    expect(after.detail.queued).toBeUndefined();
    await page.waitForTimeout(600);
    expect(await received()).toEqual([]);
    expect((await storedOnDevice(page)).cookie).toBe('');
  });

  test('revoke stops tracking and deletes the ids (storage and cookies) and the outbox', async ({ page }) => {
    await openFixture(page, { script: `mt('send', 'pageview', { n: 'before' });` });
    await waitForHits(1);
    await page.evaluate(() => (window as any).mt('send', 'event', 'second', 'hit'));
    await waitForHits(2);
    // Something in the outbox too.
    await setMode({ event: '503', retryAfter: 60 });
    await page.evaluate(() => (window as any).mt('send', 'event', 'kept', 'hit'));
    await expect.poll(async () => (await storedOnDevice(page)).local).toContain('mautic_tracker_outbox');
    const before = await storedOnDevice(page);
    expect(before.cookie).toContain('mtc_id=');
    expect(before.local).toEqual(expect.arrayContaining(['mautic_device_id', 'mtc_id']));

    await page.evaluate(() => (window as any).mt('consent', 'revoke'));
    expect(await storedOnDevice(page)).toEqual({ cookie: '', local: ['mautic_tracker_consent'], session: [] });
    await setMode({});
    await page.evaluate(() => (window as any).mt('send', 'pageview', { n: 'after revoke' }));
    await page.waitForTimeout(600);
    expect((await received()).map((hit) => hit.params.n ?? hit.params.event_category)).not.toContain('after revoke');
  });
});

test.describe('Do Not Track and Global Privacy Control', () => {
  for (const [signal, init] of [
    ['Do Not Track', () => Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1' })],
    ['Global Privacy Control', () => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true })],
  ] as const) {
    test(`${signal} suppresses hits when respected`, async ({ page }) => {
      await page.addInitScript(init);
      await openFixture(page, {
        script: `
          mt('config', { respectDoNotTrack: true });
          mt('send', 'pageview', {}, record('pv'));`,
      });
      const [result] = await callbacks(page, 1);
      expect(result.detail).toMatchObject({ ok: false, reason: 'do-not-track' });
      await page.waitForTimeout(500);
      expect(await received()).toEqual([]);
    });
  }

  test('without respectDoNotTrack the hit is sent, with do_not_track as Mautic’s script sends it', async ({ page }) => {
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1' }));
    await openFixture(page);
    const [hit] = await expectExactly(1);
    expect(hit.params.do_not_track).toBe('true');
  });
});

test.describe('storage modes', () => {
  test('storage none: no cookie, no localStorage; the device id lives in memory for the page', async ({ page }) => {
    await openFixture(page, { script: `mt('config', { storage: 'none' }); mt('send', 'pageview');` });
    const [first] = await waitForHits(1);
    await page.evaluate(() => (window as any).mt('send', 'event', 'memory', 'only'));
    const [, second] = await expectExactly(2);
    expect(second.params.mautic_device_id).toBe(first.deviceId);
    expect(await storedOnDevice(page)).toEqual({ cookie: '', local: [], session: [] });
    // A new page load is a new visitor.
    await openFixture(page, { script: `mt('config', { storage: 'none' }); mt('send', 'pageview');` });
    const [, , third] = await expectExactly(3);
    expect(third.params.mautic_device_id).toBeUndefined();
  });

  test('storage session: sessionStorage only, no cookies; the visit keeps one device id', async ({ page }) => {
    await openFixture(page, { script: `mt('config', { storage: 'session' }); mt('send', 'pageview');` });
    const [first] = await waitForHits(1);
    expect(await storedOnDevice(page)).toEqual({ cookie: '', local: [], session: ['mautic_device_id', 'mtc_id'] });
    await openFixture(page, { script: `mt('config', { storage: 'session' }); mt('send', 'pageview', { n: 2 });` });
    const [, second] = await expectExactly(2);
    expect(second.params.mautic_device_id).toBe(first.deviceId);
  });
});

test.describe('strict Content-Security-Policy and Trusted Types', () => {
  test('a script tag with data attributes tracks under script-src, connect-src, img-src and require-trusted-types-for', async ({ page }) => {
    const violations = await watchViolations(page);
    await page.goto(`${SITE}/fixture?${new URLSearchParams({ tag: '1', csp: STRICT_CSP, options: '{"debug":true}' })}`);
    const [hit] = await waitForHits(1);
    expect(hit.transport).toBe('cors');
    // And the pixel path, also allowed by img-src.
    await setMode({ event: '500' });
    await page.evaluate(() => (window as any).mt('send', 'event', 'csp', 'pixel'));
    const hits = await waitForHits(3);
    expect(hits[2].transport).toBe('pixel');
    expect(await violations()).toEqual([]);
  });

  test('the official snippet with a nonce tracks under a nonce-based policy', async ({ page }) => {
    const violations = await watchViolations(page);
    const csp = `default-src 'none'; script-src 'nonce-r4nd0m' {{COLLECTOR}}; connect-src {{COLLECTOR}}; img-src {{COLLECTOR}}`;
    await page.goto(`${SITE}/fixture?${new URLSearchParams({ nonce: 'r4nd0m', csp })}`);
    await expectExactly(1);
    expect(await violations()).toEqual([]);
  });
});

test.describe('personal data stays out of URLs', () => {
  test('a hit with contact fields is not sent by pixel when the POST fails; it is kept for a retry', async ({ page }) => {
    await setMode({ event: '500', times: 1 });
    await openFixture(page, { script: `mt('send', 'pageview', { email: 'jane@example.com' }, record('pv'));` });
    const [result] = await callbacks(page, 1);
    expect(result.detail).toMatchObject({ ok: false, reason: 'failed', queued: true, status: 500 });
    const hits = await waitForHits(2, 5000); // the retry, by POST
    expect(hits.map((hit) => [hit.transport, hit.answered])).toEqual([
      ['cors', 500],
      ['cors', 200],
    ]);
    expect(hits[1].params.email).toBe('jane@example.com');
  });

  test('pixelForPersonalData: true allows the pixel for them', async ({ page }) => {
    await setMode({ event: '500' });
    await openFixture(page, {
      script: `mt('config', { pixelForPersonalData: true }); mt('send', 'pageview', { email: 'jane@example.com' }, record('pv'));`,
    });
    const [result] = await callbacks(page, 1);
    expect(result.detail).toMatchObject({ ok: true, transport: 'pixel' });
  });
});

test.describe('hostile input', () => {
  test('window, document and a real click event in params: only data is sent, and debug names what was skipped', async ({ page }) => {
    const logs: string[] = [];
    page.on('console', (message) => logs.push(message.text()));
    await openFixture(page, { script: `mt('config', { debug: true }); localStorage.setItem('site-secret', 'private value');` });
    await page.evaluate(() => {
      // A same-origin iframe is another realm: its plain objects and Dates are data, its window is not.
      const other = document.body.appendChild(document.createElement('iframe')).contentWindow as any;
      document.addEventListener(
        'click',
        (event) =>
          (window as any).mt('send', 'event', 'ui', 'click', {
            w: window,
            d: document,
            ev: event,
            frame: other,
            fromFrame: other.JSON.parse('{"size":"L"}'),
            since: new other.Date(0),
            plan: 'pro',
          }),
        { once: true },
      );
    });
    await page.click('h1');
    const [hit] = await expectExactly(1);
    const keys = hit.pairs.map(([key]) => key);
    expect(keys.slice(keys.indexOf('event_action') + 1)).toEqual(['fromFrame[size]', 'since', 'plan']);
    expect(hit.params).toMatchObject({ 'fromFrame[size]': 'L', since: '1970-01-01T00:00:00.000Z', plan: 'pro' });
    expect(JSON.stringify(hit.pairs)).not.toContain('private value');
    const text = logs.join('\n');
    expect(text).toContain('event: skipped param w (not plain data (Window))');
    expect(text).toContain('event: skipped param d (not plain data (HTMLDocument))');
    expect(text).toContain('event: skipped param ev (not plain data (PointerEvent))');
    expect(text).toContain('event: skipped param frame (not plain data (Window))');
  });
});

import { test, expect } from '@playwright/test';
import {
  SITE,
  callbacks,
  expectExactly,
  openFixture,
  received,
  resetCollector,
  setMode,
  waitForHits,
  recorded,
  expectEachOnce,
  storedOutbox,
} from './helpers';

test.beforeEach(async () => {
  await resetCollector();
});

test.describe('a slow Mautic (answers after seconds, as a busy server does)', () => {
  for (const delay of [3500, 10_000]) {
    test(`answers after ${delay / 1000} s: each hit recorded exactly once, no pixel, one callback each, late answers still read`, async ({ page }) => {
      test.setTimeout(delay * 2 + 20_000);
      await setMode({ delay });
      await page.addInitScript(() => {
        (window as any).delivered = 0;
        document.addEventListener('mauticPageEventDelivered', () => (window as any).delivered++);
      });
      // Default options: the 3 s callback timeout is shorter than the answer.
      await openFixture(page, {
        script: `
          mt('send', 'pageview', { n: 'pageview' }, record('pageview'));
          mt('send', 'event', 'video', 'play', null, null, { n: 'queued event' }, record('queued event'));`,
      });
      await page.waitForTimeout(1000); // the pageview is in flight
      await page.evaluate(() => (window as any).mt('send', 'event', 'video', 'pause', null, null, { n: 'event made in flight' }, (window as any).record('event made in flight')));

      const hits = await waitForHits(3, delay * 2 + 5000);
      await page.waitForTimeout(1500); // anything sent twice would arrive by now
      const all = await received();
      expectEachOnce(all, ['pageview', 'queued event', 'event made in flight']);
      expect(all.map((hit) => hit.transport)).toEqual(['cors', 'cors', 'cors']);
      // The events waited for the first answer and went with its device id: one contact.
      expect(new Set(all.map((hit) => hit.contactId))).toEqual(new Set([hits[0].contactId]));
      expect(all[1].params.mautic_device_id).toBe(hits[0].deviceId);
      expect(all[2].params.mautic_device_id).toBe(hits[0].deviceId);

      // Exactly one callback per command: the timeout bounded it; the late answer did not add one.
      const results = await callbacks(page, 3);
      expect(results).toHaveLength(3);
      expect(results.map((result) => [result.name, result.callback, result.detail.reason])).toEqual([
        ['pageview', 'onerror', 'timeout'],
        ['queued event', 'onerror', 'timeout'],
        ['event made in flight', 'onerror', 'timeout'],
      ]);
      // The late answers were read: ids kept, integrations told.
      await expect.poll(() => page.evaluate(() => (window as any).delivered)).toBe(3);
      expect(await page.evaluate(() => localStorage.getItem('mautic_device_id'))).toBe(hits[0].deviceId);
      expect(await storedOutbox(page)).toMatchObject({ length: 0 });
    });
  }

  test('an endpoint that never answers: the hit is sent once and not repeated by pixel or retry', async ({ page }) => {
    await setMode({ event: 'hang' });
    await openFixture(page, { script: `mt('config', { timeout: 1000 }); mt('send', 'pageview', { n: 'hung' }, record('pv'));` });
    const [result] = await callbacks(page, 1, 4000);
    expect(result.detail).toMatchObject({ ok: false, reason: 'timeout' });
    await page.waitForTimeout(2500);
    const hits = await received();
    expect(hits.map((hit) => hit.transport)).toEqual(['cors']);
    expect(await storedOutbox(page)).toMatchObject({ length: 0 });
  });
});

test.describe('navigation and unload', () => {
  test('an event sent on a link click that navigates away still arrives (keepalive), even from a far-away server', async ({ page }) => {
    await openFixture(page, {
      script: `
        mt('send', 'pageview', { n: 'landing pageview' });
        document.addEventListener('click', (e) => {
          if (e.target.id === 'away') mt('send', 'event', 'outbound', 'click', e.target.href, null, { n: 'click' });
        });`,
    });
    await waitForHits(1);
    await setMode({ preflightDelay: 400, delay: 200 }); // the preflight alone outlasts the navigation
    await page.click('#away');
    await page.waitForURL('**/landing');
    const hits = await expectExactly(2, 1200);
    expectEachOnce(hits, ['landing pageview', 'click']);
    expect(hits[1].params.event_category).toBe('outbound');
  });

  test('a pageview sent right before the tab is closed arrives', async ({ context }) => {
    const page = await context.newPage();
    await setMode({ preflightDelay: 300 });
    await openFixture(page, { script: `mt('send', 'pageview', { n: 'last words' });` });
    await page.close();
    const hits = await expectExactly(1, 1200);
    expectEachOnce(hits, ['last words']);
  });

  test('hits still waiting behind the first hit at unload are kept, and the next page sends them first', async ({ page }) => {
    await setMode({ delay: 800 }); // the first answer (the device id) comes late
    await openFixture(page, {
      script: `
        mt('send', 'pageview', { n: 'first' });
        mt('send', 'event', 'wait', 'ing', null, null, { n: 'waiting 1' });
        mt('send', 'event', 'wait', 'ing', null, null, { n: 'waiting 2' });`,
    });
    await page.waitForTimeout(100);
    await openFixture(page, { script: `mt('send', 'pageview', { n: 'next page' });` }); // navigates away
    const hits = await expectExactly(4, 2500);
    expectEachOnce(hits, ['first', 'waiting 1', 'waiting 2', 'next page']);
    // Kept hits keep their own page context and go before the new page's own hit.
    const order = hits.map((hit) => hit.params.n);
    expect(order.indexOf('waiting 1')).toBeLessThan(order.indexOf('next page'));
    expect(hits.find((hit) => hit.params.n === 'waiting 2')!.params.counter).toBe('2');
    // The kept hits and the next page's hit are one visitor. (The first hit's answer came after the
    // unload, so its device id never reached the page: with third-party cookies blocked, as here, the
    // server cannot tell that 'first' was the same visitor. README: "Delivery".)
    const later = hits.filter((hit) => hit.params.n !== 'first');
    expect(new Set(later.map((hit) => hit.contactId)).size).toBe(1);
    expect(await storedOutbox(page)).toEqual({ length: 0, bytes: 0 });
  });
});

test.describe('retries', () => {
  test('offline for a while, then online: every hit arrives once, in order, with its original context', async ({ page, context }) => {
    await openFixture(page, { script: `mt('send', 'pageview', { n: 'online' });` });
    await waitForHits(1);
    await context.setOffline(true);
    await page.evaluate(() => {
      const w = window as any;
      for (const n of [1, 2, 3]) w.mt('send', 'event', 'offline', 'tap', null, null, { n: 'offline ' + n }, w.record('offline ' + n));
    });
    const results = await callbacks(page, 3);
    expect(results.map((r) => [r.callback, r.detail.reason, r.detail.queued])).toEqual([
      ['onerror', 'offline', true],
      ['onerror', 'offline', true],
      ['onerror', 'offline', true],
    ]);
    expect((await storedOutbox(page)).length).toBe(3);
    await page.waitForTimeout(1200); // past the first backoff
    expect(await received()).toHaveLength(1);
    await context.setOffline(false);
    const hits = await expectExactly(4, 1500);
    expectEachOnce(hits, ['online', 'offline 1', 'offline 2', 'offline 3']);
    expect(hits.slice(1).map((hit) => hit.params.counter)).toEqual(['1', '2', '3']);
    // Exactly one callback each: queued hits never run onload later.
    expect(await page.evaluate(() => (window as any).results.length)).toBe(3);
  });

  test('the collector down for a while, then a reload after it recovered: kept hits are sent once', async ({ page }) => {
    await setMode({ event: '500', pixel: '500' });
    await openFixture(page, {
      script: `
        mt('send', 'pageview', { n: 'down 1' }, record('down 1'));
        mt('send', 'event', 'x', 'y', null, null, { n: 'down 2' });`,
    });
    const [result] = await callbacks(page, 1);
    expect(result.detail).toMatchObject({ ok: false, reason: 'failed', queued: true });
    await expect.poll(async () => (await storedOutbox(page)).length).toBe(2);
    await setMode({});
    await openFixture(page, { script: `mt('send', 'pageview', { n: 'after recovery' });` });
    await expect.poll(async () => recorded(await received()).length, { timeout: 8000 }).toBe(3);
    await page.waitForTimeout(1500);
    expectEachOnce(await received(), ['down 1', 'down 2', 'after recovery']);
    expect(await storedOutbox(page)).toEqual({ length: 0, bytes: 0 });
  });

  test('a burst of 503s: retried with backoff until it passes, never through the pixel', async ({ page }) => {
    await setMode({ event: '503', times: 3, retryAfter: 0 });
    await openFixture(page, { script: `mt('send', 'pageview', { n: 'busy' }, record('busy'));` });
    const [result] = await callbacks(page, 1);
    expect(result.detail).toMatchObject({ reason: 'unavailable', status: 503, queued: true });
    const hits = await waitForHits(4, 15_000);
    expect(hits.map((hit) => [hit.transport, hit.answered])).toEqual([
      ['cors', 503],
      ['cors', 503],
      ['cors', 503],
      ['cors', 200],
    ]);
    expectEachOnce(await expectExactly(4), ['busy']);
    // Backoff: the gaps grow.
    const gaps = hits.slice(1).map((hit, i) => (hit as any).at - (hits[i] as any).at);
    expect(gaps[1]).toBeGreaterThan(gaps[0] * 0.9);
  });

  test('429 with Retry-After: 2 — the next attempt waits two seconds', async ({ page }) => {
    await setMode({ event: '429', times: 1, retryAfter: 2 });
    await openFixture(page, { script: `mt('send', 'pageview', { n: 'throttled' }, record('throttled'));` });
    const [result] = await callbacks(page, 1);
    expect(result.detail).toMatchObject({ reason: 'unavailable', status: 429, retryAfter: 2000, queued: true });
    const hits = await waitForHits(2, 6000);
    expect((hits[1] as any).at - (hits[0] as any).at).toBeGreaterThanOrEqual(1900);
    expect(hits.map((hit) => hit.transport)).toEqual(['cors', 'cors']);
    expectEachOnce(await expectExactly(2), ['throttled']);
  });

  test('an endpoint blocked for hundreds of hits: storage stays within the bounds, drops are logged', async ({ page }) => {
    test.setTimeout(70_000);
    const logs: string[] = [];
    page.on('console', (message) => logs.push(message.text()));
    await setMode({ event: '500', pixel: '500' });
    await openFixture(page, {
      script: `
        mt('config', { debug: true, timeout: 500 });
        for (let i = 0; i < 300; i++) mt('send', 'event', 'spam', 'click', null, null, { n: 'blocked ' + i, filler: 'x'.repeat(200) });`,
    });
    // Hits go one at a time (no device id ever arrives): a busy machine needs a while for 300.
    await expect.poll(() => logs.filter((line) => line.includes('outbox: dropped')).length, { timeout: 50_000 }).toBeGreaterThan(150);
    const outbox = await storedOutbox(page);
    test.info().annotations.push({ type: 'delivery', description: `stored ${outbox.length} hits, ${outbox.bytes} bytes` });
    expect(outbox.length).toBeLessThanOrEqual(100);
    expect(outbox.bytes).toBeLessThanOrEqual(65_536);
    expect(logs.some((line) => /outbox: dropped a event: outbox full/.test(line))).toBe(true);
  });
});

test.describe('several tabs', () => {
  test('two tabs opened together share the stored hits: each is delivered exactly once', async ({ context }) => {
    const first = await context.newPage();
    await setMode({ event: '500', pixel: '500' });
    await openFixture(first, {
      script: `for (let i = 1; i <= 5; i++) mt('send', 'event', 'tab', 'stored', null, null, { n: 'stored ' + i });`,
    });
    await expect.poll(async () => (await storedOutbox(first)).length).toBe(5);
    await first.close();
    await setMode({ delay: 150 });
    await resetCollector();
    await setMode({ delay: 150 });
    const [a, b] = [await context.newPage(), await context.newPage()];
    await Promise.all([
      openFixture(a, { script: `mt('send', 'pageview', { n: 'tab A' });` }),
      openFixture(b, { script: `mt('send', 'pageview', { n: 'tab B' });` }),
    ]);
    await expect.poll(async () => recorded(await received()).length, { timeout: 8000 }).toBeGreaterThanOrEqual(7);
    await a.waitForTimeout(2000);
    expectEachOnce(await received(), ['stored 1', 'stored 2', 'stored 3', 'stored 4', 'stored 5', 'tab A', 'tab B']);
  });
});

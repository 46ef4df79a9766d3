import { test, expect } from '@playwright/test';
import { launchOptions } from './chromium';
import {
  SITE,
  expectEachOnce,
  expectExactly,
  openFixture,
  received,
  recorded,
  resetCollector,
  setMode,
  storedOutbox,
  waitForHits,
} from './helpers';

// Playwright turns the back/forward cache off by default; these tests need it on.
test.use({ launchOptions: { ...launchOptions, ignoreDefaultArgs: ['--disable-back-forward-cache'] } });

test.beforeEach(async () => {
  await resetCollector();
});

test('a page restored from the bfcache sends what it kept once and repeats nothing', async ({ page }) => {
  await openFixture(page, {
    script: `
      addEventListener('pageshow', (e) => { window.restored = e.persisted; });
      mt('send', 'pageview', { n: 'before' });`,
  });
  await waitForHits(1);
  // A hit the server asks to retry later is kept in the outbox when the visitor leaves.
  await setMode({ event: '503', retryAfter: 1 });
  await page.evaluate(() => (window as any).mt('send', 'event', 'kept', 'for later', null, null, { n: 'kept' }, (window as any).record('kept')));
  await expect.poll(async () => (await storedOutbox(page)).length).toBe(1);
  await setMode({});
  await page.goto(`${SITE}/landing`);
  await page.waitForTimeout(1500);
  await page.goBack({ waitUntil: 'commit' });
  await expect.poll(() => page.evaluate(() => (window as any).restored)).toBe(true);
  await expect.poll(async () => recorded(await received()).length).toBe(2);
  await page.evaluate(() => (window as any).mt('send', 'event', 'after', 'restore', null, null, { n: 'after restore' }));
  const hits = await expectExactly(4, 1500); // before, kept (503), kept (200), after restore
  expectEachOnce(hits, ['before', 'kept', 'after restore']);
  expect(await storedOutbox(page)).toEqual({ length: 0, bytes: 0 });
  // The restored page did not send its pageview again.
  expect(hits.filter((hit) => hit.params.n === 'before')).toHaveLength(1);
});

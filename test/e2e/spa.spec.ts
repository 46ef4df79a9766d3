import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { startCollector } from '../../demo/collector.mjs';
import { COLLECTOR, SITE, expectExactly, openFixture, received, resetCollector, waitForHits, type ReceivedHit } from './helpers';

test.beforeEach(async () => {
  await resetCollector();
});

const SITE_HOST = new URL(SITE).host;
const view = (hit: ReceivedHit) => [new URL(hit.params.page_url).pathname + new URL(hit.params.page_url).search + new URL(hit.params.page_url).hash, hit.params.page_title, hit.params.page_referrer];

async function navigate(page: Page, selector: string, expectedHits: number) {
  await page.click(selector);
  return waitForHits(expectedHits);
}

test.describe('a single-page app with autoPageviews (npm build)', () => {
  test('one pageview per real navigation: push, replace, back/forward; the title of the new route; the previous route as referrer', async ({ page }) => {
    await page.goto(`${SITE}/spa/`, { referer: 'https://www.search.example/?q=spa' });
    const [first] = await waitForHits(1);
    expect(view(first)).toEqual(['/spa/', 'Home · SPA demo', 'www.search.example']);

    const [, pricing] = await navigate(page, 'text=Pricing', 2);
    expect(view(pricing)).toEqual(['/spa/pricing', 'Pricing · SPA demo', SITE_HOST]);

    const [, , about] = await navigate(page, 'text=About', 3);
    expect(view(about)).toEqual(['/spa/about?team=1', 'About · SPA demo', SITE_HOST]);

    // replaceState to the same URL is no navigation.
    await page.click('#replace-same');
    await page.waitForTimeout(400);
    expect(await received()).toHaveLength(3);

    const [, , , contact] = await navigate(page, '#replace-contact', 4);
    expect(view(contact)).toEqual(['/spa/contact', 'Contact · SPA demo', SITE_HOST]);

    await page.goBack(); // replaceState replaced /about?team=1: back goes to /pricing
    const [, , , , back] = await waitForHits(5);
    expect(view(back)[0]).toBe('/spa/pricing');
    await page.goForward();
    const [, , , , , forward] = await waitForHits(6);
    expect(view(forward)[0]).toBe('/spa/contact');

    // A fragment change alone is no navigation without hashRouting.
    await page.click('#hash-link');
    const hits = await expectExactly(6, 500);
    expect(hits.map((hit) => hit.params.counter)).toEqual(['0', '1', '2', '3', '4', '5']);
  });

  test('a manual pageview and the automatic one never double count', async ({ page }) => {
    await page.goto(`${SITE}/spa/`);
    await waitForHits(1);
    // Identify on the current route: sent (it carries contact fields), and no automatic duplicate.
    await page.click('#manual');
    await page.waitForTimeout(300);
    // A manual pageview right after a push of the same URL replaces the automatic one.
    await page.evaluate(() => {
      history.pushState(null, '', '/spa/pricing');
      (window as any).tracker.pageview({ source: 'router hook' });
    });
    const hits = await expectExactly(3, 600);
    expect(hits.map((hit) => [view(hit)[0], hit.params.email ?? hit.params.source ?? ''])).toEqual([
      ['/spa/', ''],
      ['/spa/', 'spa@example.com'],
      ['/spa/pricing', 'router hook'],
    ]);
  });

  test('created twice (React StrictMode, a remounting layout, hot reload): one pageview per navigation', async ({ page }) => {
    await page.goto(`${SITE}/spa/?twice=1`);
    await waitForHits(1);
    await page.click('text=Pricing');
    await expectExactly(2);
    // Hot reload: the module is evaluated again and the app creates its tracker again.
    const same = await page.evaluate(async (url) => {
      const reloaded = await import('/pkg/index.js?hot-reload=1');
      return reloaded.createTracker({ url, autoPageviews: true }) === (window as any).tracker;
    }, COLLECTOR);
    expect(same).toBe(true);
    await navigate(page, 'text=About', 3);
    const hits = await expectExactly(3, 600);
    expect(hits.map((hit) => view(hit)[0])).toEqual(['/spa/?twice=1', '/spa/pricing', '/spa/about?team=1']);
  });

  test('with hashRouting, a change of fragment is a navigation', async ({ page }) => {
    await page.goto(`${SITE}/spa/?hash=1`);
    await waitForHits(1);
    await page.click('#hash-link');
    const [, hashed] = await expectExactly(2);
    expect(view(hashed)[0]).toBe('/spa/?hash=1#details');
  });
});

test.describe('two Mautic instances on one page', () => {
  test('two trackers are independent: each its endpoint, ids, counter and storage', async ({ page }) => {
    const other = await startCollector({ host: 'localhost', allowedOrigins: [SITE] });
    try {
      await openFixture(page, {
        snippet: 'none',
        module: '1',
        script: `
          import { createTracker } from '/pkg/index.js';
          const main = createTracker({ url: '${COLLECTOR}' });
          const second = createTracker({ url: '${other.url}', name: 'second' });
          await Promise.all([main.pageview({ n: 'main 1' }), second.pageview({ n: 'second 1' })]);
          await Promise.all([main.event('c', 'a', null, null, { n: 'main 2' }), second.event('c', 'a', null, null, { n: 'second 2' })]);
          window.done = true;`,
      });
      await page.waitForFunction(() => (window as any).done, null, { timeout: 8000 });
      const mine = await expectExactly(2);
      const theirs = other.state.hits as ReceivedHit[];
      expect(mine.map((hit) => hit.params.n)).toEqual(['main 1', 'main 2']);
      expect(theirs.map((hit) => hit.params.n)).toEqual(['second 1', 'second 2']);
      // Each instance's own device id, counter and contact.
      expect(mine[1].params.mautic_device_id).toBe(mine[0].deviceId);
      expect(theirs[1].params.mautic_device_id).toBe(theirs[0].deviceId);
      expect(mine[0].deviceId).not.toBe(theirs[0].deviceId);
      expect([mine[1].params.counter, theirs[1].params.counter]).toEqual(['1', '1']);
      const stored = await page.evaluate(() => [localStorage.getItem('mautic_device_id'), localStorage.getItem('mautic_device_id_second')]);
      expect(stored).toEqual([mine[0].deviceId, theirs[0].deviceId]);
    } finally {
      await other.close();
    }
  });
});

test.describe('the published package', () => {
  test('the packed tarball’s ESM entry, imported by a page, tracks', async ({ page }) => {
    // npm pack exactly what would be published (dist/ is built: npm test builds first), unpack it where the site serves /tarball/.
    rmSync('test-results/pack', { recursive: true, force: true });
    mkdirSync('test-results/pack', { recursive: true });
    const [{ filename }] = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', 'test-results/pack'], { encoding: 'utf8' }),
    );
    execFileSync('tar', ['-xzf', `test-results/pack/${filename}`, '-C', 'test-results/pack']);
    await page.goto(`${SITE}/spa/?pkg=tarball`);
    const [hit] = await expectExactly(1);
    expect(view(hit)).toEqual(['/spa/?pkg=tarball', 'Home · SPA demo', '']);
  });
});

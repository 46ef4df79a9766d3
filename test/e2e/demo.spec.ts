import { expect, test, type Page } from '@playwright/test';
import { COLLECTOR, SITE, received, resetCollector, waitForHits } from './helpers';

// The demo page (demo/index.html) as a person uses it: it must tell the truth about what the
// collector does and what the tracker on the page does.

test.beforeEach(resetCollector);

/** Opens the demo page and waits until its pageview was answered and its slots were filled. */
async function openDemo(page: Page): Promise<void> {
  await page.goto(`${SITE}/`);
  await expect(page.locator('#callbacks')).toContainText('pageview: onload');
  await expect(page.locator('.mautic-slot').filter({ hasText: 'Fallback' })).toHaveCount(0);
}

/** The entries of the live view ("What the collector received"). */
const liveEntries = (page: Page) => page.locator('#hits > *');

/** The mode the collector itself says it is in. */
async function collectorMode(): Promise<{ event: string }> {
  return (await fetch(`${COLLECTOR}/__mode`)).json();
}

/** A hit sent straight to the collector, as another visitor's browser would. */
async function hitFromElsewhere(n: number): Promise<void> {
  await fetch(`${COLLECTOR}/mtc/event`, { method: 'POST', body: `n=${n}&page_url=${encodeURIComponent(`https://elsewhere.example/${n}`)}` });
}

test.describe('the demo page', () => {
  test('loads with no error in the console and no failed request (favicon, slot content and all)', async ({ page }) => {
    const problems: string[] = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
    page.on('response', (response) => response.status() >= 400 && problems.push(`${response.status()}: ${response.url()}`));
    await openDemo(page);
    await expect(page.locator('#hero-content')).toBeVisible();
    await page.waitForTimeout(500);
    expect(problems).toEqual([]);
  });

  test('the failure mode a visitor chose is still chosen, and shown, after a reload', async ({ page }) => {
    await openDemo(page);
    await page.selectOption('#mode', '500');
    await expect(page.locator('#mode-now')).toContainText('500');
    expect((await collectorMode()).event).toBe('500');
    await page.reload();
    await expect(page.locator('#mode-now')).toContainText('500');
    await expect(page.locator('#mode')).toHaveValue('500');
  });

  test('reset puts everything back: normal answers, no old hits, a new visitor', async ({ page }) => {
    await openDemo(page);
    const visitorBefore = await page.evaluate(() => localStorage.getItem('mautic_device_id'));
    await page.selectOption('#mode', '503');
    await expect(page.locator('#mode-now')).toContainText('503');
    await page.reload();
    await expect(page.locator('#mode')).toHaveValue('503');
    await expect(page.locator('#reset')).toBeVisible();
    await expect(page.locator('#switch')).toContainText('Reset'); // says what it resets
    await page.click('#reset');
    await expect(page.locator('#mode')).toHaveValue('ok');
    await expect(page.locator('#mode-now')).toContainText('normal');
    expect((await collectorMode()).event).toBe('ok');
    const [pageview] = await waitForHits(1);
    expect(pageview.transport).toBe('cors');
    expect(pageview.answered).toBe(200);
    expect(pageview.params.mautic_device_id, 'the new page forgot the old device id').toBeUndefined();
    await expect(liveEntries(page)).toHaveCount(1);
    await expect.poll(() => page.evaluate(() => localStorage.getItem('mautic_device_id'))).not.toBe(visitorBefore);
  });

  test('after "CORS refused" the page says the tracker sends by pixel until reload, and it does', async ({ page }) => {
    await openDemo(page);
    await expect(page.locator('#pixel-only')).toBeHidden();
    await page.selectOption('#mode', 'cors');
    await expect(page.locator('#mode-now')).toContainText('CORS refused');
    await page.click('#send-event');
    await expect(page.locator('#pixel-only')).toBeVisible();
    await expect(page.locator('#pixel-only')).toContainText('pixel-only until reload', { ignoreCase: true });

    // Back to normal answers: the tracker stays on the pixel, and the notice says why.
    await page.selectOption('#mode', 'ok');
    await expect(page.locator('#mode-now')).toContainText('normal');
    const before = (await received()).length;
    await page.click('#send-event');
    const hits = await waitForHits(before + 1);
    expect(hits[before].transport).toBe('pixel');
    await expect(page.locator('#pixel-only')).toBeVisible();

    // A reload starts over on CORS.
    await page.reload();
    await expect(liveEntries(page).first()).toContainText('cors');
    await expect(page.locator('#pixel-only')).toBeHidden();
  });

  test('the live view shows the last 50 hits, newest first, each folded', async ({ page }) => {
    await openDemo(page);
    for (let n = 1; n <= 55; n++) await hitFromElsewhere(n);
    const newest = (await waitForHits(56)).length;
    await expect(liveEntries(page)).toHaveCount(50);
    await expect(liveEntries(page).first()).toContainText(`#${newest}`);
    const seqs = await liveEntries(page).evaluateAll((items) => items.map((item) => Number((item as HTMLElement).dataset.seq)));
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => newest - i));
    await expect(liveEntries(page).locator('details')).toHaveCount(50);
    await expect(liveEntries(page).locator('details[open]')).toHaveCount(0);

    // A reload shows the same last 50 (and the new pageview on top).
    await page.reload();
    await expect(liveEntries(page).first()).toContainText(`#${newest + 1}`);
    await expect(liveEntries(page)).toHaveCount(50);
  });

  test('on a phone (390 px wide) the page never scrolls sideways', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openDemo(page);
    const widths = () => page.evaluate(() => ({ document: document.documentElement.scrollWidth, viewport: innerWidth }));
    let now = await widths();
    expect(now.document).toBeLessThanOrEqual(now.viewport);
    await page.locator('#hits summary').first().click(); // a hit's params unfolded
    await page.waitForTimeout(300);
    now = await widths();
    expect(now.document).toBeLessThanOrEqual(now.viewport);
  });

  test('the hostile slot sample says what it is and shows what the clean-up removed', async ({ page }) => {
    await openDemo(page);
    await expect(page.locator('#hostile-text')).toBeVisible();
    await expect(page.locator('#hostile-served')).toContainText('<script>window.pwned');
    await expect(page.locator('#hostile-inserted')).toContainText('hostile-text');
    await expect(page.locator('#hostile-inserted')).not.toContainText('<script');
    await expect(page.locator('#hostile-inserted')).not.toContainText('onerror');
    await expect(page.locator('#hostile-removed')).toContainText('<script>');
    await expect(page.locator('#hostile-removed')).toContainText('onerror on <img>');
    await expect(page.locator('#sample-ran')).toHaveText('no');
    // Nothing left in it that submits or reloads the page.
    await expect(page.locator('[data-slot-name="hostile"]').locator('button, form, input, a[href]')).toHaveCount(0);
    expect(await page.evaluate(() => (window as any).pwned)).toBeUndefined();
  });
});

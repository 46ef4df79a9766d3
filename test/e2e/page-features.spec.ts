import { test, expect, type Page } from '@playwright/test';
import {
  COLLECTOR,
  SAME_SITE,
  SITE,
  STRICT_CSP,
  openFixture,
  resetCollector,
  setMode,
  waitForHits,
  watchViolations,
} from './helpers';

const FULL = `${COLLECTOR}/mt.full.js`;

test.beforeEach(async () => {
  await resetCollector();
});

interface SlotRequest {
  slot: string;
  params: Record<string, string>;
  at: number;
}

async function slotRequests(): Promise<SlotRequest[]> {
  return (await fetch(`${COLLECTOR}/__slots`)).json();
}

const text = (page: Page, selector: string) => page.locator(selector).first().innerText();

test.describe('dynamic web content (dist/mt.full.js)', () => {
  test('a new visitor’s slots wait for the first answer (one contact); a known visitor’s go in parallel with the hit', async ({ page }) => {
    await openFixture(page, { src: FULL, slots: 'hero,empty,sidebar', script: `mt('send', 'pageview', { n: 'first' });` });
    await expect(page.locator('#hero-content')).toHaveText(/Welcome back, contact \d+/);
    await expect(page.locator('[data-slot-name="empty"]')).toHaveText('fallback empty');
    await expect(page.locator('[data-slot-name="sidebar"]')).toContainText('slot sidebar for');
    const [first] = await waitForHits(1);
    const slots = await slotRequests();
    expect(slots.map((s) => s.slot).sort()).toEqual(['empty', 'hero', 'sidebar']);
    // Same params as the hit, with the device id its answer brought: the same contact.
    expect(slots.every((s) => s.params.page_url === first.params.page_url && s.params.mautic_device_id === first.deviceId)).toBe(true);
    await expect(page.locator('#hero-content')).toHaveText(`Welcome back, contact ${first.contactId}`);

    // Another pageview of the same URL does not fetch the slots again.
    await page.evaluate(() => (window as any).mt('send', 'pageview', { n: 'again' }));
    await waitForHits(2);
    await page.waitForTimeout(300);
    expect(await slotRequests()).toHaveLength(3);

    // A known visitor: slot requests go out with the pageview, not after its (slow) answer.
    await setMode({ delay: 800 });
    await page.reload();
    await expect(page.locator('#hero-content')).toHaveText(`Welcome back, contact ${first.contactId}`);
    const [, , third] = await waitForHits(3);
    const again = (await slotRequests()).slice(3);
    expect(again).toHaveLength(3);
    for (const request of again) expect(request.at).toBeLessThan(third.at + 800);
  });

  test('a slot added to the page later is filled; filled slots are not asked for again', async ({ page }) => {
    await openFixture(page, { src: FULL, slots: 'hero' });
    await expect(page.locator('#hero-content')).toBeVisible();
    await page.evaluate(() => {
      const late = document.createElement('div');
      late.setAttribute('data-slot', 'dwc');
      late.setAttribute('data-param-slot-name', 'late');
      late.textContent = 'fallback late';
      document.body.append(late);
    });
    await expect(page.locator('[data-param-slot-name="late"]')).toContainText('slot late for');
    expect((await slotRequests()).map((s) => s.slot)).toEqual(['hero', 'late']);
  });

  test('after an SPA navigation, slots are filled again for the new URL', async ({ page }) => {
    await openFixture(page, {
      src: FULL,
      slots: 'sidebar',
      script: `mt('config', { autoPageviews: true }); mt('send', 'pageview');`,
    });
    await expect(page.locator('[data-slot-name="sidebar"]')).toContainText('/fixture');
    await page.evaluate(() => history.pushState(null, '', '/fixture/pricing'));
    await expect(page.locator('[data-slot-name="sidebar"]')).toContainText('/fixture/pricing');
    expect((await slotRequests()).map((s) => new URL(s.params.page_url).pathname)).toEqual(['/fixture', '/fixture/pricing']);
  });

  test('malicious content is neutralised by the default clean-up; Mautic form scripts still run', async ({ page }) => {
    const foreign: string[] = [];
    page.on('request', (request) => request.url().includes('evil.example') && foreign.push(request.url()));
    await openFixture(page, { src: FULL, slots: 'evil,form' });
    await expect(page.locator('#evil-text')).toHaveText('Special offer');
    await expect.poll(() => page.evaluate(() => (window as any).formLoaded)).toBe(true);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as any).pwned)).toBeUndefined();
    const slot = page.locator('[data-slot-name="evil"]');
    expect(await slot.locator('script, iframe').count()).toBe(0);
    expect(await page.locator('#evil-img').getAttribute('onerror')).toBeNull();
    expect(await page.locator('#evil-link').getAttribute('href')).toBeNull();
    expect(await page.locator('#evil-form').getAttribute('action')).toBeNull();
    await page.locator('#evil-link').click();
    expect(await page.evaluate(() => (window as any).pwned)).toBeUndefined();
    expect(foreign.filter((url) => !url.endsWith('/x'))).toEqual([]);
  });

  test('the site’s sanitizeContent hook sees the HTML first', async ({ page }) => {
    await openFixture(page, {
      src: FULL,
      slots: 'hero',
      script: `mt('config', { sanitizeContent: (html) => html.replace('Welcome back', 'Hello again') }); mt('send', 'pageview');`,
    });
    await expect(page.locator('#hero-content')).toHaveText(/Hello again, contact/);
  });
});

test.describe('campaign events in answers', () => {
  test('a focus item’s script loads once per id, only from the Mautic host; other events reach integrators', async ({ page }) => {
    const foreign: string[] = [];
    page.on('request', (request) => request.url().includes('evil.example') && foreign.push(request.url()));
    await setMode({ focus: true });
    await page.addInitScript(() => {
      (window as any).campaignEvents = [];
      document.addEventListener('mauticPageEventDelivered', (e: any) =>
        (window as any).campaignEvents.push(Object.keys(e.detail.response.events || {})),
      );
    });
    await openFixture(page, { src: FULL });
    await waitForHits(1);
    await page.evaluate(() => (window as any).mt('send', 'event', 'second', 'answer'));
    await waitForHits(2);
    await expect.poll(() => page.evaluate(() => (window as any).focusLoads)).toBe(1);
    await page.waitForTimeout(400);
    expect(await page.evaluate(() => (window as any).focusLoads)).toBe(1); // not once per answer
    expect(foreign).toEqual([]);
    expect(await page.evaluate(() => (window as any).campaignEvents)).toEqual([
      ['focus_item', 'custom_campaign_action'],
      ['focus_item', 'custom_campaign_action'],
    ]);
  });
});

test.describe('the contact after a pixel hit', () => {
  test('when the POST fails and the pixel records the hit, the contact and device ids are asked once from /mtc', async ({ page }) => {
    await setMode({ event: '500' });
    await openFixture(page, { src: FULL }, SAME_SITE); // Mautic on the same site: its cookie identifies the visitor
    const [, hit] = await waitForHits(2);
    expect(hit.transport).toBe('pixel');
    await setMode({});
    await expect.poll(() => page.evaluate(() => localStorage.getItem('mautic_device_id'))).toBe(hit.deviceId);
    await page.evaluate(() => (window as any).mt('send', 'event', 'after', 'pixel'));
    const [, , second] = await waitForHits(3);
    expect(second.params.mautic_device_id).toBe(hit.deviceId);
    const asked = ((await (await fetch(`${COLLECTOR}/__requests`)).json()) as { path: string; method: string }[]).filter((r) => r.path === '/mtc' && r.method === 'GET');
    expect(asked).toHaveLength(1);
  });
});

test.describe('strict Content-Security-Policy and Trusted Types', () => {
  test('slots and focus items work under the policy, through the mautic-tracker policy, without violations', async ({ page }) => {
    await setMode({ focus: true });
    const violations = await watchViolations(page);
    await page.goto(`${SITE}/fixture?${new URLSearchParams({ tag: '1', src: FULL, csp: STRICT_CSP, slots: 'hero,evil' })}`);
    await expect(page.locator('#hero-content')).toBeVisible();
    await expect.poll(() => page.evaluate(() => (window as any).focusLoads)).toBe(1);
    expect(await page.evaluate(() => (window as any).pwned)).toBeUndefined();
    expect(await violations()).toEqual([]);
  });
});

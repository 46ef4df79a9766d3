// Issue 14, parts 3 and 4: logout on a shared device (`mt('reset')`), and nothing private leaves by
// accident (`redactQuery`, `beforeSend`). Page on 127.0.0.1, collector on localhost: third-party
// cookies are not sent, so the collector knows the visitor by the device id the page sends.
import { test, expect, type Page } from '@playwright/test';
import { callbacks, expectExactly, openFixture, received, resetCollector, setMode, waitForHits } from './helpers';

test.beforeEach(async () => {
  await resetCollector();
});

/** What the page keeps about the visitor: ids and outbox in localStorage, and the site's cookies. */
async function kept(page: Page) {
  return page.evaluate(() => ({
    cookie: document.cookie,
    local: Object.keys(localStorage).sort(),
    device: localStorage.getItem('mautic_device_id'),
  }));
}

test.describe("mt('reset'): logout on a shared device", () => {
  test('forgets the ids (storage and cookies) and the outbox, keeps consent; the next hit is a new contact', async ({ page }) => {
    await openFixture(page, {
      script: `
        mt('consent', 'grant');
        mt('send', 'pageview', { n: 'old 1' });`,
    });
    const [old] = await waitForHits(1);
    await page.evaluate(() => (window as any).mt('send', 'event', 'old', 'two', null, null, { n: 'old 2' }));
    const [, second] = await waitForHits(2);
    expect(second.contactId).toBe(old.contactId);
    // A hit kept in the outbox (Mautic busy).
    await setMode({ event: '503', retryAfter: 60 });
    await page.evaluate(() => (window as any).mt('send', 'event', 'old', 'kept', null, null, { n: 'old kept' }));
    await expect.poll(async () => (await kept(page)).local).toContain('mautic_tracker_outbox');
    expect((await kept(page)).cookie).toContain('mtc_id=');

    await page.evaluate(() => (window as any).mt('reset'));
    expect(await kept(page)).toEqual({ cookie: '', local: ['mautic_tracker_consent'], device: null });

    await setMode({});
    await page.evaluate(() => (window as any).mt('send', 'pageview', { n: 'new 1' }));
    await page.evaluate(() => (window as any).mt('send', 'pageview', { n: 'new 2' }));
    const hits = await expectExactly(5, 1500); // old 1, old 2, old kept (503), new 1, new 2: the kept hit is not retried
    const [new1, new2] = hits.filter((hit) => hit.params.n?.startsWith('new'));
    expect(new1.params.mautic_device_id).toBeUndefined();
    expect(new1.contactId).not.toBe(old.contactId);
    expect(new2.contactId).toBe(new1.contactId);
    expect(new2.params.mautic_device_id).toBe(new1.deviceId);
    expect(hits.filter((hit) => hit.params.n == 'old kept').map((hit) => hit.answered)).toEqual([503]);
    expect((await kept(page)).device).toBe(new1.deviceId);
  });

  test('a hit in flight at reset does not bring the old ids back when its answer arrives', async ({ page }) => {
    await openFixture(page, { script: `mt('send', 'pageview', { n: 'old' });` });
    const [old] = await waitForHits(1);
    await setMode({ delay: 1200 });
    await page.evaluate(() => {
      const mt = (window as any).mt;
      mt('send', 'pageview', { n: 'in flight' }, (window as any).record('in flight'));
      // Reset once the request is on its way.
      setTimeout(() => mt('reset'), 300);
    });
    const [inFlight] = await callbacks(page, 1);
    expect(inFlight.detail).toMatchObject({ ok: true });
    const [, flown] = await waitForHits(2);
    expect(flown.params.mautic_device_id).toBe(old.deviceId);
    expect(await kept(page)).toMatchObject({ cookie: '', device: null });

    await setMode({});
    await page.evaluate(() => (window as any).mt('send', 'pageview', { n: 'new' }));
    const [, , next] = await expectExactly(3);
    expect(next.params.mautic_device_id).toBeUndefined();
    expect(next.contactId).not.toBe(old.contactId);
    expect((await kept(page)).device).toBe(next.deviceId);
  });
  test("a late answer in another tab of the site does not bring the logged-out visitor back", async ({ context, page }) => {
    await openFixture(page, { script: `mt('send', 'pageview', { n: 'tab 1' });` });
    const [old] = await waitForHits(1);
    const other = await context.newPage();
    await openFixture(other, { script: `mt('send', 'pageview', { n: 'tab 2' });` });
    await waitForHits(2);
    // Mautic is slow: tab 2's event is answered after tab 1's logout.
    await setMode({ delay: 1500 });
    await other.evaluate(() => (window as any).mt('send', 'event', 'cart', 'view', (window as any).record('late')));
    // The collector records a hit when it answers: the event is on its way, unanswered.
    await page.waitForTimeout(300);
    expect(await received()).toHaveLength(2);
    await page.evaluate(() => (window as any).mt('reset'));
    await callbacks(other, 1);
    expect(await received()).toHaveLength(3);
    expect(await kept(page)).toMatchObject({ cookie: '', device: null });
    expect(await kept(other)).toMatchObject({ cookie: '', device: null });

    // The logout page's next hit is a new contact, and stays one.
    await setMode({});
    await page.evaluate(() => (window as any).mt('send', 'pageview', { n: 'new' }));
    const [, , , next] = await expectExactly(4);
    expect(next.params.mautic_device_id).toBeUndefined();
    expect(next.contactId).not.toBe(old.contactId);
    expect((await kept(page)).device).toBe(next.deviceId);
    await other.close();
  });
});

test.describe('redaction', () => {
  test('page_url reaches Mautic without the token, with utm_source and ct as they were', async ({ page }) => {
    await openFixture(page, { token: 's3cret', utm_source: 'x', ct: 'YToxOntzOjI6ImlkIjt9', Email: 'jane@example.com' } as Record<string, string>);
    const [hit] = await expectExactly(1);
    const url = new URL(hit.params.page_url);
    expect(url.pathname).toBe('/fixture');
    expect([...url.searchParams.keys()]).toEqual(['utm_source', 'ct']);
    expect(hit.params.page_url).toContain('?utm_source=x&ct=YToxOntzOjI6ImlkIjt9');
    expect(JSON.stringify(hit.pairs)).not.toContain('s3cret');
  });

  test('beforeSend changes a param, and a hit it drops reports dropped and never reaches Mautic', async ({ page }) => {
    await openFixture(page, {
      script: `
        mt('config', { beforeSend: function (params, type) {
          if (type == 'event' && params.event_category == 'private') return null;
          params.page_title = 'Redacted title';
          return params;
        } });
        mt('send', 'event', 'private', 'thing', null, null, {}, record('dropped'));
        mt('send', 'pageview', { n: 'kept' }, record('kept'));`,
    });
    const results = await callbacks(page, 2);
    expect(results.find((result) => result.name == 'dropped')!.detail).toMatchObject({ ok: false, reason: 'dropped', transport: 'none' });
    expect(results.find((result) => result.name == 'kept')!.detail).toMatchObject({ ok: true });
    const [hit] = await expectExactly(1);
    expect(hit.params).toMatchObject({ n: 'kept', page_title: 'Redacted title', counter: '0' });
    expect(await received()).toHaveLength(1);
    expect(await page.evaluate(() => localStorage.getItem('mautic_tracker_outbox'))).toBeNull();
  });
});

// One contact everywhere (issue 14, parts 1 and 2): Mautic form submissions and cross-domain links
// keep the tracked visitor, in a browser that blocks third-party cookies.
//
// The two sites and the collector get host names of their own (Chromium maps *.test to 127.0.0.1;
// the collector stays on localhost, where Chromium keeps its `Secure; SameSite=None` cookie), so the
// collector's cookie is third-party on both sites. Third-party cookies are blocked by Chrome's own
// setting (`profile.cookie_controls_mode`: 1 blocks them, 0 allows them), written into a fresh profile:
// the first test shows the collector does get its cookie when they are allowed, so the blocking is
// real and is what the other tests run under.
import { chromium, expect, test, type BrowserContext } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchOptions } from './chromium';
import { COLLECTOR_PORT, SECOND_SITE_PORT, SITE_PORT } from './ports';
import { COLLECTOR, expectExactly, received, resetCollector, waitForHits, type ReceivedHit } from './helpers';

const SITE_A = `http://site-a.test:${SITE_PORT}`;
const SITE_B = `http://site-b.test:${SECOND_SITE_PORT}`;
const FULL = `${COLLECTOR}/mt.full.js`;

/** A fresh Chromium profile with third-party cookies blocked (or allowed), and the test host names. */
async function browser(blockThirdPartyCookies = true): Promise<BrowserContext> {
  const profile = mkdtempSync(path.join(tmpdir(), 'mt-contact-'));
  mkdirSync(path.join(profile, 'Default'));
  writeFileSync(path.join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: blockThirdPartyCookies ? 1 : 0 } }));
  const context = await chromium.launchPersistentContext(profile, {
    ...launchOptions,
    headless: true,
    args: [...(launchOptions.args || []), '--host-resolver-rules=MAP *.test 127.0.0.1'],
  });
  profiles.push(profile);
  return context;
}
const profiles: string[] = [];
test.afterAll(() => profiles.splice(0).forEach((profile) => rmSync(profile, { recursive: true, force: true, maxRetries: 3 })));

/** A fixture page of `site` loading mt.full.js, running `script` (default: a pageview). */
const fixture = (site: string, script = "mt('send', 'pageview');", extra: Record<string, string> = {}): string =>
  `${site}/fixture?${new URLSearchParams({ src: FULL, script, ...extra })}`;

/** Submissions the collector recorded. */
const forms = async (): Promise<ReceivedHit[]> => (await received()).filter((hit) => hit.transport === ('form' as never));

/** The page's Mautic form (multipart, as Mautic renders it), added after load, and submitted. */
const MAUTIC_FORM = (returnUrl: string) => `
  const form = document.createElement('form');
  form.method = 'post';
  form.enctype = 'multipart/form-data';
  form.action = '${COLLECTOR}/form/submit?formId=1';
  form.innerHTML = '<input name="mauticform[email]" value="jane@example.com"><input type="hidden" name="mauticform[formId]" value="1">' +
    '<input type="hidden" name="mauticform[return]" value="${returnUrl}"><button id="send-form">Send</button>';
  document.body.append(form);`;

test.beforeEach(async () => {
  await resetCollector();
});

test('third-party cookies: the collector gets its cookie cross-site only when they are allowed', async () => {
  for (const blocked of [false, true]) {
    await resetCollector();
    const context = await browser(blocked);
    const page = await context.newPage();
    await page.goto(fixture(SITE_A));
    await waitForHits(1);
    await page.evaluate(() => (window as any).mt('send', 'pageview', { second: 1 }));
    const [first, second] = await expectExactly(2);
    expect(first.origin).toBe(SITE_A);
    expect(second.cookies.mautic_device_id, blocked ? 'blocked' : 'allowed').toBe(blocked ? undefined : first.deviceId);
    // Blocked or not, the device-id param keeps the visitor one contact, and a Mautic form too.
    expect(second.contactId).toBe(first.contactId);
    await page.evaluate(MAUTIC_FORM(`${SITE_A}/landing`));
    await page.click('#send-form');
    await page.waitForURL(/\/landing/);
    const [submission] = await forms();
    expect(submission.contactId).toBe(first.contactId);
    await context.close();
  }
});

test.describe('Mautic forms (third-party cookies blocked)', () => {
  test('a form added later lands on the contact of the pageviews: one hidden mautic_device_id, multipart, redirected back', async () => {
    const context = await browser();
    const page = await context.newPage();
    await page.goto(fixture(SITE_A));
    const [pageview] = await waitForHits(1);
    await page.evaluate(MAUTIC_FORM(`${SITE_A}/landing`));
    await page.click('#send-form');
    await page.waitForURL(/\/landing\?mauticMessage=/);
    const [submission] = await forms();
    expect(submission).toMatchObject({ contentType: 'multipart/form-data', contactId: pageview.contactId, deviceId: pageview.deviceId });
    expect(submission.cookies).toEqual({}); // no cookie: the field alone identified the visitor
    expect(submission.pairs.filter(([key]) => key === 'mautic_device_id')).toEqual([['mautic_device_id', pageview.deviceId]]);
    expect(submission.params['mauticform[email]']).toBe('jane@example.com');
    await context.close();
  });

  test('a form submitted twice (the page cancels the first) carries one field', async () => {
    const context = await browser();
    const page = await context.newPage();
    await page.goto(fixture(SITE_A));
    const [pageview] = await waitForHits(1);
    await page.evaluate(MAUTIC_FORM(`${SITE_A}/landing`) + `
      let first = true;
      form.addEventListener('submit', (event) => { if (first) event.preventDefault(); first = false; });`);
    await page.click('#send-form');
    await page.click('#send-form');
    await page.waitForURL(/\/landing/);
    const [submission] = await forms();
    expect(submission.pairs.filter(([key]) => key === 'mautic_device_id')).toEqual([['mautic_device_id', pageview.deviceId]]);
    await context.close();
  });

  test('while consent is pending the form carries no device id; once granted it does', async () => {
    const context = await browser();
    const page = await context.newPage();
    const consent = "mt('config', { requireConsent: true }); mt('send', 'pageview');";
    await page.goto(fixture(SITE_A, consent));
    await page.evaluate(`localStorage.setItem('mautic_device_id', 'abcdefghij0123456789xyz')`);
    await page.evaluate(MAUTIC_FORM(`${SITE_A}/landing`));
    await page.click('#send-form');
    await page.waitForURL(/\/landing/);
    expect((await forms())[0].params.mautic_device_id).toBeUndefined();
    expect(await received()).toHaveLength(1); // the submission only: no pageview left without consent
    await context.close();

    // A new visitor: the submission above was a top-level navigation to Mautic, where its cookie is
    // first-party and was kept; it would identify this browser's next submission (Mautic's cookie wins).
    const granted = await browser();
    const page2 = await granted.newPage();
    await page2.goto(fixture(SITE_A, consent + " mt('consent', 'grant');"));
    const pageview = (await waitForHits(2))[1];
    await page2.evaluate(MAUTIC_FORM(`${SITE_A}/landing`));
    await page2.click('#send-form');
    await page2.waitForURL(/\/landing/);
    const submission = (await forms())[1];
    expect(submission.params.mautic_device_id).toBe(pageview.deviceId);
    expect(submission.contactId).toBe(pageview.contactId);
    await granted.close();
  });
});

test.describe('cross-domain links (third-party cookies blocked)', () => {
  /** Site A with crossDomain for site B, its pageview answered, and a link to a site B fixture. */
  async function fromSiteA(context: BrowserContext, target: string) {
    const page = await context.newPage();
    await page.goto(fixture(SITE_A, "mt('config', { crossDomain: ['site-b.test'] }); mt('send', 'pageview');"));
    const [first] = await waitForHits(1);
    await page.evaluate((href) => {
      const link = Object.assign(document.createElement('a'), { id: 'to-b', href, textContent: 'to site B' });
      document.body.append(link);
    }, target);
    return { page, first };
  }

  test('a link to the other site keeps one contact; mt_did never reaches page_url nor the address bar', async () => {
    const context = await browser();
    const { page, first } = await fromSiteA(context, fixture(SITE_B) + '#section');
    expect(await page.getAttribute('#to-b', 'href')).not.toContain('mt_did'); // only at click time
    await page.click('#to-b');
    await page.waitForURL(`${SITE_B}/**`);
    const [, second] = await expectExactly(2);
    expect(second.origin).toBe(SITE_B);
    expect(second.cookies).toEqual({});
    expect(second.params.mautic_device_id).toBe(first.deviceId);
    expect(second.contactId).toBe(first.contactId);
    expect(second.params.page_url).not.toContain('mt_did');
    expect(second.params.page_url).toMatch(/#section$/);
    expect(page.url()).not.toContain('mt_did');
    await context.close();
  });

  test('npm: createTracker with the crossDomain plugin adopts the id before its first automatic pageview', async () => {
    const context = await browser();
    const script = `import { createTracker, crossDomain } from '/pkg/index.js';
      createTracker({ url: '${COLLECTOR}', autoPageviews: true }, [crossDomain]);`;
    const { page, first } = await fromSiteA(context, `${SITE_B}/fixture?${new URLSearchParams({ snippet: 'none', module: '1', script })}`);
    await page.click('#to-b');
    const [, second] = await expectExactly(2);
    expect(second.params.mautic_device_id).toBe(first.deviceId);
    expect(second.contactId).toBe(first.contactId);
    expect(second.params.page_url).not.toContain('mt_did');
    await context.close();
  });

  test('a stale, malformed or unknown mt_did is ignored: a new contact, and no mt_did in page_url', async () => {
    const context = await browser();
    const page = await context.newPage();
    await page.goto(fixture(SITE_A));
    const [first] = await waitForHits(1);
    const now = Math.floor(Date.now() / 1000);
    const tokens = [
      `${first.deviceId}.${now - 180}`, // stale: 3 minutes old
      `${first.deviceId}x.${now}`, // tampered: not an id shape
      `zzzzzzzzzzzzzzzzzzzzzzz.${now}`, // well-formed, but no id Mautic issued
    ];
    for (const [i, token] of tokens.entries()) {
      const other = await (await browser()).newPage(); // a new visitor on site B each time
      await other.goto(`${fixture(SITE_B)}&mt_did=${token}`);
      const hits = await waitForHits(2 + i);
      const arrived = hits[1 + i];
      expect(arrived.contactId, token).not.toBe(first.contactId);
      expect(arrived.params.page_url).not.toContain('mt_did');
      expect(other.url()).not.toContain('mt_did');
      await other.context().close();
    }
    await context.close();
  });
});

test('dist/mt.js has no plugins: debug mode says where crossDomain works', async ({ page }) => {
  const lines: string[] = [];
  page.on('console', (message) => lines.push(message.text()));
  await page.goto(`http://127.0.0.1:${SITE_PORT}/fixture?${new URLSearchParams({ script: "mt('config', { debug: true, crossDomain: ['shop.example.net'] });" })}`);
  await expect.poll(() => lines.join('\n')).toContain('config: ignored option crossDomain (only in mt.full.js)');
});

// Tracking without code (issue 13): dist/mt.full.js with the `autocapture` option, asserted on what
// the collector received. Elements are added after the page loaded, so every case also shows that
// the one delegated listener sees elements it never saw at start-up.
import { test, expect, type Page } from '@playwright/test';
import { COLLECTOR, SAME_SITE, SITE, expectExactly, openFixture, received, resetCollector, waitForHits, type ReceivedHit } from './helpers';

const FULL = `${COLLECTOR}/mt.full.js`;

test.beforeEach(async () => {
  await resetCollector();
});

/** Opens the fixture with mt.full.js and `autocapture` set, and waits until its pageview was answered. */
async function open(page: Page, autocapture = 'true', more = ''): Promise<void> {
  await openFixture(page, { src: FULL, script: `mt('config', { autocapture: ${autocapture} ${more} }); mt('send', 'pageview', {}, record('pageview'));` });
  await page.waitForFunction(() => (window as unknown as { results: unknown[] }).results.length > 0);
}

/** Adds HTML to the page after load. */
const add = (page: Page, html: string) => page.evaluate((html) => document.body.insertAdjacentHTML('beforeend', html), html);

/** Cancels every click's default from now on (in the bubble phase, after autocapture heard it): the page stays. */
const stay = (page: Page) => page.evaluate(() => window.addEventListener('click', (event) => event.preventDefault()));

/** The events among the hits, as [category, action, label, value]. */
const events = (hits: ReceivedHit[]) =>
  hits.filter((hit) => hit.params.event_category != null).map(({ params }) => [params.event_category, params.event_action, params.event_label, params.event_value]);

test.describe('autocapture (dist/mt.full.js)', () => {
  test('declarative events: click, params JSON (invalid: left out), keyboard activation, an open shadow root', async ({ page }) => {
    await open(page);
    await stay(page);
    await add(
      page,
      `<button id="cta" data-mt-category="cta" data-mt-action="click" data-mt-label="hero" data-mt-value="5" data-mt-params='{"plan":"pro","n":2}'><span id="cta-text">Start</span></button>
       <a id="bad" href="#" data-mt-category="bad" data-mt-action="json" data-mt-params="{oops">bad</a>
       <div id="key" role="button" tabindex="0" data-mt-category="keyboard" data-mt-action="enter">Press Enter</div>
       <div id="host"></div>`,
    );
    await page.evaluate(() => {
      const root = document.getElementById('host')!.attachShadow({ mode: 'open' });
      root.innerHTML = '<button id="inside" data-mt-category="shadow" data-mt-action="click">in a shadow root</button>';
    });
    await page.click('#cta-text');
    await page.click('#bad');
    await page.focus('#key');
    await page.keyboard.press('Enter');
    await page.click('#inside'); // Playwright pierces open shadow roots.
    const hits = await expectExactly(5);
    expect(events(hits)).toEqual([
      ['cta', 'click', 'hero', '5'],
      ['bad', 'json', undefined, undefined],
      ['keyboard', 'enter', undefined, undefined],
      ['shadow', 'click', undefined, undefined],
    ]);
    expect(hits[1].params).toMatchObject({ plan: 'pro', n: '2' });
    expect(hits[2].params).not.toHaveProperty('oops');
  });

  test('outbound link, same-tab navigation right after the click: the hit arrives, once, and the page went', async ({ page }) => {
    await open(page);
    const target = `${SAME_SITE}/landing?from=test`; // another host: localhost, the page is on 127.0.0.1
    await add(page, `<a id="out" href="${target}">Partner</a>`);
    await page.click('#out');
    await page.waitForURL(target);
    const hits = await expectExactly(2, 1000);
    expect(events(hits)).toEqual([['outbound', 'click', target, undefined]]);
  });

  test('outbound link in a new tab: middle click and Ctrl-click each send it; a link of the site sends nothing', async ({ page, context }) => {
    await open(page);
    const target = `${SAME_SITE}/landing`;
    await add(page, `<a id="out" href="${target}">Partner</a><a id="home" href="/landing">Home</a>`);
    await page.click('#home', { modifiers: ['Control'] });
    const middle = context.waitForEvent('page');
    await page.click('#out', { button: 'middle' });
    await middle;
    const ctrl = context.waitForEvent('page');
    await page.click('#out', { modifiers: ['Control'] });
    await ctrl;
    expect(page.url()).toContain('/fixture');
    const hits = await expectExactly(3);
    expect(events(hits)).toEqual([
      ['outbound', 'click', target, undefined],
      ['outbound', 'click', target, undefined],
    ]);
  });

  test('file downloads: the default extensions, then a configured list', async ({ page }) => {
    await open(page);
    await stay(page);
    await add(page, `<a id="pdf" href="/files/Guide.pdf?v=2">Guide</a><a id="ics" href="/files/event.ics">Event</a>`);
    await page.click('#pdf');
    await page.click('#ics'); // not in the default list, and on the site: nothing
    await page.evaluate(() => (window as any).mt('config', { autocapture: { downloads: { category: 'file', extensions: ['ics'] } } }));
    await page.click('#pdf');
    await page.click('#ics');
    const hits = await expectExactly(3);
    expect(events(hits)).toEqual([
      ['download', 'click', `${SITE}/files/Guide.pdf?v=2`, undefined],
      ['file', 'click', `${SITE}/files/event.ics`, undefined],
    ]);
  });

  test('forms: a submission the browser lets through, never a field value; a blocked invalid form and Mautic’s own form send nothing', async ({ page }) => {
    await open(page);
    await add(
      page,
      `<form id="mautic" action="${COLLECTOR}/form/submit?formId=1" method="post" onsubmit="event.preventDefault()"><button id="mautic-send">Mautic</button></form>
       <form id="news" action="/landing" method="get"><input name="email" id="email" type="email" required><button id="news-send">Subscribe</button></form>`,
    );
    await page.click('#mautic-send');
    await page.click('#news-send'); // blocked: the required field is empty
    await page.waitForTimeout(500);
    expect(events(await received())).toEqual([]);
    await page.fill('#email', 'jane@example.com');
    await page.click('#news-send');
    await page.waitForURL(/\/landing\?email=/);
    const hits = await expectExactly(2, 1000);
    expect(events(hits)).toEqual([['form', 'submit', 'news', undefined]]);
    expect(JSON.stringify(hits)).not.toContain('jane');
  });

  test('consent pending: clicks and submissions send nothing, not even after the grant', async ({ page }) => {
    await openFixture(page, { src: FULL, script: `mt('config', { requireConsent: true, autocapture: true }); mt('send', 'pageview');` });
    await stay(page);
    await add(page, `<button id="cta" data-mt-category="cta" data-mt-action="click">Go</button><a id="out" href="${SAME_SITE}/x">Out</a><a id="pdf" href="/a.pdf">PDF</a>`);
    for (const id of ['#cta', '#out', '#pdf']) await page.click(id);
    await page.waitForTimeout(600);
    expect(await received()).toEqual([]);
    await page.evaluate(() => (window as any).mt('consent', 'grant'));
    const hits = await expectExactly(1);
    expect(hits[0].params.event_category).toBeUndefined();
    // Once granted, a click is tracked.
    await page.click('#cta');
    expect(events(await waitForHits(2))).toEqual([['cta', 'click', undefined, undefined]]);
  });

  test('10,000 links: no listener on any of them, one per event type on document, and a click on the last is tracked', async ({ page }) => {
    await open(page);
    await stay(page);
    await page.evaluate((host) => {
      const list = document.createElement('div');
      list.id = 'links';
      list.innerHTML = Array.from({ length: 10_000 }, (_, i) => `<a id="l${i}" href="${host}/p/${i}">link ${i}</a>`).join('');
      document.body.append(list);
    }, SAME_SITE);
    const cdp = await page.context().newCDPSession(page);
    const listeners = async (expression: string, depth: number) => {
      const { result } = await cdp.send('Runtime.evaluate', { expression });
      const found = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId!, depth, pierce: true });
      return found.listeners;
    };
    expect(await listeners('document.getElementById("links")', -1)).toEqual([]);
    // The core has its own (visibilitychange); the plugins' are the capture-phase ones, a fixed set
    // however many links: autocapture (auxclick, click, keydown, submit), crossDomain (auxclick, click,
    // submit, focusin for forms in shadow roots) and mauticForms (submit, focusin).
    const onDocument = (await listeners('document', 0)).filter((listener) => listener.useCapture).map((listener) => listener.type).sort();
    expect(onDocument).toEqual(['auxclick', 'auxclick', 'click', 'click', 'focusin', 'focusin', 'keydown', 'submit', 'submit', 'submit']);
    await page.click('#l9999');
    const hits = await expectExactly(2);
    expect(events(hits)).toEqual([['outbound', 'click', `${SAME_SITE}/p/9999`, undefined]]);
  });

  test('dist/mt.js has no autocapture: debug mode says which build has it, and nothing is sent', async ({ page }) => {
    const logs: string[] = [];
    page.on('console', (message) => logs.push(message.text()));
    await openFixture(page, { script: `mt('config', { debug: true, autocapture: true, requireConcent: true }); mt('send', 'pageview');` });
    await waitForHits(1);
    await add(page, `<button id="cta" data-mt-category="cta" data-mt-action="click">Go</button>`);
    await page.click('#cta');
    await expectExactly(1);
    expect(logs.some((line) => line.includes('config: ignored option autocapture (only in mt.full.js)'))).toBe(true);
    // A typo is no plugin's option: unknown in every build.
    expect(logs.some((line) => line.includes('config: ignored option requireConcent (unknown)'))).toBe(true);
  });
});

test.describe('autocapture (npm plugin)', () => {
  test('createTracker({ autocapture }, [autocapture]): the same captures, options read when it acts', async ({ page }) => {
    await openFixture(page, {
      snippet: 'none',
      module: '1',
      script: `
        import { createTracker, autocapture } from '/pkg/index.js';
        window.tracker = createTracker({ url: '${COLLECTOR}', autocapture: { declarative: true } }, [autocapture]);
        await window.tracker.pageview();
        window.done = true;`,
    });
    await page.waitForFunction(() => (window as any).done, null, { timeout: 8000 });
    await stay(page);
    await add(page, `<button id="cta" data-mt-category="cta" data-mt-action="click" data-mt-label="npm">Go</button><a id="out" href="${SAME_SITE}/x">Out</a>`);
    await page.click('#out'); // outbound links are off
    await page.click('#cta');
    await page.evaluate(() => (window as any).tracker.config({ autocapture: { outboundLinks: { category: 'exit' } } }));
    await page.click('#out');
    await page.click('#cta'); // declarative is off now
    const hits = await expectExactly(3);
    expect(events(hits)).toEqual([
      ['cta', 'click', 'npm', undefined],
      ['exit', 'click', `${SAME_SITE}/x`, undefined],
    ]);
  });
});

test.describe('autocapture on the demo page', () => {
  test('tagged buttons, the outbound link, the download and the form show up in the live view', async ({ page, context }) => {
    await page.goto(`${SITE}/`);
    await expect(page.locator('#callbacks')).toContainText('pageview: onload');
    await page.route('https://www.mautic.org/**', (route) => route.fulfill({ body: 'mautic.org' })); // no network needed
    const live = page.locator('#hits');
    await page.click('text=Tagged button');
    await expect(live).toContainText('event pricing/open/header');
    await page.click('text=Tagged, with params');
    await expect(live).toContainText('event video/play/intro');
    await page.focus('[data-mt-category="chat"]');
    await page.keyboard.press('Enter');
    await expect(live).toContainText('event chat/open');
    const tab = context.waitForEvent('page');
    await page.click('#auto-outbound');
    await (await tab).close();
    await expect(live).toContainText('event outbound/click/https://www.mautic.org/');
    const download = page.waitForEvent('download');
    await page.click('#auto-download');
    await download;
    await expect(live).toContainText(`event download/click/${SITE}/files/price-list.pdf`);
    await page.click('#newsletter-send'); // empty: the browser blocks it
    await page.fill('#newsletter-email', 'jane@example.com');
    const formTab = context.waitForEvent('page');
    await page.click('#newsletter-send');
    await (await formTab).close();
    await expect(live).toContainText('event form/submit/newsletter');
    expect(events(await received()).filter(([category]) => category == 'form')).toHaveLength(1);
    expect(page.url()).toBe(`${SITE}/`);
  });
});

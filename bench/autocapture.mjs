// npm run bench:autocapture: what autocapture's click handler costs on a page of 10,000 links.
// It prints figures; it asserts nothing (shared machines are noisy).
//
// An init script wraps the capture-phase click listener that dist/mt.full.js adds to `document`, so
// the time measured is the handler's own (walking the event's path, reading the option, and for a
// tracked link `track()`: building the hit and handing it to the outbox), not the browser's dispatch.
// Clicks are dispatched on links spread over the page; a later listener cancels them, so the page stays.
import { chromium } from '@playwright/test';
import { startCollector } from '../demo/collector.mjs';
import { startSite } from '../demo/site.mjs';
import { chromiumLaunchOptions } from '../scripts/find-chromium.mjs';

const LINKS = 10_000;
const CLICKS = Number(process.env.BENCH_CLICKS || 300);

const sitePort = Number(process.env.SITE_PORT || 0);
const collector = await startCollector({ host: 'localhost', allowedOrigins: [] });
const site = await startSite({ port: sitePort, host: '127.0.0.1', collectorUrl: collector.url });
collector.state.allowedOrigins.add(site.url);
const launch = chromiumLaunchOptions();
// gc() before the clicks: building 10,000 links leaves garbage whose collection would land in a click.
const browser = await chromium.launch({ ...launch, args: [...(launch.args || []), '--js-flags=--expose-gc'] });

/** Loads a page with the links and autocapture set to `option`, clicks links, returns per-click times (ms). */
async function run(option, href, consent = '') {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    const add = EventTarget.prototype.addEventListener;
    window.handlerTimes = [];
    EventTarget.prototype.addEventListener = function (type, listener, capture) {
      if (this === document && type === 'click' && capture === true && typeof listener === 'function') {
        const timed = listener;
        listener = function (event) {
          const start = performance.now();
          try {
            return timed.call(this, event);
          } finally {
            window.handlerTimes.push(performance.now() - start);
          }
        };
      }
      return add.call(this, type, listener, capture);
    };
  });
  const script = `mt('config', { autocapture: ${JSON.stringify(option)} });${consent} mt('send', 'pageview', {}, { onload: () => (window.ready = true), onerror: () => (window.ready = true) });`;
  await page.goto(`${site.url}/fixture?${new URLSearchParams({ src: `${collector.url}/mt.full.js`, script })}`);
  await page.waitForFunction(() => window.ready);
  return page.evaluate(
    ({ links, clicks, href }) => {
      const list = document.createElement('div');
      // Nested a little, as real pages are: the handler walks the path from the link up.
      list.innerHTML = Array.from({ length: links }, (_, i) => `<ul><li><span><a href="${href}${i}">link ${i}</a></span></li></ul>`).join('');
      document.body.append(list);
      window.addEventListener('click', (event) => event.preventDefault());
      const anchors = list.querySelectorAll('a');
      if (window.gc) window.gc();
      window.handlerTimes = [];
      for (let i = 0; i < clicks; i++) {
        anchors[(i * 7919) % links].dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }));
      }
      return window.handlerTimes;
    },
    { links: LINKS, clicks: CLICKS, href },
  );
}

// The first click is shown apart: it includes compiling the handler and reading the option.
const stats = ([first, ...times]) => {
  const sorted = [...times].sort((a, b) => a - b);
  const mean = times.reduce((sum, t) => sum + t, 0) / times.length;
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `mean ${mean.toFixed(3)} ms, median ${at(0.5).toFixed(3)}, p95 ${at(0.95).toFixed(3)}, max ${at(1).toFixed(3)} (${times.length} clicks); first click ${first.toFixed(3)} ms`;
};

try {
  const cases = [
    ['autocapture off (the handler returns at once)', false, '/page/'],
    ['autocapture on, a link of the site (path walked, no hit)', true, '/page/'],
    // Everything autocapture does, up to the consent check: the core's track() is not reached.
    ['autocapture on, an outbound link, consent refused (no track())', true, 'https://partner.example/page/', "mt('consent', 'deny');"],
    ['autocapture on, an outbound link (path walked, hit tracked)', true, 'https://partner.example/page/'],
  ];
  console.log(`autocapture click handler on a page of ${LINKS.toLocaleString('en')} links (Chromium, performance.now() around the listener, 0.1 ms resolution):`);
  for (const [label, option, href, consent] of cases) console.log(`  ${label.padEnd(66)} ${stats(await run(option, href, consent))}`);
} finally {
  await browser.close();
  await Promise.all([site.close(), collector.close()]);
}

// npm run bench:input (also the last step of npm run bench): how long one mt() call takes in
// Chromium when its params are huge or hostile. Prints the median call time of each case; asserts
// nothing (shared machines are noisy). BENCH_RUNS=n calls per case (at least 5), BENCH_BUNDLE=file
// measures another build (a copy of dist/mt.js from before a change).
//
// Each call runs in a task of its own on a page that loaded dist/mt.js through the snippet, after a
// first event (start-up, Intl) went out; its input is built before the clock starts.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { startCollector } from '../demo/collector.mjs';
import { chromiumLaunchOptions } from '../scripts/find-chromium.mjs';

const RUNS = Math.max(5, Number(process.env.BENCH_RUNS || 9));
const BUNDLE = process.env.BENCH_BUNDLE || 'dist/mt.js';

/** Page-side builders of each case's params (source text, run in the page). */
const CASES = {
  '(baseline) { plan: \'pro\' }': `() => ({ plan: 'pro' })`,
  'a 1 MB string': `() => ({ big: 'x'.repeat(1e6) })`,
  '{ w: window }': `() => ({ w: window })`,
  'hostile object': `() => hostile(false)`,
  'hostile object + 100k keys': `() => hostile(true)`,
};

/** Defined in the page: the hostile object, with or without a member of 100,000 keys. */
const PAGE_HELPERS = `
  let clickEvent;
  document.addEventListener('click', (event) => (clickEvent = event));
  document.body.click();
  window.manyKeys = () => {
    const many = {};
    for (let i = 0; i < 100000; i++) many['k' + i] = i;
    return many;
  };
  window.hostile = (withManyKeys) => {
    let deep = { leaf: 1 };
    for (let i = 0; i < 1000; i++) deep = { deep };
    const params = {
      w: window,
      d: document,
      e: clickEvent,
      m: new Map([['a', 1]]),
      set: new Set([1]),
      bytes: new Uint8Array(1024),
      deep,
      get broken() { throw new Error('hostile getter'); },
      proxy: new Proxy({}, { ownKeys() { throw new Error('hostile proxy'); } }),
      holes: new Array(1e6),
      big: 'x'.repeat(1e6),
      plain: 'kept',
    };
    // Last: the 500-key cap would otherwise stop the walk before the other members.
    if (withManyKeys) params.many = manyKeys();
    return params;
  };`;

async function startPage(collectorUrl) {
  const bundle = readFileSync(BUNDLE, 'utf8');
  const server = createServer((request, response) => {
    if (request.url === '/mt.js') {
      response.writeHead(200, { 'Content-Type': 'text/javascript' });
      return response.end(bundle);
    }
    response.writeHead(200, { 'Content-Type': 'text/html' });
    response.end(`<!doctype html><html><head><title>hostile input</title>
<script>window.MauticTrackingObject='mt';window.mt=function(){(mt.q=mt.q||[]).push(arguments)};mt('config',{url:'${collectorUrl}'});
localStorage.setItem('site-secret', 'a site value that must not leave the page');</script>
<script src="/mt.js"></script></head><body>hostile input</body></html>`);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (value) => Math.round(value * 100) / 100;

async function main() {
  const collector = await startCollector({ host: 'localhost', allowedOrigins: [] });
  const site = await startPage(collector.url);
  collector.allowOrigin(site.url);
  const browser = await chromium.launch(chromiumLaunchOptions());
  const rows = [];

  for (const [name, build] of Object.entries(CASES)) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(site.url);
    await page.evaluate(PAGE_HELPERS);
    await page.waitForFunction(() => window.mt && window.mt._mautic_tracker);
    const times = await page.evaluate(
      async ({ build, runs }) => {
        const makeParams = (0, eval)(build);
        const task = () => new Promise((resolve) => setTimeout(resolve, 50));
        window.mt('send', 'event', 'warm', 'up');
        await new Promise((resolve) => setTimeout(resolve, 500));
        const times = [];
        for (let run = 0; run < runs; run++) {
          await task();
          const params = makeParams();
          const started = performance.now();
          window.mt('send', 'event', 'a', 'b', params);
          times.push(performance.now() - started);
        }
        return times;
      },
      { build, runs: RUNS },
    );
    await page.waitForTimeout(300);
    const lastHit = collector.state.hits[collector.state.hits.length - 1];
    const sentKeys = lastHit ? Object.keys(lastHit.params).filter((key) => !/^(page_|preferred_locale|counter|timezone|resolution|platform|do_not_track|mautic_device_id|event_)/.test(key)) : [];
    rows.push([name, round(median(times)), round(Math.min(...times)), round(Math.max(...times)), sentKeys.length]);
    await context.close();
  }

  // What the engine alone needs to list the keys of that 100k-key object: a floor for any code that reads it.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(site.url);
  await page.evaluate(PAGE_HELPERS);
  const floor = await page.evaluate((runs) => {
    const build = [];
    const keys = [];
    for (let run = 0; run < runs; run++) {
      let started = performance.now();
      const many = window.manyKeys();
      build.push(performance.now() - started);
      started = performance.now();
      Object.keys(many);
      keys.push(performance.now() - started);
    }
    return { build, keys };
  }, RUNS);
  for (const [name, times] of [
    ['(reference) the page building the 100k-key object', floor.build],
    ['(reference) Object.keys of it, alone', floor.keys],
  ]) {
    rows.push([name, round(median(times)), round(Math.min(...times)), round(Math.max(...times)), '']);
  }
  await context.close();

  console.log(`\nOne mt('send', 'event', 'a', 'b', params) call (${BUNDLE}), Chromium ${browser.version()}, ${RUNS} runs each\n`);
  console.log('| params | median ms | min ms | max ms | caller keys sent |');
  console.log('|---|---|---|---|---|');
  for (const row of rows) console.log('| ' + row.join(' | ') + ' |');
  await browser.close();
  site.close();
  await collector.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

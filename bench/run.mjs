// npm run bench: the same job for mautic-tracker and for the trackers users would otherwise pick,
// measured side by side in one Chromium run. Prints a table and writes bench/results/<time>.json.
// It prints figures; it asserts nothing (shared machines are noisy: compare ratios of one run).
//
// The job: load the tracker, send one pageview, then events with a few properties. Every request
// goes to a local server on another origin (no network needed). Start-up is measured three times:
// on a first visit (a fresh browser profile); on the visitor's next page (the same profile, with what
// the first page stored and the cookies it set, loading a second page of the site in the same tab);
// and when the visitor comes back in a new tab (storage kept, a renderer process of its own).
//
// Knobs (environment): BENCH_RUNS=n (runs per tracker, default 5); BENCH_TRACKERS=a,b (only these);
// BENCH_VARIANTS='label=path/to/mt.js;…' adds builds of ours as more columns, measured in the same run
// (before/after a change); BENCH_NO_TEMPORAL=1 removes the Temporal global from every page, as in a
// browser without it (Safari today); BENCH_STARTUP_ONLY=1 measures the start-ups only.
import { createServer } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { cpus } from 'node:os';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import { minify } from 'terser';
import { chromium } from '@playwright/test';
import { startCollector } from '../demo/collector.mjs';
import { chromiumLaunchOptions } from '../scripts/find-chromium.mjs';

const RUNS = Number(process.env.BENCH_RUNS || 5);
const HITS = 1000;
const NO_TEMPORAL = !!process.env.BENCH_NO_TEMPORAL;
const STARTUP_ONLY = !!process.env.BENCH_STARTUP_ONLY;

/**
 * Each tracker: how a page gets it (an entry bundled from npm, or our dist/mt.js) and the job.
 * Every page script defines window.bench = { start(), event(i) } around the tracker's own API.
 */
const TRACKERS = {
  'mautic-tracker': {
    version: JSON.parse(readFileSync('package.json', 'utf8')).version,
    // What a page loads: the script-tag bundle, fed by the snippet's queue.
    prelude: (endpoint) =>
      `window.MauticTrackingObject='mt';window.mt=function(){(mt.q=mt.q||[]).push(arguments)};mt('config',{url:'${endpoint}'});`,
    file: () => readFileSync('dist/mt.js', 'utf8').replace(/\n\/\/# sourceMappingURL=.*$/, ''),
    glue: `window.bench = {
      start() { mt('send', 'pageview'); },
      event(i) { mt('send', 'event', 'bench', 'click', 'label', i, { plan: 'pro', n: i }); },
    };`,
  },
  '@plausible-analytics/tracker': {
    entry: (endpoint) => `import { init, track } from '@plausible-analytics/tracker';
      window.bench = {
        start() { init({ domain: 'bench.example', endpoint: '${endpoint}/api/event', captureOnLocalhost: true, logging: false }); },
        event(i) { track('click', { props: { plan: 'pro', n: String(i) } }); },
      };`,
  },
  'posthog-js': {
    entry: (endpoint) => `import posthog from 'posthog-js';
      window.bench = {
        start() {
          posthog.init('phc_bench', { api_host: '${endpoint}', autocapture: false, capture_pageview: true,
            disable_session_recording: true, disable_surveys: true, advanced_disable_decide: true,
            advanced_disable_flags: true, persistence: 'localStorage',
            opt_out_useragent_filter: true }); // headless Chromium looks like a bot to posthog
        },
        event(i) { posthog.capture('click', { plan: 'pro', n: i }); },
      };`,
  },
  '@snowplow/browser-tracker': {
    entry: (endpoint) => `import { newTracker, trackPageView, trackStructEvent } from '@snowplow/browser-tracker';
      window.bench = {
        start() { newTracker('sp', '${endpoint}', { appId: 'bench', eventMethod: 'post', bufferSize: 1 }); trackPageView(); },
        event(i) { trackStructEvent({ category: 'bench', action: 'click', label: 'label', property: 'pro', value: i }); },
      };`,
  },
};

// Builds of ours to compare in the same run, each with our page job.
for (const variant of (process.env.BENCH_VARIANTS || '').split(';').filter(Boolean)) {
  const [label, path] = variant.split('=');
  TRACKERS[`mautic-tracker ${label}`] = { ...TRACKERS['mautic-tracker'], version: label, file: () => readFileSync(path, 'utf8').replace(/\n\/\/# sourceMappingURL=.*$/, '') };
}
if (process.env.BENCH_TRACKERS) {
  const only = process.env.BENCH_TRACKERS.split(',');
  for (const name of Object.keys(TRACKERS)) if (!TRACKERS[name].file && !only.includes(name)) delete TRACKERS[name];
}
/** Ours (and our variants) send to the Mautic-compatible collector and take the snippet's queue. */
const isOurs = (name) => !!TRACKERS[name].file;

function versionOf(name) {
  return JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')).version;
}

async function bundle(name, tracker, endpoint) {
  if (tracker.file) return { code: tracker.file(), glue: tracker.glue, prelude: tracker.prelude(endpoint) };
  const build = await rollup({
    input: 'entry',
    onwarn: () => {},
    plugins: [
      { name: 'entry', resolveId: (id) => (id === 'entry' ? id : null), load: (id) => (id === 'entry' ? tracker.entry(endpoint) : null) },
      nodeResolve({ browser: true }),
      commonjs(),
    ],
  });
  const { output } = await build.generate({ format: 'iife', name: 'benchEntry' });
  const code = (await minify(output[0].code, { compress: { passes: 2 }, mangle: true })).code;
  return { code, glue: '', prelude: '' };
}

/** The other origin every tracker sends to: answers 200 to anything, with permissive CORS. */
async function startSink() {
  const requests = [];
  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      requests.push({ method: request.method, path: request.url, bytes: body.length + request.url.length });
      response.writeHead(request.method === 'OPTIONS' ? 204 : 200, {
        'Access-Control-Allow-Origin': request.headers.origin || '*',
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Allow-Headers': request.headers['access-control-request-headers'] || '*',
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Max-Age': '7200',
        'Content-Type': 'application/json',
      });
      response.end(request.method === 'OPTIONS' ? '' : '{"status":1}');
    });
  });
  await new Promise((resolve) => server.listen(0, 'localhost', resolve));
  return { url: `http://localhost:${server.address().port}`, requests, close: () => server.close() };
}

/** The page origin: serves each tracker's page and script. */
async function startPages(scripts) {
  const server = createServer((request, response) => {
    const url = new URL(request.url, 'http://pages');
    const name = decodeURIComponent(url.searchParams.get('t') || '');
    const script = scripts[name];
    if (url.pathname === '/tracker.js' && script) {
      response.writeHead(200, { 'Content-Type': 'text/javascript' });
      return response.end(script.code);
    }
    if (url.pathname === '/blank') {
      // Between the two pages of a returning visit: the first page's unload work happens here.
      response.writeHead(200, { 'Content-Type': 'text/html' });
      return response.end('<!doctype html><title>blank</title>');
    }
    if (url.pathname === '/page' && script) {
      // queue=1 (ours): 1,000 commands queued before the script loads, as the snippet queues them.
      const queued = url.searchParams.get('queue') && script.glue
        ? `for(let i=0;i<${HITS};i++)mt('send','event','bench','queued','label',i,{plan:'pro',n:i});`
        : '';
      response.writeHead(200, { 'Content-Type': 'text/html' });
      return response.end(`<!doctype html><html><head><title>bench</title>
<script>${NO_TEMPORAL ? 'delete window.Temporal;' : ''}window.longest=0;new PerformanceObserver((l)=>{for(const e of l.getEntries())longest=Math.max(longest,e.duration)}).observe({type:'longtask',buffered:true});
${script.prelude}${queued}</script>
<script src="/tracker.js?t=${encodeURIComponent(name)}"></script>
<script>${script.glue}</script></head><body>bench</body></html>`);
    }
    response.writeHead(404);
    response.end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const stats = (values) =>
  values.length
    ? { median: median(values), min: Math.min(...values), max: Math.max(...values), values }
    : { median: NaN, min: NaN, max: NaN, values };
const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

async function metric(cdp, name) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === name).value;
}

/**
 * Starts the tracker of the page (from a page task: Chrome does not count DevTools' evaluate as
 * script) and waits until its first request arrived, or 5 s. Requests that arrived before are not
 * counted, so a request the previous page sent as it unloaded is not taken for this page's hit.
 */
async function startAndWaitForFirstHit(page, name) {
  const before = sentCount(name);
  await page.evaluate(() => new Promise((resolve) => setTimeout(() => resolve(window.bench.start()))));
  const deadline = Date.now() + 5000;
  while (sentCount(name) === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}
let sentCount;

async function main() {
  const sink = await startSink();
  const collector = await startCollector({ host: 'localhost', allowedOrigins: [] });
  const scripts = {};
  for (const [name, tracker] of Object.entries(TRACKERS)) {
    scripts[name] = await bundle(name, tracker, isOurs(name) ? collector.url : `${sink.url}/${encodeURIComponent(name)}`);
  }
  const pages = await startPages(scripts);
  collector.allowOrigin(pages.url);

  const browser = await chromium.launch(chromiumLaunchOptions());
  const results = {
    date: new Date().toISOString(),
    chromium: browser.version(),
    cpu: `${cpus()[0].model} (${cpus().length} cores)`,
    runs: RUNS,
    hits: HITS,
    noTemporal: NO_TEMPORAL,
    startupOnly: STARTUP_ONLY,
    trackers: {},
  };

  const sent = (name) =>
    isOurs(name)
      ? collector.state.requests.filter((r) => r.path === '/mtc/event')
      : sink.requests.filter((r) => r.path.startsWith(`/${encodeURIComponent(name)}`));
  sentCount = (name) => sent(name).length;

  const figures = {};
  for (const name of Object.keys(TRACKERS)) {
    figures[name] = {
      ...Object.fromEntries(
        ['startup', 'startupLongest', 'returning', 'returningLongest', 'newTab', 'newTabLongest', 'perHit', 'loop', 'longestPerHit', 'longestDrain', 'heap'].map((key) => [key, []]),
      ),
      wire: { requests: 0, bytes: 0 },
    };
  }
  // Runs interleave the trackers (run 1 of each, then run 2 of each…), so a change of the machine's
  // load during the bench weighs on every tracker alike.
  for (let run = 0; run < RUNS; run++) {
    for (const name of Object.keys(TRACKERS)) {
      const { startup, startupLongest, returning, returningLongest, newTab, newTabLongest, perHit, loop, longestPerHit, longestDrain, heap } = figures[name];
      const context = await browser.newContext();
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      collector.state.requests.length = 0;
      collector.state.hits.length = 0;
      sink.requests.length = 0;

      // 1. Start-up: script evaluation and the first hit, as Chrome accounts main-thread script time.
      // ScriptDuration is cumulative for the page: when the first hit has arrived, it holds the
      // bundle's evaluation, the start and the dispatch (the page's own scaffolding is a few lines).
      await page.goto(`${pages.url}/page?t=${encodeURIComponent(name)}`);
      await startAndWaitForFirstHit(page, name);
      startup.push((await metric(cdp, 'ScriptDuration')) * 1000);
      startupLongest.push(await page.evaluate(() => window.longest));

      // 2. Per hit: 1,000 events in a loop; total main-thread script time and the longest task.
      if (!STARTUP_ONLY) {
        await cdp.send('HeapProfiler.collectGarbage');
        const heapBefore = (await cdp.send('Runtime.getHeapUsage')).usedSize;
        const scriptBefore = await metric(cdp, 'ScriptDuration');
        const requestsBefore = sent(name).length;
        const bytesBefore = sent(name).reduce((sum, r) => sum + r.bytes, 0);
        await page.evaluate(
          (hits) =>
            new Promise((resolve) =>
              setTimeout(() => {
                window.longest = 0;
                const started = performance.now();
                for (let i = 0; i < hits; i++) window.bench.event(i);
                resolve((window.loopMs = performance.now() - started));
              }),
            ),
          HITS,
        );
        loop.push(await page.evaluate(() => window.loopMs));
        // Until every hit went out (batching trackers flush on a timer), or 15 s.
        let last = -1;
        for (let waited = 0; waited < 15_000 && last !== sent(name).length; waited += 1500) {
          last = sent(name).length;
          await page.waitForTimeout(1500);
        }
        perHit.push(((await metric(cdp, 'ScriptDuration')) - scriptBefore) * 1000);
        longestPerHit.push(await page.evaluate(() => window.longest));
        const requests = sent(name).slice(requestsBefore);
        figures[name].wire = {
          requests: requests.length / HITS,
          bytes: (sent(name).reduce((sum, r) => sum + r.bytes, 0) - bytesBefore) / HITS,
        };
        await cdp.send('HeapProfiler.collectGarbage');
        heap.push(((await cdp.send('Runtime.getHeapUsage')).usedSize - heapBefore) / 1024);
      }
      await context.close();

      // 2b. The visitor's next page: the same profile loads a first page (its hit answered,
      // what it stores kept), leaves it for a blank page of the site (where the first page's unload
      // work is done and counted by nobody), then loads the page again and starts the tracker.
      const visitContext = await browser.newContext();
      const visit = await visitContext.newPage();
      const visitCdp = await visitContext.newCDPSession(visit);
      await visitCdp.send('Performance.enable');
      await visit.goto(`${pages.url}/page?t=${encodeURIComponent(name)}`);
      await startAndWaitForFirstHit(visit, name);
      await visit.waitForTimeout(1000); // the answer read, ids stored
      await visit.goto(`${pages.url}/blank`);
      await visit.waitForTimeout(300); // requests sent at unload arrive before the next page starts
      const scriptBeforeNext = await metric(visitCdp, 'ScriptDuration');
      await visit.goto(`${pages.url}/page?t=${encodeURIComponent(name)}&page=2`);
      await startAndWaitForFirstHit(visit, name);
      returning.push(((await metric(visitCdp, 'ScriptDuration')) - scriptBeforeNext) * 1000);
      returningLongest.push(await visit.evaluate(() => window.longest));
      // 2c. The same visitor comes back in a new tab: storage and cookies are there, but the page
      // gets a renderer process of its own, where nothing any earlier page warmed is left.
      await visit.close();
      await new Promise((r) => setTimeout(r, 300));
      const tab = await visitContext.newPage();
      const tabCdp = await visitContext.newCDPSession(tab);
      await tabCdp.send('Performance.enable');
      await tab.goto(`${pages.url}/page?t=${encodeURIComponent(name)}&page=3`);
      await startAndWaitForFirstHit(tab, name);
      newTab.push((await metric(tabCdp, 'ScriptDuration')) * 1000);
      newTabLongest.push(await tab.evaluate(() => window.longest));
      await visitContext.close();

      // 3. Queue drain: 1,000 commands queued before the script loads (ours), or issued in the
      // task right after start (peers, whose npm builds have no pre-load queue).
      if (STARTUP_ONLY) continue;
      const drainContext = await browser.newContext();
      const drainPage = await drainContext.newPage();
      if (isOurs(name)) {
        await drainPage.goto(`${pages.url}/page?t=${encodeURIComponent(name)}&queue=1`);
      } else {
        await drainPage.goto(`${pages.url}/page?t=${encodeURIComponent(name)}`);
        await drainPage.evaluate(
          (hits) =>
            new Promise((resolve) =>
              setTimeout(() => {
                window.longest = 0;
                window.bench.start();
                for (let i = 0; i < hits; i++) window.bench.event(i);
                resolve();
              }),
            ),
          HITS,
        );
      }
      await drainPage.waitForTimeout(1500);
      longestDrain.push(await drainPage.evaluate(() => window.longest));
      await drainContext.close();
    }
    console.error(`run ${run + 1} of ${RUNS} measured`);
  }

  for (const name of Object.keys(TRACKERS)) {
    const { code } = scripts[name];
    const { startup, startupLongest, returning, returningLongest, newTab, newTabLongest, perHit, loop, longestPerHit, longestDrain, heap, wire } = figures[name];
    const gzip = gzipSync(code, { level: 9 }).length;
    const brotli = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    results.trackers[name] = {
      version: TRACKERS[name].version || versionOf(name),
      bytes: { min: code.length, gzip, brotli },
      startupMs: stats(startup),
      startupLongestTaskMs: stats(startupLongest),
      returningStartupMs: stats(returning),
      returningLongestTaskMs: stats(returningLongest),
      newTabStartupMs: stats(newTab),
      newTabLongestTaskMs: stats(newTabLongest),
      perHitTotalMs: stats(perHit),
      perHitLoopMs: stats(loop),
      perHitLongestTaskMs: stats(longestPerHit),
      drainLongestTaskMs: stats(longestDrain),
      requestsPerHit: round(wire.requests, 3),
      requestBytesPerHit: Math.round(wire.bytes),
      heapGrowthKiB: stats(heap),
    };
  }

  await browser.close();
  pages.close();
  sink.close();
  await collector.close();

  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/${results.date.replace(/[:.]/g, '-')}.json`;
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  printTable(results);
  console.log(`\nJSON: ${file}`);
}

function printTable(results) {
  const ours = results.trackers['mautic-tracker'];
  const names = Object.keys(results.trackers);
  const rows = [
    ['bytes: min', (t) => t.bytes.min],
    ['bytes: gzip -9', (t) => t.bytes.gzip],
    ['bytes: brotli', (t) => t.bytes.brotli],
    ['first visit: start-up script ms to the first hit (median)', (t) => round(t.startupMs.median)],
    ['first visit: start-up script ms (min–max)', (t) => `${round(t.startupMs.min)}–${round(t.startupMs.max)}`, false],
    ['first visit: start-up longest task ms (median)', (t) => round(t.startupLongestTaskMs.median)],
    ['next page (same tab): script ms to the first hit (median)', (t) => round(t.returningStartupMs.median)],
    ['next page (same tab): script ms (min–max)', (t) => `${round(t.returningStartupMs.min)}–${round(t.returningStartupMs.max)}`, false],
    ['next page (same tab): longest task ms (median)', (t) => round(t.returningLongestTaskMs.median)],
    ['returning visitor, new tab: script ms to the first hit (median)', (t) => round(t.newTabStartupMs.median)],
    ['returning visitor, new tab: script ms (min–max)', (t) => `${round(t.newTabStartupMs.min)}–${round(t.newTabStartupMs.max)}`, false],
    ['returning visitor, new tab: longest task ms (median)', (t) => round(t.newTabLongestTaskMs.median)],
    [`${HITS} hits: the calls' own loop ms (median)`, (t) => round(t.perHitLoopMs.median)],
    [`${HITS} hits: all script ms incl. sending (median)`, (t) => round(t.perHitTotalMs.median)],
    [`${HITS} hits: longest task ms (median)`, (t) => round(t.perHitLongestTaskMs.median)],
    [`queue drain: longest task ms (median)`, (t) => round(t.drainLongestTaskMs.median)],
    ['requests per hit', (t) => (results.startupOnly ? NaN : t.requestsPerHit)],
    ['request bytes per hit', (t) => (results.startupOnly ? NaN : t.requestBytesPerHit)],
    [`heap growth after ${HITS} hits KiB (median)`, (t) => round(t.heapGrowthKiB.median)],
  ];
  console.log(`\nChromium ${results.chromium}, ${results.cpu}, ${results.runs} runs each (median; ratio = ours / theirs)${results.noTemporal ? ', Temporal removed from every page' : ''}\n`);
  // @plausible-analytics/tracker → plausible, posthog-js → posthog, a variant of ours keeps its name.
  const short = (name) => (name[0] == '@' ? name.slice(1).split(/[/-]/)[0] : name.replace(/-js$/, ''));
  const header = ['figure', ...names, ...names.slice(1).map((n) => `ratio vs ${short(n)}`)];
  console.log('| ' + header.join(' | ') + ' |');
  console.log('|' + header.map(() => '---').join('|') + '|');
  for (const [label, get, withRatio = true] of rows) {
    const values = names.map((n) => get(results.trackers[n]));
    if (values.every((value) => Number.isNaN(value))) continue; // not measured (BENCH_STARTUP_ONLY)
    const ratios = names.slice(1).map((n) => {
      const theirs = get(results.trackers[n]);
      return withRatio && typeof theirs === 'number' && theirs > 0 ? round(get(ours) / theirs, 2) : '';
    });
    console.log('| ' + [label, ...values, ...ratios].join(' | ') + ' |');
  }
  console.log('\nlongest task: 0 means no task reached 50 ms (the Long Tasks API reports only those).');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

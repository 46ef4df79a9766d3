/**
 * The script-tag adapter: connects the page's `mt()` global and its pre-load queue to the tracking
 * core. All logic lives in the core; `dist/mt.js` and `dist/mt.full.js` differ only in the plugins
 * they install.
 */
import { createCore } from './tracker.js';
import type { Extension } from './plugins.js';
import { runCommand } from './command.js';
import { pageTimeZone } from './hit.js';
import { dispatchDocumentEvent } from './lib/dispatch-document-event.js';
import { debugLog } from './lib/debug-log.js';
import { isObject } from './lib/is-object.js';

/** Longest stretch the pre-load queue may occupy the main thread at once. */
const DRAIN_SLICE_MS = 8;

/**
 * Marks our `mt()` so a second copy of the bundle on the same page stands down, and holds the first
 * copy's debug log, where the second says so.
 */
const INSTALLED = '_mautic_tracker';

type QueuedFunction = { (...args: unknown[]): void; q?: ArrayLike<unknown>[]; [INSTALLED]?: (message: string) => void };

/** Installs the script-tag tracker on the page, unless a copy already did. */
export function install(extend?: Extension): void {
  const page = window as unknown as Record<string, QueuedFunction | undefined> & { MauticTrackingObject?: unknown };
  const name = typeof page.MauticTrackingObject == 'string' ? page.MauticTrackingObject : 'mt';
  const existing = page[name];
  // `mt.js` and `mt.full.js` both on a page (an old tag left in a theme): the first one loaded runs.
  // (An older version's mark is `true`: calling it throws, which install's caller keeps from the page.)
  if (existing && existing[INSTALLED]) return existing[INSTALLED]('ignored: a second tracker script (' + (extend ? 'mt.full.js' : 'mt.js') + ')');

  const script = document.currentScript as HTMLScriptElement | null;
  // A script tag may carry its setup, for pages that allow no inline script (strict CSP):
  // <script async src=".../mt.js" data-url="https://mautic…" data-options='{"debug":true}' data-pageview>
  const data: DOMStringMap = (script && script.dataset) || {};
  // By default Mautic serves the bundle from its root: the base URL is the bundle's folder. A bundle
  // from elsewhere (blob:, data:, inline) knows no Mautic until configured.
  const src = script && script.src;
  const core = createCore(/^https?:/.test(src!) ? { url: new URL('.', src!).href } : {}, extend);
  /** Set when data-options cannot be read: then every command is refused. */
  let unreadable: string | undefined;
  const run = (args: ArrayLike<unknown>): void => runCommand(core, args, unreadable);
  const tracker: QueuedFunction = function () {
    // Integrations written against Mautic's script listen for every command pushed after load.
    dispatchDocumentEvent('eventAddedToMauticQueue', arguments);
    // While the pre-load queue drains, later calls wait behind it, in order.
    if (backlog.length) backlog.push(arguments);
    else run(arguments);
  };
  // A second script tag right behind runs before the queue's options (debug) apply: its line waits until the queue is read.
  tracker[INSTALLED] = function logAfterQueue(message: string): void { if (backlog.length) setTimeout(() => logAfterQueue(message)); else core.log(message); };
  page[name] = tracker;

  const backlog: ArrayLike<unknown>[] = Array.from((existing && existing.q) || []);
  // data-url is checked like any `url` option, after data-options so that a `debug` there logs a refusal.
  if (data.url != null) backlog.unshift(['config', { url: data.url }]);
  if (data.pageview != null) backlog.push(['send', 'pageview']);
  if (data.options) {
    try {
      const options = JSON.parse(data.options);
      if (!isObject(options)) throw options;
      backlog.unshift(['config', options]);
    } catch (_) {
      // Options that cannot be read may have asked for consent first: nothing is sent, and the
      // console says why even without debug mode (which they may have asked for too).
      debugLog((unreadable = 'data-options is not a JSON object: nothing is sent'), data.options);
    }
  }
  // Options anywhere in the pre-load queue apply before its first hit (a stable sort: in order otherwise).
  const isConfig = (args: ArrayLike<unknown>): number => +(args && args[0] == 'config');
  backlog.sort((a, b) => isConfig(b) - isConfig(a));
  // A long queue drains in slices of about 8 ms, so the page never sees a long task from us. The time
  // zone is read in a task of its own first: without Temporal, the first use of Intl costs 20–60 ms.
  const drain = (): void => {
    const started = Date.now();
    while (backlog.length && Date.now() - started < DRAIN_SLICE_MS) run(backlog[0]), backlog.shift();
    if (backlog.length) setTimeout(drain);
  };
  setTimeout(() => {
    pageTimeZone();
    setTimeout(drain);
  });
}

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

/** Longest stretch the pre-load queue may occupy the main thread at once. */
const DRAIN_SLICE_MS = 8;

/** Marks our `mt()` so a second copy of the bundle on the same page stands down. */
const INSTALLED = '_mautic_tracker';

type QueuedFunction = { (...args: unknown[]): void; q?: ArrayLike<unknown>[]; [INSTALLED]?: boolean };

/** Installs the script-tag tracker on the page, unless a copy already did. */
export function install(extend?: Extension): void {
  const page = window as unknown as Record<string, QueuedFunction | undefined> & { MauticTrackingObject?: unknown };
  const name = typeof page.MauticTrackingObject == 'string' ? page.MauticTrackingObject : 'mt';
  const existing = page[name];
  if (existing && existing[INSTALLED]) return;

  const script = document.currentScript as HTMLScriptElement | null;
  // A script tag may carry its setup, for pages that allow no inline script (strict CSP):
  // <script async src=".../mt.js" data-url="https://mautic…" data-options='{"debug":true}' data-pageview>
  const data = (script && script.dataset) || {};
  // By default Mautic serves the bundle from its root: the base URL is the bundle's folder. A bundle
  // from elsewhere (blob:, data:, inline) knows no Mautic until configured.
  const src = script && script.src;
  const core = createCore(/^https?:/.test(src!) ? { url: new URL('.', src!).href } : {}, extend);

  const tracker: QueuedFunction = function () {
    // Integrations written against Mautic's script listen for every command pushed after load.
    dispatchDocumentEvent('eventAddedToMauticQueue', arguments);
    // While the pre-load queue drains, later calls wait behind it, in order.
    if (backlog.length) backlog.push(arguments);
    else runCommand(core, arguments);
  };
  tracker[INSTALLED] = true;
  page[name] = tracker;

  const backlog: ArrayLike<unknown>[] = Array.prototype.slice.call((existing && existing.q) || []);
  // data-url is checked like any `url` option, after data-options so that a `debug` there logs a refusal.
  if (data.url != null) backlog.unshift(['config', { url: data.url }]);
  if (data.options) {
    try {
      backlog.unshift(['config', JSON.parse(data.options)]);
    } catch (_) {
      core.log('ignored: data-options is not JSON');
    }
  }
  if (data.pageview != null) backlog.push(['send', 'pageview']);
  // Options anywhere in the pre-load queue apply before its first hit; the sort is stable, so the
  // order is kept otherwise.
  const isConfig = (args: ArrayLike<unknown>): number => +(args && args[0] == 'config');
  backlog.sort((a, b) => isConfig(b) - isConfig(a));
  // A long queue drains in slices of about 8 ms, so the page never sees a long task from us. The
  // time zone is read in a task of its own before the first slice: without Temporal, the first use
  // of Intl costs 20–60 ms.
  const drain = (): void => {
    const started = Date.now();
    while (backlog.length && Date.now() - started < DRAIN_SLICE_MS) runCommand(core, backlog[0]), backlog.shift();
    if (backlog.length) setTimeout(drain);
  };
  setTimeout(() => {
    pageTimeZone();
    setTimeout(drain);
  });
}

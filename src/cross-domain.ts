import type { PluginContext, TrackerPlugin } from './plugins.js';
import { IN_SCRIPT_TAG } from './config.js';
import { onFormSubmit } from './lib/on-form-submit.js';
import { setHiddenField } from './lib/hidden-field.js';
import { listen } from './lib/listen.js';
import { watchOption } from './lib/watch-option.js';
import { eventElements, findLink, linkUrl, undecoratedHref } from './lib/event-link.js';

/** The query parameter that carries the device id to another site: `mt_did=<device id>.<unix seconds>`. */
export const CROSS_DOMAIN_PARAM = 'mt_did';

/** An arriving `mt_did` older than this (seconds) is ignored: a link shared or bookmarked later must not pass the id on. */
export const CROSS_DOMAIN_MAX_AGE_S = 120;

/** A host name, or `*.` and a domain (the domain and every subdomain). */
const HOST_PATTERN = /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*$/i;

/** `<device id>.<unix seconds>`; the id as the tracker stores ids. */
const TOKEN = /^([0-9A-Za-z]{8,64})\.(\d{1,12})$/;

/**
 * `url` without any `mt_did` pair (the other pairs stay exactly as written), then with `pair` added
 * when given, before the fragment.
 */
export const replaceParam = (url: string, pair?: string): string => {
  // Before the first `?`, the query (up to the fragment), the fragment.
  const [, address, query, hash] = /^([^?#]*)\??([^#]*)(.*)$/.exec(url)!;
  const pairs = query.split('&').filter((one) => one && one.split('=')[0] != CROSS_DOMAIN_PARAM);
  if (pair) pairs.push(pair);
  return address + (pairs.length ? '?' + pairs.join('&') : '') + hash;
};

/**
 * Takes `mt_did` out of the address bar (`history.replaceState`, before any pageview reads the URL),
 * and returns the device id it carries when it is well-formed and at most 2 minutes old.
 */
function arrival(log: PluginContext['log']): string | undefined {
  const clean = replaceParam(location.href);
  // The last one counts, as for a server.
  const token = new URLSearchParams(location.search).getAll(CROSS_DOMAIN_PARAM).pop();
  if (clean == location.href || token == null) return undefined;
  try {
    history.replaceState(history.state, '', clean);
  } catch (_) {
    log('crossDomain: could not remove ' + CROSS_DOMAIN_PARAM);
  }
  const match = TOKEN.exec(token);
  const age = match ? Date.now() / 1000 - +match[2] : NaN;
  // A few seconds into the future pass: it is the same browser's clock, but clocks get corrected.
  if (age > -10 && age <= CROSS_DOMAIN_MAX_AGE_S) return match![1];
  log('crossDomain: ' + CROSS_DOMAIN_PARAM + ' ignored (' + (match ? 'stale' : 'malformed') + ')', token);
  return undefined;
}

/**
 * Gives `link` (to `url`) the `mt_did` pair `value` for the click being dispatched only: the page
 * gets its own href back right after.
 */
function decorate(link: Element, url: URL, value: string): void {
  // Another tracker's crossDomain may have decorated it already in this click.
  const written = undecoratedHref.get(link) || link.getAttribute('href')!;
  link.setAttribute('href', replaceParam(url.href, CROSS_DOMAIN_PARAM + '=' + value));
  undecoratedHref.set(link, written);
  // The browser has read the link once this event is dispatched: the page gets its href back,
  // so "Copy link" or a later context-menu "Open in new tab" carries no id that goes stale.
  setTimeout(() => {
    link.setAttribute('href', written);
    undecoratedHref.delete(link);
  });
}

/**
 * Plugin (in `dist/mt.full.js`; npm: `createTracker(options, [crossDomain])`): one contact across
 * the sites of one owner, without third-party cookies.
 * - **Leaving**: links (click, middle click, Ctrl/Cmd-click) and `method=get` forms to a host of the
 *   `crossDomain` option (`['shop.example.net', '*.example.org']`) get `mt_did=<device id>.<unix
 *   seconds>` at the moment they are used — never in the page's HTML, so copied links carry nothing —
 *   when a device id is known and consent allows tracking.
 * - **Arriving** (the other site needs this plugin too): `mt_did` is removed from the address bar as
 *   the tracker starts, before any pageview reads the URL, so it reaches neither Mautic's `page_url`
 *   nor bookmarks. Its device id is adopted at the first hit that leaves (so after consent) when it is
 *   well-formed, at most 2 minutes old, and no device id is stored yet — or always with
 *   `crossDomainReplace: true`.
 */
export function crossDomain(context: PluginContext): TrackerPlugin {
  const { log } = context;
  let adopt: string | undefined;
  /** Debug lines of the arrival, logged at the first hit. */
  const arrived: Parameters<PluginContext['log']>[] = [];
  /** The host patterns of the last valid `crossDomain` option. */
  const patterns = watchOption(
    context,
    'crossDomain',
    (value) => Array.isArray(value) && value.every((pattern) => typeof pattern == 'string' && HOST_PATTERN.test(pattern)) && value.map((pattern: string) => pattern.toLowerCase()),
    [] as string[],
    'host names or *.domain',
  );
  /** What `mt_did` carries to `host` now; '' for a host not listed (or this page's), or no id to give. */
  const token = (host: string): string => {
    const deviceId = context.deviceId();
    const listed = host != location.hostname && patterns().some((pattern) => pattern == host || (pattern[0] == '*' && ('.' + host).endsWith(pattern.slice(1))));
    return listed && deviceId && context.consented() ? deviceId + '.' + Math.floor(Date.now() / 1000) : '';
  };

  if (IN_SCRIPT_TAG || typeof document != 'undefined') {
    try {
      // Said at the first hit: a script tag's `debug` from its queue applies only after this runs.
      adopt = arrival((...line) => void arrived.push(line));
    } catch (_) {
      // An address we cannot read is left as it is.
    }
    // Capture phase: before the page's handlers, which may navigate themselves. A link we cannot
    // read is followed as it is.
    listen(document, 'click auxclick', (event) => {
      const link = findLink(eventElements(event));
      const url = link && linkUrl(link);
      const value = url && token(url.hostname);
      if (value) decorate(link!, url!, value);
    }, context.signal);
    onFormSubmit((form, action, method) => {
      const value = method == 'get' && token(action.hostname);
      if (value) setHiddenField(form, CROSS_DOMAIN_PARAM, value);
    }, context.signal);
  }

  return {
    hit() {
      arrived.splice(0).forEach((line) => log(...line));
      if (!adopt) return;
      const stored = context.deviceId();
      if (stored == adopt) {
        // This visitor already.
      } else if (!stored || context.options().crossDomainReplace) {
        // Before the outbox sends this first hit: it leaves with the adopted id.
        context.remember({ device_id: adopt });
        log('crossDomain: device id adopted');
      } else {
        log('crossDomain: ' + CROSS_DOMAIN_PARAM + ' ignored, id stored (crossDomainReplace)');
      }
      adopt = undefined;
    },
  };
}

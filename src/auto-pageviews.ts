import type { TrackerOptions } from './types.js';
import { onPage } from './lifecycle.js';
import { referrerHost } from './lib/referrer-host.js';
import { IN_SCRIPT_TAG } from './config.js';

/**
 * An SPA pageview waits this long after the URL changed: routers set the new title after the
 * history change, and a redirect (push, then replace at once) is one navigation, not two.
 */
const ROUTE_SETTLE_MS = 100;

/** Automatic pageviews of a single-page app (the `autoPageviews` option). */
export interface AutoPageviews {
  /** Follows the page's navigations from now on, if `autoPageviews` is on and it does not yet. */
  watch(): void;
  /** A pageview of the current URL was made, manual or automatic. */
  seen(): void;
  /** Stops following navigation, for good (npm `destroy()`; not in the script-tag bundles). */
  destroy?(): void;
}

/**
 * After each navigation (`navigated`, see lifecycle.ts) has settled for 100 ms, calls `pageview`
 * with the previous pageview's host as referrer — only when the URL (without the fragment, unless
 * `hashRouting`) differs from the last pageview's, manual or automatic. This one rule gives:
 * replaceState of the same URL → nothing; redirect → one pageview; manual pageview → no automatic
 * twin; the title read after the router set it.
 */
export function createAutoPageviews(options: () => Required<TrackerOptions>, pageview: (referrer: string) => void): AutoPageviews {
  /** URL of the last pageview (manual or automatic). */
  let last: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let unsubscribe: (() => void) | undefined;
  /** A URL as the rule compares it. */
  const route = (url = ''): string => (options().hashRouting ? url : url.split('#')[0]);
  return {
    watch() {
      // No page during server-side rendering (npm only: the script-tag bundles always have one).
      if (!options().autoPageviews || unsubscribe || (!IN_SCRIPT_TAG && typeof window == 'undefined')) return;
      unsubscribe = onPage('navigated', () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          if (options().autoPageviews && route(location.href) != route(last)) pageview(referrerHost(last || ''));
        }, ROUTE_SETTLE_MS);
      });
    },
    seen() {
      last = location.href;
    },
    ...(!IN_SCRIPT_TAG && {
      destroy() {
        clearTimeout(timer);
        if (unsubscribe) unsubscribe();
      },
    }),
  };
}

/**
 * Tells when a single-page app navigated: `history.pushState` / `replaceState` (patched once per
 * page, shared by every tracker), `popstate` (back/forward) and `hashchange`. The listener decides
 * whether the URL really changed.
 */
const NAVIGATED = 'mautic-tracker:navigated';
const PATCHED = '_mauticTracker';

/** Calls `navigated` after every history change of the page, from now on. */
export function watchNavigation(navigated: () => void): void {
  const history = window.history as History & Record<string, unknown>;
  for (const method of ['pushState', 'replaceState']) {
    const original = history[method] as ((...args: unknown[]) => void) & { [PATCHED]?: boolean };
    if (typeof original != 'function' || original[PATCHED]) continue;
    const patched = function (this: History, ...args: unknown[]) {
      const result = original.apply(this, args);
      dispatchEvent(new Event(NAVIGATED));
      return result;
    };
    (patched as typeof original)[PATCHED] = true;
    history[method] = patched;
  }
  for (const event of [NAVIGATED, 'popstate', 'hashchange']) addEventListener(event, navigated);
}

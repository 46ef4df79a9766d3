/**
 * Tells when a single-page app navigated: `history.pushState` / `replaceState` (patched once per
 * page, shared by every tracker), `popstate` (back/forward) and `hashchange`. The listener decides
 * whether the URL really changed.
 */
const NAVIGATED = 'mautic-tracker:navigated';
const PATCHED = '_mauticTracker';

/**
 * Calls `navigated` after every history change of the page, from now on, until the returned function
 * is called. The history patch stays: other trackers (and later ones) share it.
 */
export function watchNavigation(navigated: () => void): () => void {
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
  const events = [NAVIGATED, 'popstate', 'hashchange'];
  events.forEach((event) => addEventListener(event, navigated));
  return () => events.forEach((event) => removeEventListener(event, navigated));
}

/** The window event our patched `history.pushState` / `replaceState` fire (shared by every copy of the bundle). */
export const NAVIGATED = 'mautic-tracker:navigated';

/** Marks a patched `history`, so a second tracker (or a second copy of the code) does not patch again. */
const PATCHED = '_mauticTracker';

/**
 * Makes `history.pushState` and `replaceState` announce themselves with the `NAVIGATED` window
 * event (`lifecycle.ts` hears it as `navigated`), once per page: the patch is shared by every
 * tracker and stays for the page's life. The originals still run, first.
 */
export function patchHistory(): void {
  const history = window.history as History & Record<string, unknown>;
  if (history[PATCHED]) return;
  history[PATCHED] = true;
  for (const method of ['pushState', 'replaceState']) {
    const original = history[method] as (...args: unknown[]) => void;
    // The originals return nothing; an exception of theirs reaches the caller, with no event.
    history[method] = function (this: History, ...args: unknown[]) {
      original.apply(this, args);
      dispatchEvent(new Event(NAVIGATED));
    };
  }
}

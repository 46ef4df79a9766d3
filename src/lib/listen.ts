/**
 * Adds `handler` for each of `types` (names separated by spaces) on `target` in the capture phase:
 * before the page's own handlers, and a page's `stopPropagation()` cannot hide the event from it.
 * Whatever the handler throws stays out of the page. `signal` (a plugin's) removes the listeners.
 */
export const listen = (target: EventTarget, types: string, handler: (event: Event) => void, signal?: AbortSignal): void => {
  for (const type of types.split(' ')) {
    target.addEventListener(
      type,
      (event) => {
        try {
          handler(event);
        } catch (_) {
          // An element or address we cannot read is left as it is.
        }
      },
      { capture: true, signal },
    );
  }
};

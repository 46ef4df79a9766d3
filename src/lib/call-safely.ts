/**
 * Calls a host-supplied function so that whatever it throws cannot disturb the tracker or other
 * hits. The error is re-thrown on a fresh task so it still shows in the console and reaches the
 * page's own error reporting, as an exception in an event listener would.
 */
export function callSafely<A>(callbacks: object, name: string, arg: A): void {
  let fn: unknown;
  try {
    fn = (callbacks as Record<string, unknown>)[name];
  } catch (_) {
    // A callbacks object that cannot be read (a hostile getter or Proxy) has no callback.
  }
  if (typeof fn != 'function') return;
  try {
    fn(arg);
  } catch (error) {
    setTimeout(() => {
      throw error;
    });
  }
}

/**
 * Milliseconds a `Retry-After` header asks us to wait: delay-seconds or an HTTP date; 0 when absent
 * or unreadable. (Cross-origin, the header is only readable when the server lists it in
 * `Access-Control-Expose-Headers`.)
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number {
  if (!value) return 0;
  const seconds = Number(value);
  if (seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return date > now ? date - now : 0;
}

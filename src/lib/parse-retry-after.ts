/**
 * Milliseconds a `Retry-After` header asks us to wait: delay-seconds or an HTTP date; 0 when absent
 * or unreadable. (Cross-origin, the header is only readable when the server lists it in
 * `Access-Control-Expose-Headers`.)
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number {
  // Absent or empty is 0 seconds; text that is neither a number nor a date is NaN, hence 0.
  const seconds = Number(value);
  return seconds >= 0 ? seconds * 1000 : Math.max(0, Date.parse(value!) - now) || 0;
}

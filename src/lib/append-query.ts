/** Adds an already encoded `key=value` pair to a URL's query, keeping its fragment last. */
export function appendQuery(url: string, pair: string): string {
  // Everything before the first `#` is the URL without its fragment.
  return url.replace(/^[^#]*/, (base) => base + (base.indexOf('?') < 0 ? '?' : '&') + pair);
}

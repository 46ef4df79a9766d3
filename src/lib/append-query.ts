/** Adds an already encoded `key=value` pair to a URL's query, keeping its fragment last. */
export function appendQuery(url: string, pair: string): string {
  // The part before any `#` gets the pair.
  return url.replace(/^[^#]*/, (base) => base + (base.indexOf('?') < 0 ? '?' : '&') + pair);
}

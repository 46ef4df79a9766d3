/** Adds an already encoded `key=value` pair to a URL's query, keeping its fragment last. */
export function appendQuery(url: string, pair: string): string {
  const hashAt = url.indexOf('#');
  const base = hashAt < 0 ? url : url.slice(0, hashAt);
  return base + (base.indexOf('?') < 0 ? '?' : '&') + pair + (hashAt < 0 ? '' : url.slice(hashAt));
}

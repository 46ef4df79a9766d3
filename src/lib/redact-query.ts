/**
 * `url` without the query parameters whose names are in `names` (lower case; the URL's names are
 * compared in lower case, as written, not decoded). Parameters are the `&`-separated pairs of the
 * query and of the fragment: after the fragment's own `?` (hash routes, `#/reset?token=…`), else the
 * whole fragment (OAuth's `#access_token=…`). A pair without `=` is kept (an anchor `#session`).
 * Everything else stays byte for byte; a query or fragment left empty loses its `?` or `#`.
 */
export function redactQuery(url: string, names: string[]): string {
  // The query runs to the fragment (a `?` in it is data); a `?` in the fragment starts its parameters.
  return url.replace(/([?#])([^#]*)/g, (part, mark: string, text: string) => {
    const head = mark + text.slice(0, mark == '#' ? text.indexOf('?') + 1 : 0);
    const params = text.slice(head.length - 1);
    const kept = params
      .split('&')
      .filter((pair) => pair.indexOf('=') < 0 || names.indexOf(pair.split('=')[0].toLowerCase()) < 0)
      .join('&');
    return kept == params ? part : kept ? head + kept : head.slice(0, -1);
  });
}

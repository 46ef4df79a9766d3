/**
 * The elements an event went through, innermost first, across open shadow roots (where
 * `event.target` stops at the host).
 */
export const eventElements = (event: Event): Element[] =>
  (event.composedPath ? event.composedPath() : [event.target]).filter((node) => node && (node as Node).nodeType == 1) as Element[];

/** The innermost link among `elements`: `<a href>` or `<area href>` (also in SVG). */
export const findLink = (elements: Element[]): Element | undefined =>
  elements.find((element) => /^(a|area)$/.test(element.localName) && element.hasAttribute('href'));

/** A link's URL as the browser follows it, when it is http(s). Throws on an href no URL can be made of. */
export function linkUrl(link: Element): URL | undefined {
  const url = new URL(link.getAttribute('href')!, link.baseURI);
  return /^https?:$/.test(url.protocol) ? url : undefined;
}

/**
 * The elements an event went through, innermost first, across open shadow roots (where
 * `event.target` stops at the host). Every browser that runs our ES2018 bundle has `composedPath`.
 */
export const eventElements = (event: Event): Element[] => event.composedPath().filter((node) => (node as Node).nodeType == 1) as Element[];

/** The innermost link among `elements`: `<a href>` or `<area href>` (also in SVG). */
export const findLink = (elements: Element[]): Element | undefined =>
  elements.find((element) => element.matches('a[href],area[href]'));

/**
 * The `href` of links that carry a decoration for the click being handled (the cross-domain
 * `mt_did`), as the page wrote it: what other plugins read (an outbound event's label), whichever
 * plugin's listener runs first.
 */
export const undecoratedHref = new WeakMap<Element, string>();

/** A link's URL as the page wrote it, when it is http(s). Throws on an href no URL can be made of. */
export const linkUrl = (link: Element): URL | undefined => {
  const url = new URL(undecoratedHref.get(link) || link.getAttribute('href')!, link.baseURI);
  return /^https?:$/.test(url.protocol) ? url : undefined;
};

/** Elements that may load or run something, allowed only when their URL is on the Mautic host. */
const EMBEDDING = /^(script|iframe|frame|object|embed|base|link|meta)$/;
/** Attributes that hold a URL a `javascript:` (or `data:`) scheme could turn into code. */
const URL_ATTRIBUTE = /^(href|src|action|formaction|xlink:href|srcdoc|data)$/i;
const SCRIPT_URL = /^\s*(javascript|vbscript|data):/i;

/**
 * The built-in clean-up of dynamic-content HTML, on a tree parsed into an inert template:
 * - `<script>`: removed; its `src`, when on the Mautic host (Mautic forms, focus items), is returned so
 *   the caller loads it (scripts moved out of an inert document would never run anyway);
 * - `<iframe>`, `<object>`, `<embed>`, `<frame>`, `<base>`, `<link>`, `<meta>`: removed unless their URL
 *   is on the Mautic host;
 * - every `on…` attribute (also those the caller renamed `data-blocked-on…` before parsing), and `href` / `src` / `action` / … with a `javascript:`, `vbscript:` or
 *   `data:` URL: removed.
 * `onRemoved` hears each removal, for debug mode.
 */
export function cleanContent(
  root: ParentNode,
  fromMautic: (url: string) => boolean,
  onRemoved: (what: string) => void,
): string[] {
  const scripts: string[] = [];
  root.querySelectorAll('*').forEach((element) => {
    const tag = element.localName;
    if (EMBEDDING.test(tag)) {
      const url = element.getAttribute('src') || element.getAttribute('href') || element.getAttribute('data') || '';
      const allowed = !!url && fromMautic(url);
      if (tag == 'script' && allowed) scripts.push(url);
      else if (!allowed) onRemoved('<' + tag + '>');
      if (tag == 'script' || !allowed) return element.remove();
    }
    for (const { name, value } of [...element.attributes]) {
      if (/^(data-blocked-)?on/i.test(name) || (URL_ATTRIBUTE.test(name) && SCRIPT_URL.test(value))) {
        element.removeAttribute(name);
        onRemoved(name + ' on <' + tag + '>');
      }
    }
  });
  return scripts;
}
